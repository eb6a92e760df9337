/** @file feedback.cc
 *  @brief Internal: choosing the articles of pseudo-relevance feedback.
 */
#include "search/feedback.h"

#include <algorithm>

#include "byline/document.h"

namespace byline {
namespace {

struct Kept {
  Xapian::docid id;
  std::string title;
  std::vector<std::string> terms;  // sorted, as a termlist gives them
  bool terms_read = false;
};

// An article's expansion terms, read when first needed: only articles that
// share a title are compared.
const std::vector<std::string>& TermsOf(const Xapian::Database& db, Kept* k) {
  if (!k->terms_read) {
    for (auto t = db.termlist_begin(k->id); t != db.termlist_end(k->id); ++t) {
      if (IsExpansionTerm(*t)) k->terms.push_back(*t);
    }
    k->terms_read = true;
  }
  return k->terms;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  std::size_t all = a.size() + b.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

}  // namespace

bool IsExpansionTerm(const std::string& term) {
  return term.size() > 1 && term[0] == 'Z' && term[1] >= 'a';
}

std::vector<Xapian::docid> FeedbackDocuments(const Xapian::Database& db, const Xapian::MSet& top,
                                             double overlap) {
  std::vector<Xapian::docid> out;
  std::vector<Kept> kept;
  for (auto it = top.begin(); it != top.end(); ++it) {
    Kept k{*it, {}, {}, false};
    if (overlap > 0) {
      Article a;
      if (DecodeStoredArticle(it.get_document().get_data(), &a)) k.title = std::move(a.title);
      bool duplicate = false;
      for (Kept& other : kept) {
        if (other.title == k.title && Jaccard(TermsOf(db, &k), TermsOf(db, &other)) >= overlap) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) continue;
    }
    out.push_back(*it);
    kept.push_back(std::move(k));
  }
  return out;
}

FeedbackPlan PlanFeedback(const Xapian::Query& query, const Xapian::MSet& top,
                          const RankingOptions& ranking) {
  FeedbackPlan full{ranking.expand_terms, ranking.expand_weight};
  if (ranking.feedback_gate <= 0 || top.empty()) return full;
  if (ranking.feedback_long_query > 0) {
    unsigned words = 0;  // unique terms come once each
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
      if (IsExpansionTerm(*t)) ++words;
    }
    if (words >= ranking.feedback_long_query) return full;
  }
  const double first = top.begin().get_weight();
  double ratio = 0.0;
  if (first > 0 && ranking.expand_docs > 0 && top.size() >= ranking.expand_docs) {
    ratio = top[ranking.expand_docs - 1].get_weight() / first;
  }
  const double strength =
      ranking.feedback_gate_width <= 0
          ? (ratio >= ranking.feedback_gate ? 1.0 : 0.0)
          : std::clamp((ratio - ranking.feedback_gate) / ranking.feedback_gate_width, 0.0, 1.0);
  if (strength <= 0) return {};
  const unsigned terms = ranking.feedback_short_terms > 0
                             ? std::min(ranking.feedback_short_terms, ranking.expand_terms)
                             : ranking.expand_terms;
  return {terms, ranking.expand_weight * strength};
}

}  // namespace byline
