/** @file search_command.h
 *  @brief `byline search`: options and the front end.
 */
#ifndef BYLINE_SEARCHER_SEARCH_COMMAND_H
#define BYLINE_SEARCHER_SEARCH_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace byline {

/// Collection of all options of `byline search`.
struct SearchCommandOptions {
  std::vector<std::string> query_words;
  std::string db;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  std::string color = "auto";
  std::string since, until;
  std::string op = "or";
  bool explain = false;
  unsigned expand = 0;
};

/// Adds the `search` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupSearchCommand(CLI::App& app, SearchCommandOptions* opts);

/// Runs it; returns the process exit code.
int RunSearchCommand(const SearchCommandOptions& opts);

}  // namespace byline

#endif  // BYLINE_SEARCHER_SEARCH_COMMAND_H
