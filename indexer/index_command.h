/** @file index_command.h
 *  @brief `byline index`: options and the front end.
 */
#ifndef BYLINE_INDEXER_INDEX_COMMAND_H
#define BYLINE_INDEXER_INDEX_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "byline/cli/terminal.h"

namespace byline {

/// Collection of all options of `byline index`.
struct IndexCommandOptions {
  std::vector<std::string> paths;
  std::string db;  ///< "" for the default (ResolveDatabasePath)
  bool rebuild = false;
  bool quiet = false;
  unsigned title_weight = 3;        // schema::kTitleWdf
  bool title_weight_given = false;  ///< --title-weight was given (not the default)
  unsigned threads = 0;
  unsigned shards = 0;  ///< --shards N (0: one database, or the stub's number)
  /// --synonyms FILE: stored with the database for every later search.
  std::string synonyms;
  bool clear_synonyms = false;  ///< --clear-synonyms
  bool json = false;            ///< --json: the summary as one JSON object on stdout
  bool verbose = false;         ///< -v: name every file skipped for its type
};

/// Adds the `index` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupIndexCommand(CLI::App& app, IndexCommandOptions* opts);

/// Runs it, with a progress line on stderr if `terminal` says stderr is a
/// terminal (and not --quiet); returns the process exit code.
int RunIndexCommand(const IndexCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_INDEXER_INDEX_COMMAND_H
