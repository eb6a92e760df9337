/** @file timeline_command.h
 *  @brief `byline timeline`: matches of a query over time.
 */
#ifndef BYLINE_SEARCHER_TIMELINE_COMMAND_H
#define BYLINE_SEARCHER_TIMELINE_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "byline/cli/terminal.h"

namespace byline {

/// Every option of `byline timeline`.
struct TimelineCommandOptions {
  std::vector<std::string> query_words;
  std::vector<std::string> db;  ///< none: the default; several: searched as one
  std::string by;               ///< day, week, month, year; "" to choose from the span
  std::string since, until;
  bool json = false;
  std::string plot;         ///< an SVG file to write, or ""
  bool all_copies = false;  ///< count every copy, not stories
  TerminalOptions terminal;
  std::string synonyms;  ///< --synonyms FILE instead of the database's
};

/// Adds the `timeline` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupTimelineCommand(CLI::App& app, TimelineCommandOptions* opts);

/// Runs it for `terminal` (the bars fit its width); returns the exit code.
int RunTimelineCommand(const TimelineCommandOptions& opts, const Terminal& terminal);

}  // namespace byline

#endif  // BYLINE_SEARCHER_TIMELINE_COMMAND_H
