/** @file search_command.h
 *  @brief `byline search`: options and the front end.
 */
#ifndef BYLINE_SEARCHER_SEARCH_COMMAND_H
#define BYLINE_SEARCHER_SEARCH_COMMAND_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "byline/cli/terminal.h"
#include "byline/searcher.h"

namespace byline {

/// Collection of all options of `byline search`.
struct SearchCommandOptions {
  std::vector<std::string> query_words;
  std::vector<std::string> db;  ///< none: the default; several: searched as one
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string format = "text";  ///< text, json, ids or paths
  bool json = false;            ///< --json: --format json
  std::string sort;             ///< relevance, newest, oldest; "" for the default
  bool all_copies = false;      ///< no collapsing: every copy of a story is a hit
  bool count = false;           ///< print only the exact number of matches
  TerminalOptions terminal;     ///< --color
  std::string since, until;
  std::string op = "or";
  bool explain = false;
  bool strict = false;  ///< text that is not syntax is an error, not words and a note
  unsigned expand = 0;
  /// --facets: comma-separated facet names (kFacetNames) to count after the
  /// hits; "" for none.
  std::string facets;
  std::size_t facets_top = 10;  ///< values shown per facet
  std::string batch;            ///< --batch FILE: one query a line ("-": stdin)
  bool limit_given = false;     ///< -n was given (a batch's default is smaller)
  bool no_suggest = false;      ///< --no-suggest
  bool suggest_given = false;   ///< --suggest or --no-suggest (over $BYLINE_SUGGEST)
  double recent = 0;            ///< --recent DAYS: the half-life of a date bonus
  /// --exact: when the query matches nothing, do not search a suggested
  /// spelling instead (the suggestion is still shown).
  bool exact = false;
  /// --suggest: did you mean (SearchRequest::suggest_spelling).
  bool suggest = false;
  /// --synonyms FILE: synonyms for this search instead of the database's.
  std::string synonyms;
};

/// The SearchRequest that the options shared by a search and a batch ask
/// for (dates, order, operator, copies, feedback, recency, strictness);
/// query, limit, offset and outputs are the caller's.
SearchRequest RequestFromOptions(const SearchCommandOptions& opts);

/// Reads the synonyms file at `path` into req->synonyms (a bad line is an
/// error naming the file and line); nothing for "".
Status LoadSynonymsOption(const std::string& path, SearchRequest* req);

/// Adds the `search` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupSearchCommand(CLI::App& app, SearchCommandOptions* opts);

/// Runs it, writing to stdout for `terminal` (colour and width of the
/// listing); returns the process exit code.
int RunSearchCommand(const SearchCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_SEARCHER_SEARCH_COMMAND_H
