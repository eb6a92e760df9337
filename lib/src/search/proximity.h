/** @file proximity.h
 *  @brief Internal: the proximity bonus (RankingOptions::proximity_weight),
 *  which reorders the top of a ranking by how close the query's
 *  neighbouring words stand in each article.
 */
#ifndef BYLINE_SEARCH_PROXIMITY_H
#define BYLINE_SEARCH_PROXIMITY_H

#include <xapian.h>

#include <string>
#include <vector>

#include "byline/query_parser.h"
#include "search/compile.h"

namespace byline {

/// Two neighbouring bare words of an OR that ranks, as their positional
/// (unstemmed) terms, and the share of an article's weight they add when
/// they stand within RankingOptions::proximity_window positions of each
/// other (either order): proximity_weight, times the boosts above the OR,
/// divided among the OR's pairs.
struct ProximityPair {
  std::string first, second;
  double share = 0;
  /// proximity_weight times the boosts above the OR, not divided: the
  /// pair's weight as a query (ProximityQuery).
  double weight = 0;
};

/// The pairs of a parsed query: those of every OR of bare words that ranks
/// (not under an exclusion or a filter); none where both words are common
/// (RankingOptions::proximity_max_share). Empty if the bonus is off.
/// `found`, the query's results, gives the articles of each word's stems
/// (CompileContext::languages_cover_articles: at least the word's) from the
/// statistics the search gathered, so that only a word whose stems are
/// common costs a look-up of its own: one B-tree descent, and a block read
/// for one union query in three of the web log on reuters21578
/// (benchmarks/README.md, "Session 12"). May throw Xapian::Error.
std::vector<ProximityPair> ProximityPairs(const QueryNode& node, const CompileContext& ctx,
                                          const Xapian::MSet* found = nullptr);

/// True if ProximityPairs may find pairs in `node`: it has neighbouring
/// bare words, whether common or not (no look-up).
bool MayHaveProximityPairs(const QueryNode& node, const CompileContext& ctx);

/// The bonus as a query, to be ORed with the query: each pair as OP_NEAR
/// of its two words within `window` (weighted as the two words), scaled by
/// its weight. Exact over every match, but Xapian then reads positions for
/// every article that holds both words of a pair: for requests that are not
/// interactive (RankingOptions::proximity_depth 0). Empty without pairs.
Xapian::Query ProximityQuery(const std::vector<ProximityPair>& pairs, unsigned window);

/// The sum of the shares of the pairs whose words stand within `window`
/// positions of each other in the article `did`: its weight is multiplied
/// by one plus this. With the article's `pair_filter` (util/pair_filter.h,
/// from its stored record) and a window of 2 (side by side), the filter
/// answers, with about 2% false positives and no look-up; otherwise the
/// positions of each distinct word are read once (two position-table
/// look-ups per word and article). May throw Xapian::Error.
double ProximityShare(const Xapian::Database& db, Xapian::docid did,
                      const std::vector<ProximityPair>& pairs, unsigned window,
                      const std::string& pair_filter = std::string());

}  // namespace byline

#endif  // BYLINE_SEARCH_PROXIMITY_H
