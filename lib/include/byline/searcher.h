/** @file searcher.h
 *  @brief Running a query against a Byline database: ranked hits with snippets.
 */
#ifndef BYLINE_SEARCHER_H
#define BYLINE_SEARCHER_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/query_parser.h"
#include "byline/ranker.h"
#include "byline/snippet.h"
#include "byline/status.h"
#include "byline/synonyms.h"

namespace byline {

/// The order of the hits.
enum class SortOrder {
  kAuto,       ///< kRelevance when the query has ranked words, else kNewest
  kRelevance,  ///< best match first (ties: lower docid first)
  kNewest,     ///< by date, newest first (ties: relevance, then docid); undated last
  kOldest,     ///< by date, oldest first (ties: relevance, then docid); undated last
};

/// One search.
struct SearchRequest {
  /// The query. Blank lists every article within since/until (at least one
  /// of them must then be given; '*' lists every article).
  std::string query;
  std::size_t limit = 10;    ///< hits to return (0: only count)
  std::size_t offset = 0;    ///< hits to skip (paging)
  std::string since, until;  ///< date bounds, any form ParseDateRange reads; "" = open
  SortOrder sort = SortOrder::kAuto;
  /// One hit per story: the copies of a story (schema::kSlotStory) collapse
  /// into its best-ranked copy, and counts are of stories.
  bool collapse = true;
  /// With collapse: list, for each hit returned, the other copies of its
  /// story that match the query (Hit::copies), exactly.
  bool list_copies = true;
  /// Count every match exactly (slower on large result sets): the counts'
  /// bounds are then equal. Otherwise the matcher counts exactly as far as
  /// kCheckAtLeast matches and estimates beyond.
  bool exact_count = false;
  /// OR by default: measured better on every judged collection (README).
  DefaultOperator default_operator = DefaultOperator::kOr;
  /// With AND, show articles with any of the words when no article has them all.
  bool relax = true;
  bool snippets = true;  ///< make snippets and title highlights
  /// Fill SearchResults::query_description (for --explain and JSON): about
  /// 2,200 instructions a query of the web log, 1% of an intersection query.
  bool describe = true;
  /// Read the query as plain words (no syntax), OR'ed: for long requests.
  bool natural_language = false;
  /// With natural_language: drop function words and request phrasing.
  bool drop_stop_words = true;
  /// For scripts: what the forgiving default reads as plain words with a
  /// notice (QueryParseOptions::strict) is a kInvalidArgument error instead.
  bool strict = false;
  /// Newer articles rank higher: a date bonus added to each match's
  /// relevance, halving every `recent_days` days before the newest date in
  /// the database (not today: an archive's last article may be years old),
  /// the newest articles' bonus kRecencyShare of the best match's weight.
  /// 0: off. Only for the relevance order.
  double recent_days = 0;
  /// Synonyms for this search instead of those stored with the database
  /// (schema::kMetaSynonyms); nullptr: the database's, if any.
  std::shared_ptr<const SynonymTable> synonyms;
  /// Did you mean: a query word that few articles have (search/spelling.h)
  /// and a close spelling that many more have give SearchResults::suggestion.
  /// Off by default (`byline search --suggest`): the look-up and the search
  /// of the suggestion cost about 170 k instructions a query of the web log
  /// on reuters21578 (half its queries have a word the archive lacks), which
  /// took intersection queries from 1.4x to 2.6x plain Xapian's
  /// (benchmarks/README.md, "Session 7").
  bool suggest_spelling = false;
  /// With suggest_spelling: when the query as typed matches nothing and the
  /// suggestion matches, the suggestion's hits are returned instead
  /// (SearchResults::suggestion_ran). False for `--exact`.
  bool run_suggestion = true;
  /// CountCoverage only: count the query with its words ORed, as a search
  /// that found nothing with every word ran it (SearchResults::relaxed), so
  /// that facets agree with the hits shown.
  bool count_relaxed = false;
  /// Instead of a query: articles like the one with this id (Searcher::Similar).
  std::string similar_to;
  /// With similar_to: how many of the article's own best terms to search by.
  /// On reuters21578 10/20/40/80 put 0.53/0.61/0.64/0.65 of the top 10 in
  /// a category of the article (benchmarks/README.md, "Related articles").
  unsigned similar_terms = 40;
  RankingOptions ranking;
  SnippetOptions snippet;
};

/// The largest date bonus of SearchRequest::recent_days, as a share of the
/// query's best weight: a newest article overtakes an older one only when
/// its relevance is within this share of the best match's, so that the bonus
/// reorders near ties without drowning relevance. Chosen by looking at
/// reuters21578 (README, "Recency"), not tuned on judgments.
inline constexpr double kRecencyShare = 0.25;

/// Another copy of a hit's story (schema::kSlotStory) that matches the query.
struct Copy {
  std::string id, source, date;
};

/// One ranked answer.
struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting the offset
  double score = 0;
  /// Stored fields; body is left empty. A missing title is derived from the
  /// body (DeriveTitle) and title_derived set.
  Article article;
  Snippet title;    ///< title with highlights
  Snippet snippet;  ///< passage with highlights
  /// With SearchRequest::collapse and list_copies: the other copies of this
  /// hit's story that match the query, in docid order; empty if it has none.
  std::vector<Copy> copies;
};

/// How far the matcher counts exactly before it may estimate (Xapian's
/// check_at_least); it always counts exactly when it has to look at every
/// match. Measured on reuters21578's web-query log (benchmarks/README.md,
/// "Counts"): 1000 made the OR class's p50 1.28x plain Xapian's and 100 made
/// it 1.05x slower than 0, so none: counts beyond the page are estimates and
/// say so, and --count (SearchRequest::exact_count) counts every match.
inline constexpr std::size_t kCheckAtLeast = 0;

/// The answer to a SearchRequest.
struct SearchResults {
  std::vector<Hit> hits;
  /// Matching articles (stories, if collapsed): the estimate and its bounds.
  /// Exact when lower == upper (then all three are equal).
  std::uint64_t matches_estimated = 0;
  std::uint64_t matches_lower = 0;
  std::uint64_t matches_upper = 0;
  bool exact() const { return matches_lower == matches_upper; }
  std::size_t offset = 0, limit = 0;       ///< the page asked for (SearchRequest's)
  SortOrder sort = SortOrder::kRelevance;  ///< the order used (never kAuto)
  /// Copies of a story were folded into one hit, and counts are of stories:
  /// the request collapsed and the database has stories with copies.
  bool collapsed = false;
  double elapsed_ms = 0;
  bool relaxed = false;           ///< no article had every word: OR was used instead
  std::string query_description;  ///< DescribeQuery of what was run
  /// Did you mean: the query as written with each rare word that has a much
  /// more common close spelling replaced by it; "" if there is none.
  std::string suggestion;
  /// The hits and counts are the suggestion's: the query as typed matched
  /// nothing (SearchRequest::run_suggestion).
  bool suggestion_ran = false;
  /// Without suggest_spelling, when nothing matched: the query has a word
  /// that did you mean would look at (4 letters or more, searched for, not
  /// excluded), so that asking for it (`--suggest`) may help. Told from the
  /// parsed query alone, without a look-up (not whether the word is rare).
  bool could_suggest = false;
  /// Where the query was read otherwise than it is written (searched as
  /// plain words, an unknown field, ...): one line each, for the user.
  std::vector<QueryNotice> notices;
};

/// One value of a facet and its matches.
struct FacetValue {
  std::string value;  ///< as written ("BBC News"); "2018" or "2018-11" for year/month
  std::uint64_t count = 0;
};

/// The matches of a query counted by one facet, exactly.
struct FacetCounts {
  std::string name;  ///< source, author, lang, year or month
  /// Every value that matches, most matches first (ties: by value).
  std::vector<FacetValue> values;
  std::uint64_t missing = 0;  ///< matches without a value
  /// False when the database was built before the facet's value slot
  /// (schema::kSlotSource, kSlotAuthor): rebuild it to count this facet.
  bool available = true;
};

/// The facets CountCoverage knows, in this order.
inline constexpr const char* kFacetNames[] = {"source", "author", "lang", "year", "month"};

/// Every match of a query counted by day and by facets (CountCoverage).
struct CoverageCounts {
  /// Matches, exactly: stories if `collapsed`, else articles.
  std::uint64_t matches = 0;
  /// Each story counted once, with the date, source and author of its
  /// first indexed copy (the request collapsed and the database has copies).
  bool collapsed = false;
  std::map<std::string, std::uint64_t> days;  ///< "YYYYMMDD" -> matches
  std::uint64_t undated = 0;                  ///< matches without a (valid) date
  std::vector<FacetCounts> facets;            ///< in the order asked for
  std::string query_description;
  std::vector<QueryNotice> notices;
  double elapsed_ms = 0;
};

/// "relevance", "newest", "oldest" ("auto" for kAuto).
const char* SortOrderName(SortOrder order);

/// A read-only handle on a database. Not thread-safe: one per thread.
class Searcher {
 public:
  /// Opens the database at `path`; kNotFound if there is none (or an empty
  /// folder), kNotOurDatabase if it is not a Byline database or a newer
  /// Byline's, kDamaged if it is damaged, kIOError if it cannot be read.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  /// Opens several databases (folders or stubs) searched as one, as the
  /// shards of a stub are: BM25 takes its statistics over them all. Each is
  /// checked as Open checks one; messages name them joined by " + ".
  static Result<std::unique_ptr<Searcher>> Open(const std::vector<std::string>& paths);
  ~Searcher();

  /// Runs `request`. Bad queries give kInvalidArgument with the position in
  /// the message and in *error (if given).
  Result<SearchResults> Search(const SearchRequest& request, QueryError* error = nullptr);

  /// Counts every match of `request` (its query, since/until and collapse;
  /// paging, sorting and snippets do not apply, and an AND query that
  /// matches nothing is relaxed only with SearchRequest::count_relaxed) by
  /// day and by each facet in `facets`
  /// (names from kFacetNames; another is kInvalidArgument). Looks at every
  /// match once, reading value slots only. Not over remote shards (the
  /// counting runs in this process): an error says so.
  Result<CoverageCounts> CountCoverage(const SearchRequest& request,
                                       const std::vector<std::string>& facets,
                                       QueryError* error = nullptr);
  /// Articles about the same story or topic as the article with id `id`:
  /// relevance feedback on that article alone gives its best terms
  /// (request.similar_terms of them, body words, each weighted by how much
  /// its own it is), searched as a weighted OR; the article itself and the
  /// other copies of its story are left out. The rest of `request` (limit,
  /// since/until, collapse, snippets...) applies as to Search; its query is
  /// ignored. kNotFound if no article has that id. (lib/src/search/similar.cc)
  Result<SearchResults> Similar(const std::string& id, SearchRequest request);

  /// Articles in the database.
  std::uint64_t ArticleCount() const;

  /// The article with id `id` (as `search` prints it: the article's id, or
  /// its path when it has none of its own), every stored field and the
  /// whole body; a missing title is derived from the body (title_derived).
  /// kNotFound if no article has that id.
  Result<Article> Get(const std::string& id);

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace byline

#endif  // BYLINE_SEARCHER_H
