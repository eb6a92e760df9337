/** @file known_items.h
 *  @brief Known-item evaluation: queries that should find one article each,
 *  scored by where the search path ranks it (MRR@10, success@1, success@10).
 *
 *  A known-item file holds one query a line, "query<TAB>expected id", with
 *  an optional third column, the tag (the query's style: word, phrase,
 *  name...), and an optional fourth, a free note (benchmarks/known-items
 *  records there how many articles contain the query's words). Lines whose
 *  first non-blank character is '#' and blank lines are skipped.
 */
#ifndef BYLINE_MEASURE_KNOWN_ITEMS_H
#define BYLINE_MEASURE_KNOWN_ITEMS_H

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "byline/searcher.h"
#include "byline/status.h"

namespace byline {

/// One known-item query.
struct KnownItem {
  std::string query;        ///< as typed into `byline search`
  std::string expected_id;  ///< the article it should find, as `byline search` prints its id
  std::string tag;          ///< the query's style; "" when the line has none
  std::string note;         ///< the fourth column, not interpreted; "" when none
  int line = 0;             ///< 1-based line in the file, for messages
};

/// Reads a known-item file. A line with no tab, an empty query or id, or
/// more than four columns is a kCorruption error naming the file and line;
/// a file with no query at all is one too. kNotFound if it cannot be opened.
Result<std::vector<KnownItem>> LoadKnownItems(const std::string& path);

/// What searching one known item gave.
struct KnownItemOutcome {
  /// Rank of the expected article among the first kKnownItemDepth hits
  /// (1-based); 0 when it is not among them.
  std::size_t rank = 0;
  /// The expected id is not in the database at all: the query is not scored.
  bool missing = false;
  /// The search path rejected the query (a bad query); it scores 0, as the
  /// user would have found nothing. `error` says why.
  bool rejected = false;
  std::string error;
};

/// How deep a known item is looked for: the first page of `byline search`.
constexpr std::size_t kKnownItemDepth = 10;

/// Scores of a set of known items.
struct KnownItemScores {
  int queries = 0;       ///< every query of the set
  int missing = 0;       ///< of those, expected ids not in the database (not scored)
  int scored = 0;        ///< queries - missing: the averages are over these
  int rejected = 0;      ///< scored queries the search path rejected (counted as misses)
  double mrr10 = 0;      ///< mean of 1/rank, 0 when not in the top 10
  double success1 = 0;   ///< share found at rank 1
  double success10 = 0;  ///< share found in the top 10
};

/// Scores overall and per tag.
struct KnownItemSummary {
  KnownItemScores overall;
  /// One entry per tag in the order tags first appear in the file; queries
  /// with no tag count in `overall` only.
  std::vector<std::pair<std::string, KnownItemScores>> per_tag;
};

/// Scores `outcomes`, the outcome of each of `items` in the same order.
KnownItemSummary ScoreKnownItems(const std::vector<KnownItem>& items,
                                 const std::vector<KnownItemOutcome>& outcomes);

/// Runs each item's query through `searcher` (the path `byline search`
/// uses) with `request` as the template: its query is replaced by the
/// item's (made UTF-8 as `byline search` does), the limit is
/// kKnownItemDepth, the offset 0 and snippets are off. An expected id that
/// `searcher` cannot Get is missing and its query is not run. Fails on the
/// first error other than a rejected query, naming the file's line.
Result<std::vector<KnownItemOutcome>> RunKnownItems(Searcher& searcher,
                                                    const std::vector<KnownItem>& items,
                                                    SearchRequest request);

/// The rank column of a run file: "1".."10", "-" when not in the top 10
/// (a rejected query too), "missing" when the expected id is not in the
/// database.
std::string KnownItemRankText(const KnownItemOutcome& outcome);

/// Writes one line per item, "query<TAB>expected id<TAB>tag<TAB>rank" (rank
/// as KnownItemRankText), after a '#' header line, in the order of `items`,
/// so that the runs of two versions can be compared line by line with diff.
Status WriteKnownItemRun(const std::string& path, const std::vector<KnownItem>& items,
                         const std::vector<KnownItemOutcome>& outcomes);

}  // namespace byline

#endif  // BYLINE_MEASURE_KNOWN_ITEMS_H
