/** @file query_parser.h
 *  @brief Byline's query language, parsed through the one Analyzer.
 *
 *  Syntax: words (ranked); "quoted phrases"; AND, OR, XOR, NOT (upper
 *  case); +word (required) and -word (excluded); parentheses; fields
 *  title:, source:, author:, lang:, date: (2018, 2018-11, 2018-11-14,
 *  2018-11-01..2018-11-30, 2018.., ..2018-06), named in any case; bare date
 *  ranges (2018..2019); trailing wildcards hajin*, author:hadd*; a NEAR b,
 *  a NEAR/n b, a ADJ/n b, a SYN b; "a b"~n; fuzzy word~ and word~1; boosts
 *  word^2, "a b"^3, (a b)^2; a lone * (every article).
 *  Precedence, loosest first: OR, XOR, AND, words side by side (joined by
 *  the default operator), NEAR/ADJ, SYN. The grammar is in query_parser.cc
 *  and README.md ("Query syntax").
 *
 *  Text that cannot be read as syntax (an unbalanced quote or parenthesis,
 *  an emoticon, an unknown field) is searched as plain words with a notice,
 *  unless QueryParseOptions::strict asks for an error instead.
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
    kMatchAll,   ///< every article (an explicit lone `*`)
    kXor,        ///< exactly one child (odd number of them, as OP_XOR)
    kNear,       ///< every child within `window` words, any order (children: text)
    kAdjacent,   ///< every child in order within `window` words (children: text)
    kSynonym,    ///< any child, weighted as one word (OP_SYNONYM)
    kFuzzy,      ///< words within `distance` edits of terms[0]
    kBoost,      ///< children[0] with its weight scaled by `factor`
  };
  Kind kind = Kind::kMatchAll;
  std::string field;               ///< "" (title and body) or "title" for text kinds
  std::vector<std::string> terms;  ///< normalised terms (or prefixed filter terms)
  std::string from, to;            ///< kDateRange only
  std::vector<QueryNode> children;
  /// kNear and kAdjacent: n of NEAR/n, ADJ/n (at most n words apart; the
  /// compiler's Xapian window is n + children - 1). kPhrase: the slack of
  /// "a b"~n (0: adjacent; else up to n other words in between, in order).
  unsigned window = 0;
  unsigned distance = 0;  ///< kFuzzy: edits allowed (1 or 2)
  double factor = 1;      ///< kBoost: weight multiplier
};

/// Something the parser read differently from what the text may have meant,
/// and said so: the query still ran. For a front end to print, like an error
/// but not fatal.
struct QueryNotice {
  std::size_t offset = 0;    ///< byte offset into the query
  std::size_t position = 1;  ///< the same, as a 1-based character position
  /// One line: "position 7: unbalanced '(': no ')' closes it; searched as plain words".
  std::string message;
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
  /// For scripts: text that the forgiving default would search as words with
  /// a notice (unbalanced quotes or parentheses, unknown fields, ranges
  /// outside date:, leading or inner wildcards) is an error instead.
  bool strict = false;
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
/// Without options.strict, text that is not valid syntax is read as plain
/// words and a notice is appended to *notices (if given); a query with
/// nothing to search (empty, no words, or only exclusions) is an error in
/// either mode.
Result<QueryNode> ParseQuery(std::string_view query, const Analyzer& analyzer,
                             const QueryParseOptions& options, QueryError* error = nullptr,
                             std::vector<QueryNotice>* notices = nullptr);

/// A compact, stable description of a parsed query, for tests and --explain,
/// in the query language (filters as a query writes them, without their
/// terms' prefixes): e.g. `(brexit AND vote)`, `"al qaeda"`, `title:word`,
/// `source:reuters`, `source:"bbc news"`, `lang:de`, `author:hadd*`,
/// `(a NEAR/10 b)`, `(a ADJ/3 b)`, `"a b"~2`, `word~1`, `word^2`, `<all>`.
std::string DescribeQuery(const QueryNode& node);

/// True if the node only restricts (a field filter, a date range, a filter
/// wildcard, or a combination of those): compiled as a boolean filter.
bool IsFilterNode(const QueryNode& node);

/// True if the query's top level joins two or more words with the default
/// AND: a query that the searcher may relax to OR when nothing matches.
bool IsRelaxable(const QueryNode& node);

/// The same query with every implicit AND between words turned to OR.
QueryNode RelaxToOr(const QueryNode& node);

}  // namespace byline

#endif  // BYLINE_QUERY_PARSER_H
