/** @file compile.h
 *  @brief Internal: QueryNode -> Xapian::Query.
 */
#ifndef BYLINE_SEARCH_COMPILE_H
#define BYLINE_SEARCH_COMPILE_H

#include <xapian.h>

#include <string>
#include <vector>

#include "byline/analyzer.h"
#include "byline/query_parser.h"
#include "byline/ranker.h"

namespace byline {

/// What compiling needs besides the query.
struct CompileContext {
  const Analyzer* analyzer = nullptr;
  /// Languages of the database's articles: a ranked word is matched by its
  /// stem in each of them (as one synonym, so it is weighted as one word).
  std::vector<std::string> languages;
  RankingOptions ranking;
  unsigned wildcard_limit = 1000;  ///< most-frequent expansions kept per wildcard
};

/// Builds the Xapian query for a parsed query.
Xapian::Query CompileQuery(const QueryNode& node, const CompileContext& ctx);

}  // namespace byline

#endif  // BYLINE_SEARCH_COMPILE_H
