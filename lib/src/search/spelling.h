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
/// Shorter words are not respelt, and shorter than kTwoEditChars only by
/// one edit (Elasticsearch's "AUTO" fuzziness, Lucene's DirectSpellChecker
/// minimum of 4): a short word is within an edit or two of many others, and
/// an absent short word is rarely a typo. Of the web log's intersection
/// queries on reuters21578, `ear` became `year`, `sex` `six`, `legs`
/// `less` and `jesus` `less` before these limits and the first letter.
inline constexpr std::size_t kMinSpellingChars = 4;
inline constexpr std::size_t kTwoEditChars = 6;

/// The ranked and exact words and phrase words of `root` (not exclusions,
/// fields' filters, wildcards or fuzzy words) of kMinSpellingChars or more
/// that are rare in `db` and have a much more common spelling with the same
/// first letter within 1 edit (words shorter than kTwoEditChars) or 2
/// (longer words, when none is 1 edit away) among the words of `db`'s spelling
/// deletion index (index/spelling.h), each once: the closest, then the one
/// in most articles. Empty when every word is common; a database without
/// the index (built before it, or remote shards) suggests nothing. May
/// throw Xapian::Error.
std::vector<SpellingFix> FindSpellingFixes(const Xapian::Database& db, const QueryNode& root);

/// True if `root` has a word FindSpellingFixes considers, of
/// kMinSpellingChars or more. Whether it is rare is not asked: a term
/// frequency a word made the default search's 100 intersection queries of
/// the web log 1.6% more instructions (18.60 M -> 18.89 M, callgrind), half
/// of them finding nothing and cheap.
bool HasSpellingWords(const QueryNode& root);

/// `root` with every fixed word replaced by its suggestion.
QueryNode ApplySpellingFixes(const QueryNode& root, const std::vector<SpellingFix>& fixes);

/// The query text as the user wrote it, each word whose term was fixed
/// replaced by the suggestion: with a capital first letter if the word had
/// one, upper case if it was (ASCII), the rest as written.
std::string RewriteQueryText(std::string_view query, const Analyzer& analyzer,
                             const std::vector<SpellingFix>& fixes);

}  // namespace byline

#endif  // BYLINE_SEARCH_SPELLING_H
