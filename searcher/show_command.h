/** @file show_command.h
 *  @brief `byline show`: options and the front end.
 */
#ifndef BYLINE_SEARCHER_SHOW_COMMAND_H
#define BYLINE_SEARCHER_SHOW_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "byline/cli/terminal.h"

namespace byline {

/// Collection of all options of `byline show`.
struct ShowCommandOptions {
  std::vector<std::string> ids;  ///< as `byline search` prints them
  std::vector<std::string> db;   ///< none: the default; several: searched as one
  bool json = false;
  bool no_pager = false;
  TerminalOptions terminal;  ///< --color
};

/// Adds the `show` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupShowCommand(CLI::App& app, ShowCommandOptions* opts);

/// Runs it: every article in the order of the ids, to stdout for `terminal`
/// (colour, width, and through the pager when the text is longer than the
/// screen); an id no article has is reported on stderr and the others are
/// still shown. Returns the process exit code (that of the first failure).
int RunShowCommand(const ShowCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_SEARCHER_SHOW_COMMAND_H
