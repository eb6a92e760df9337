/** @file feedback.cc
 *  @brief Internal: choosing the articles of pseudo-relevance feedback.
 */
#include "search/feedback.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "byline/document.h"
#include "byline/schema.h"

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
  // Unsigned: a word in any script but Latin (and Latin words such as
  // "ärzte") starts with a UTF-8 byte above 0x7F, which as a signed char
  // compared below 'a' and left `byline similar` nothing to go on.
  return term.size() > 1 && term[0] == 'Z' && static_cast<unsigned char>(term[1]) >= 'a';
}

std::vector<Xapian::docid> FeedbackDocuments(const Xapian::Database& db, const Xapian::MSet& top,
                                             double overlap, unsigned most) {
  std::vector<Xapian::docid> out;
  std::vector<Kept> kept;
  for (auto it = top.begin(); it != top.end() && (most == 0 || out.size() < most); ++it) {
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
  unsigned words = 0;  // unique terms come once each
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    if (IsExpansionTerm(*t)) ++words;
  }
  // The expansion as a whole weighs at most feedback_query_share of the
  // query's own words: a short query's twenty terms would outweigh it.
  auto capped = [&](FeedbackPlan p) {
    if (ranking.feedback_query_share > 0 && p.terms > 0) {
      p.weight = std::min(p.weight, ranking.feedback_query_share * std::max(words, 1u) /
                                        static_cast<double>(p.terms));
    }
    return p;
  };
  const FeedbackPlan full = capped({ranking.expand_terms, ranking.expand_weight});
  if (ranking.feedback_gate <= 0 || top.empty()) return full;
  if (ranking.feedback_long_query > 0 && words >= ranking.feedback_long_query) return full;
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
  return capped({terms, ranking.expand_weight * strength, ranking.feedback_short_docs,
                 ranking.feedback_term_share,
                 ratio < ranking.feedback_keep_below ? ranking.feedback_keep_top : 0});
}

Xapian::Query ExpandedQuery(const Xapian::Database& db, const Xapian::Query& query,
                            const Xapian::ESet& eset, const std::vector<Xapian::docid>& docs,
                            const FeedbackPlan& plan, const RankingOptions& ranking) {
  std::vector<std::string> terms;
  const double most = ranking.feedback_max_df * db.get_doccount();
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    if (ranking.feedback_max_df > 0 && db.get_termfreq(*it) > most) continue;
    terms.push_back(*it);
  }
  if (terms.empty()) return query;
  std::vector<double> weights(terms.size(), plan.weight);
  if (plan.share > 0 && !docs.empty()) {
    // How many feedback articles hold each term: their term lists against
    // the terms, both sorted.
    std::vector<std::size_t> order(terms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return terms[a] < terms[b]; });
    std::vector<unsigned> held(terms.size(), 0);
    for (Xapian::docid d : docs) {
      auto t = db.termlist_begin(d);
      const auto end = db.termlist_end(d);
      for (std::size_t i : order) {
        t.skip_to(terms[i]);
        if (t == end) break;
        if (*t == terms[i]) ++held[i];
      }
    }
    for (std::size_t i = 0; i < terms.size(); ++i) {
      weights[i] *= std::pow(held[i] / static_cast<double>(docs.size()), plan.share);
    }
  }
  std::vector<Xapian::Query> scaled;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (weights[i] <= 0) continue;
    scaled.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(terms[i]), weights[i]);
  }
  if (scaled.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_OR, query,
                       Xapian::Query(Xapian::Query::OP_OR, scaled.begin(), scaled.end()));
}

Xapian::Query KeepOnTop(const Xapian::Database& db, const Xapian::Query& query,
                        const std::vector<Xapian::docid>& kept, double above,
                        std::vector<double>* lifts) {
  lifts->assign(kept.size(), 0.0);
  std::vector<Xapian::Query> lifted{query};
  for (std::size_t i = 0; i < kept.size(); ++i) {
    auto t = db.termlist_begin(kept[i]);
    t.skip_to(schema::kPrefixId);
    if (t == db.termlist_end(kept[i]) || (*t).rfind(schema::kPrefixId, 0) != 0) continue;
    // An id that several databases read as one each hold would lift them all.
    if (db.get_termfreq(*t) != 1) continue;
    (*lifts)[i] = above * static_cast<double>(kept.size() - i);
    auto* source = new Xapian::FixedWeightPostingSource((*lifts)[i]);
    lifted.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(source->release()),
                        Xapian::Query(*t));
  }
  if (lifted.size() == 1) return query;
  return Xapian::Query(Xapian::Query::OP_OR, lifted.begin(), lifted.end());
}

bool KeepExpansion(const Xapian::MSet& first, const Xapian::MSet& expanded,
                   const RankingOptions& ranking) {
  if (ranking.feedback_min_overlap <= 0 || first.empty()) return true;
  std::set<Xapian::docid> before;
  for (auto it = first.begin(); it != first.end(); ++it) before.insert(*it);
  std::size_t common = 0;
  for (auto it = expanded.begin(); it != expanded.end(); ++it) common += before.count(*it);
  return static_cast<double>(common) >= ranking.feedback_min_overlap * before.size();
}

}  // namespace byline
