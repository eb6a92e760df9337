/** @file similar_command.h
 *  @brief `byline similar ID`: articles about the same story or topic.
 */
#ifndef BYLINE_SEARCHER_SIMILAR_COMMAND_H
#define BYLINE_SEARCHER_SIMILAR_COMMAND_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "byline/cli/terminal.h"

namespace byline {

/// Collection of all options of `byline similar`.
struct SimilarCommandOptions {
  std::string id;               ///< as `byline search` prints it
  std::vector<std::string> db;  ///< none: the default; several: searched as one
  std::size_t limit = 10;
  std::string format = "text";  ///< text, json, ids or paths, as for search
  bool json = false;            ///< --json: --format json
  std::string since, until;
  bool all_copies = false;   ///< no collapsing of the hits' own stories
  TerminalOptions terminal;  ///< --color
};

/// Adds the `similar` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupSimilarCommand(CLI::App& app, SimilarCommandOptions* opts);

/// Runs it (Searcher::Similar), printing as `byline search` does; returns
/// the process exit code (1 for an id no article has).
int RunSimilarCommand(const SimilarCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_SEARCHER_SIMILAR_COMMAND_H
