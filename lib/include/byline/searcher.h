/** @file searcher.h
 *  @brief Running a query against a Byline database: ranked hits with snippets.
 */
#ifndef BYLINE_SEARCHER_H
#define BYLINE_SEARCHER_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/query_parser.h"
#include "byline/ranker.h"
#include "byline/snippet.h"
#include "byline/status.h"

namespace byline {

/// One search.
struct SearchRequest {
  std::string query;
  std::size_t limit = 10;    ///< hits to return
  std::size_t offset = 0;    ///< hits to skip (paging)
  std::string since, until;  ///< date bounds, any form ParseDateRange reads; "" = open
  /// OR by default: measured better on every judged collection (README).
  DefaultOperator default_operator = DefaultOperator::kOr;
  /// With AND, show articles with any of the words when no article has them all.
  bool relax = true;
  bool snippets = true;  ///< make snippets and title highlights
  /// Read the query as plain words (no syntax), OR'ed: for long requests.
  bool natural_language = false;
  /// With natural_language: drop function words and request phrasing.
  bool drop_stop_words = true;
  /// For scripts: what the forgiving default reads as plain words with a
  /// notice (QueryParseOptions::strict) is a kInvalidArgument error instead.
  bool strict = false;
  RankingOptions ranking;
  SnippetOptions snippet;
};

/// One ranked answer.
struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting the offset
  double score = 0;
  Article article;  ///< stored fields; body is left empty
  Snippet title;    ///< title with highlights
  Snippet snippet;  ///< passage with highlights
};

/// The answer to a SearchRequest.
struct SearchResults {
  std::vector<Hit> hits;
  std::uint64_t matches_estimated = 0;
  double elapsed_ms = 0;
  bool relaxed = false;           ///< no article had every word: OR was used instead
  std::string query_description;  ///< DescribeQuery of what was run
  /// Where the query was read otherwise than it is written (searched as
  /// plain words, an unknown field, ...): one line each, for the user.
  std::vector<QueryNotice> notices;
};

/// A read-only handle on a database. Not thread-safe: one per thread.
class Searcher {
 public:
  /// Opens the database at `path`; kNotFound if there is none (or an empty
  /// folder), kNotOurDatabase if it is not a Byline database or a newer
  /// Byline's, kDamaged if it is damaged, kIOError if it cannot be read.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  ~Searcher();

  /// Runs `request`. Bad queries give kInvalidArgument with the position in
  /// the message and in *error (if given).
  Result<SearchResults> Search(const SearchRequest& request, QueryError* error = nullptr);

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
