/** @file query_parser.h
 *  @brief Byline's query language, parsed through the one Analyzer.
 *
 *  Syntax: words (ranked); "quoted phrases"; AND, OR, NOT (upper case);
 *  +word (required) and -word (excluded); parentheses; fields title:,
 *  source:, author:, lang:, date: (2018, 2018-11, 2018-11-14,
 *  2018-11-01..2018-11-30, 2018.., ..2018-06); trailing wildcard hajin*.
 *  Precedence, loosest first: OR, AND, then words side by side, which are
 *  joined by the default operator.
 */
#ifndef BYLINE_QUERY_PARSER_H
#define BYLINE_QUERY_PARSER_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "byline/analyzer.h"
#include "byline/status.h"

namespace byline {

/// How words side by side are combined.
enum class DefaultOperator { kAnd, kOr };

/// A parsed query: a tree that the searcher compiles to Xapian.
struct QueryNode {
  enum class Kind {
    kWord,       ///< ranked word: matches any inflection (stemmed); terms[0]
    kExact,      ///< exact word (a quoted single word): unstemmed; terms[0]
    kPhrase,     ///< words in order, adjacent; terms
    kWildcard,   ///< words starting with terms[0]
    kAnd,        ///< all children
    kOr,         ///< any child
    kAndMaybe,   ///< children[0] required, the rest only add to the score
    kAndNot,     ///< children[0] but none of the rest
    kFilter,     ///< boolean field filter: every one of terms (already prefixed)
    kDateRange,  ///< date between from and to (keys "YYYYMMDD", either may be "")
    kMatchAll,   ///< every article
  };
  Kind kind = Kind::kMatchAll;
  std::string field;               ///< "" (title and body) or "title" for text kinds
  std::vector<std::string> terms;  ///< normalised terms (or prefixed filter terms)
  std::string from, to;            ///< kDateRange only
  std::vector<QueryNode> children;
};

/// Options of ParseQuery.
struct QueryParseOptions {
  DefaultOperator default_operator = DefaultOperator::kOr;
  std::string lang;  ///< language for query-side shaping (elisions); "" = any
  /// Read the query as plain words, with no syntax at all: for long
  /// natural-language requests such as judged topics. Words are OR'ed.
  bool natural_language = false;
  /// With natural_language: leave out function words and request phrasing
  /// ("the", "what", "documents about") that carry no topic.
  bool drop_stop_words = false;
};

/// True if `term` (normalised) is a function word or request phrasing that
/// natural-language mode may leave out.
bool IsQueryStopWord(const std::string& term);

/// Where a query could not be read: a byte offset into the query, and why.
struct QueryError {
  std::size_t offset = 0;
  std::string message;
};

/// Parses `query`. On failure the Status is kInvalidArgument with a message
/// naming the 1-based character position, and *error (if given) is filled in.
Result<QueryNode> ParseQuery(std::string_view query, const Analyzer& analyzer,
                             const QueryParseOptions& options, QueryError* error = nullptr);

/// A compact, stable description of a parsed query, for tests and --explain:
/// e.g. `(brexit AND vote)`, `"al qaeda"`, `title:word`, `source:XSreuters`.
std::string DescribeQuery(const QueryNode& node);

/// True if the query's top level joins two or more words with the default
/// AND: a query that the searcher may relax to OR when nothing matches.
bool IsRelaxable(const QueryNode& node);

/// The same query with every implicit AND between words turned to OR.
QueryNode RelaxToOr(const QueryNode& node);

}  // namespace byline

#endif  // BYLINE_QUERY_PARSER_H
