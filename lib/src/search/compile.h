/** @file compile.h
 *  @brief Internal: QueryNode -> Xapian::Query.
 */
#ifndef BYLINE_SEARCH_COMPILE_H
#define BYLINE_SEARCH_COMPILE_H

#include <xapian.h>

#include <optional>
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
  /// The database whose terms fuzzy words (word~) expand to; without one a
  /// fuzzy word matches only itself.
  const Xapian::Database* db = nullptr;
  /// Every article's words are stemmed in one of `languages` (each article
  /// has a language among them, or the default one is among them), so that
  /// the articles holding a word are among those holding its BareWordTerms.
  bool languages_cover_articles = false;
  /// Every dated article of the database has its year, month and day terms
  /// (schema::kPrefixYear, kPrefixMonth, kPrefixDay), and its dates lie
  /// from `first_date` to `last_date` (keys, "20181114"): a date range is
  /// then matched by the fewest such terms (DateTerms), whose article counts
  /// Xapian knows, rather than by the date slot, whose range it can only
  /// bound by every dated article (reuters21578, date:1987-03 sorted newest:
  /// "about 30 stories (between 30 and 21,577)" for 11,126).
  bool date_terms = false;
  std::string first_date, last_date;
};

/// A date range of the database as year, month and day terms: whole years
/// as years, whole months as months, the rest as days, within `ctx`'s first
/// and last dates (an open end is the database's). Nullopt if the keys are
/// not 8-digit dates, the database's dates are unknown, or it would take
/// more than kMaxDateTerms terms; an empty list if no day is in the range.
inline constexpr std::size_t kMaxDateTerms = 200;
std::optional<std::vector<std::string>> DateTerms(const std::string& from, const std::string& to,
                                                  const CompileContext& ctx);

/// Arabic words (Analyzer::IsArabic) rank on their exact form beside their
/// stem: a word is its stems OR its exact form times kArabicExactWeight, and
/// an OR's or AND's run of two or more neighbouring bare Arabic words adds
/// their phrase (exact forms, side by side) times kArabicPhraseWeight. The
/// Arabic stemmer joins a rare word to the stem of common ones (`بالحوثيين`
/// to `حوث`) and a name to other words (`هاني` to `هان`), and names
/// (`X بن Y`) are made of common words. Known-item MRR@10 on news-ar: word
/// 0.672 -> 0.942, name 0.555 -> 0.881; exact weights 1, 2, 4 gave word
/// 0.907, 0.942, 0.942, and phrase weights 1, 2, 4, 8 name 0.759, 0.858,
/// 0.881, 0.885 (benchmarks/README.md, "Branch `arabic`"). Other scripts
/// compile as before.
inline constexpr double kArabicExactWeight = 2.0;
inline constexpr double kArabicPhraseWeight = 4.0;

/// Bounds of a fuzzy word's expansion (word~1, word~2). Only terms that
/// share the word's first letter are read: one walk of the term list under
/// that letter (never the whole vocabulary; the rare typo in a first letter
/// is not found), with a length check before an edit-distance check bounded
/// by the distance. Of the terms within the distance, the most frequent
/// kFuzzyMaxExpansions are kept, so that a short word cannot turn into a
/// query of thousands of terms; after kFuzzyMaxScan terms the walk stops.
inline constexpr unsigned kFuzzyMaxExpansions = 50;
inline constexpr unsigned kFuzzyMaxScan = 200000;

/// The terms of `db` (under `prefix`, returned without it) within
/// `distance` edits (over characters; a swap of neighbours is one) of `word`, within the
/// bounds above, most frequent first. May throw Xapian::Error.
std::vector<std::string> FuzzyExpansions(const Xapian::Database& db, const std::string& prefix,
                                         const std::string& word, unsigned distance);

/// The stemmed terms a bare word (a kWord without a field) is matched by:
/// its stem in the body in each of ctx.languages, as CompileQuery gives it.
std::vector<std::string> BareWordTerms(const std::string& word, const CompileContext& ctx);

/// Builds the Xapian query for a parsed query (without the proximity bonus:
/// search/proximity.h).
Xapian::Query CompileQuery(const QueryNode& node, const CompileContext& ctx);

}  // namespace byline

#endif  // BYLINE_SEARCH_COMPILE_H
