/** @file proximity.cc
 *  @brief Pairs of neighbouring query words, and how near they stand in an
 *  article.
 */
#include "search/proximity.h"

#include "byline/analyzer.h"
#include "util/pair_filter.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace byline {
namespace {

using Kind = QueryNode::Kind;

// How Collect learns whether a word is common.
struct Commonness {
  bool look_up = true;                  ///< false: no word is (MayHaveProximityPairs)
  const Xapian::MSet* found = nullptr;  ///< statistics that bound a word's articles
};

// The pairs of one OR's neighbouring bare words, each with `scale` shared
// among them.
void PairsOf(const QueryNode& n, const CompileContext& ctx, const Commonness& how, double scale,
             std::vector<ProximityPair>* out) {
  // Both words in more articles than this: no bonus (RankingOptions).
  const double most =
      how.look_up && ctx.db && ctx.ranking.proximity_max_share < 1
          ? std::max(1000.0, ctx.ranking.proximity_max_share * ctx.db->get_doccount())
          : -1;
  auto common = [&](const std::string& term) {
    if (how.found && ctx.languages_cover_articles && !Analyzer::IsSpaceless(term)) {
      // The word's articles hold one of its stems: not common if they are
      // not. (A spaceless word can be a stemless piece of a longer one.)
      double bound = 0;
      for (const std::string& t : BareWordTerms(term, ctx)) bound += how.found->get_termfreq(t);
      if (bound <= most) return false;
    }
    return ctx.db->get_termfreq(term) > most;
  };
  const std::size_t first = out->size();
  const QueryNode* prev = nullptr;
  for (const QueryNode& c : n.children) {
    const bool word = c.kind == Kind::kWord && c.field.empty();
    if (word && prev && (most < 0 || !common(prev->terms[0]) || !common(c.terms[0]))) {
      out->push_back({prev->terms[0], c.terms[0], 0, scale * ctx.ranking.proximity_weight});
    }
    prev = word ? &c : nullptr;
  }
  const std::size_t added = out->size() - first;
  for (std::size_t i = first; i < out->size(); ++i) {
    (*out)[i].share = scale * ctx.ranking.proximity_weight / static_cast<double>(added);
  }
}

void Collect(const QueryNode& n, const CompileContext& ctx, const Commonness& how, double scale,
             std::vector<ProximityPair>* out) {
  switch (n.kind) {
    case Kind::kOr:
      PairsOf(n, ctx, how, scale, out);
      for (const QueryNode& c : n.children) Collect(c, ctx, how, scale, out);
      return;
    case Kind::kAnd:
    case Kind::kAndMaybe:
    case Kind::kXor:
      for (const QueryNode& c : n.children) {
        if (!IsFilterNode(c)) Collect(c, ctx, how, scale, out);
      }
      return;
    case Kind::kAndNot:
      Collect(n.children[0], ctx, how, scale, out);
      return;
    case Kind::kBoost:
      Collect(n.children[0], ctx, how, scale * n.factor, out);
      return;
    default:
      return;
  }
}

// True if a position of `a` and another position of `b` are fewer than
// `window` apart (both sorted; the same list twice for a word paired with
// itself, whose equal positions are skipped).
bool Near(const std::vector<Xapian::termpos>& a, const std::vector<Xapian::termpos>& b,
          unsigned window) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] != b[j] && (a[i] > b[j] ? a[i] - b[j] : b[j] - a[i]) < window) return true;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

}  // namespace

std::vector<ProximityPair> ProximityPairs(const QueryNode& node, const CompileContext& ctx,
                                          const Xapian::MSet* found) {
  std::vector<ProximityPair> out;
  if (ctx.ranking.proximity_weight > 0) Collect(node, ctx, Commonness{true, found}, 1, &out);
  return out;
}

bool MayHaveProximityPairs(const QueryNode& node, const CompileContext& ctx) {
  std::vector<ProximityPair> out;
  if (ctx.ranking.proximity_weight > 0) Collect(node, ctx, Commonness{false, nullptr}, 1, &out);
  return !out.empty();
}

Xapian::Query ProximityQuery(const std::vector<ProximityPair>& pairs, unsigned window) {
  std::vector<Xapian::Query> parts;
  for (const ProximityPair& p : pairs) {
    Xapian::Query two[] = {Xapian::Query(p.first), Xapian::Query(p.second)};
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_NEAR, two, two + 2, window), p.weight);
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

double ProximityShare(const Xapian::Database& db, Xapian::docid did,
                      const std::vector<ProximityPair>& pairs, unsigned window,
                      const std::string& pair_filter) {
  if (window == 2 && !pair_filter.empty()) {
    double share = 0;
    for (const ProximityPair& pair : pairs) {
      if (PairFilterMayHold(pair_filter, PairWordHash(pair.first), PairWordHash(pair.second))) {
        share += pair.share;
      }
    }
    return share;
  }
  std::map<std::string, std::vector<Xapian::termpos>> positions;
  auto of = [&](const std::string& term) -> const std::vector<Xapian::termpos>& {
    auto it = positions.find(term);
    if (it != positions.end()) return it->second;
    std::vector<Xapian::termpos>& p = positions[term];
    p.assign(db.positionlist_begin(did, term), db.positionlist_end(did, term));
    return p;
  };
  double share = 0;
  for (const ProximityPair& pair : pairs) {
    const auto& a = of(pair.first);
    if (a.empty()) continue;
    const auto& b = of(pair.second);
    if (!b.empty() && Near(a, b, window)) share += pair.share;
  }
  return share;
}

}  // namespace byline
