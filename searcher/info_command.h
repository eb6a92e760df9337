/** @file info_command.h
 *  @brief `byline info`: what a database holds.
 */
#ifndef BYLINE_SEARCHER_INFO_COMMAND_H
#define BYLINE_SEARCHER_INFO_COMMAND_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "byline/cli/terminal.h"
#include "byline/database_info.h"

namespace byline {

/// Collection of all options of `byline info`.
struct InfoCommandOptions {
  std::vector<std::string> db;  ///< none: the default; several: described as one
  bool json = false;            ///< one JSON object instead of text
  std::size_t top = 10;         ///< sources shown (and languages)
};

/// Adds the `info` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupInfoCommand(CLI::App& app, InfoCommandOptions* opts);

/// `info` as text: one "label  value" line per fact, the `top` most common
/// languages and sources, wrapped at `width`.
void WriteInfoText(std::ostream& out, const DatabaseInfo& info, std::size_t top, std::size_t width);

/// `info --json`: one object with every fact (the `top` sources and
/// languages, and their totals).
void WriteInfoJson(std::ostream& out, const DatabaseInfo& info, std::size_t top);

/// Runs it (ReadDatabaseInfo); returns the process exit code.
int RunInfoCommand(const InfoCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_SEARCHER_INFO_COMMAND_H
