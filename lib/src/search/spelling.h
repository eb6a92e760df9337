/** @file spelling.h
 *  @brief Internal: "did you mean" for the rare words of a query.
 */
#ifndef BYLINE_SEARCH_SPELLING_H
#define BYLINE_SEARCH_SPELLING_H

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "byline/analyzer.h"
#include "byline/query_parser.h"

namespace byline {

/// A query word (a normalised term) and the spelling suggested for it.
struct SpellingFix {
  std::string from, to;
};

/// A word is rare, and worth a spelling look-up, when at most this share of
/// the articles have it (or none does). On reuters21578 (21,578 articles)
/// that is 10 articles: `goverment` (9) is rare, `government` is not. Only
/// a rare word costs more than one term-frequency look-up.
inline constexpr double kRareShare = 0.0005;
/// A spelling is suggested for a word that some articles have only when at
/// least this many times more articles have the suggestion.
inline constexpr unsigned kMoreCommon = 10;

/// The ranked and exact words and phrase words of `root` (not exclusions,
/// fields' filters, wildcards or fuzzy words) that are rare in `db` and
/// have a much more common spelling within 1 edit (words of up to 4
/// characters) or 2 (longer words) among the words of `db`'s spelling
/// deletion index (index/spelling.h), each once: the closest, then the one
/// in most articles. Empty when every word is common; a database without
/// the index (built before it, or remote shards) suggests nothing. May
/// throw Xapian::Error.
std::vector<SpellingFix> FindSpellingFixes(const Xapian::Database& db, const QueryNode& root);

/// `root` with every fixed word replaced by its suggestion.
QueryNode ApplySpellingFixes(const QueryNode& root, const std::vector<SpellingFix>& fixes);

/// The query text as the user wrote it, each word whose term was fixed
/// replaced by the suggestion: with a capital first letter if the word had
/// one, upper case if it was (ASCII), the rest as written.
std::string RewriteQueryText(std::string_view query, const Analyzer& analyzer,
                             const std::vector<SpellingFix>& fixes);

}  // namespace byline

#endif  // BYLINE_SEARCH_SPELLING_H
