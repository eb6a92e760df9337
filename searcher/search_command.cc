/** @file search_command.cc
 *  @brief `byline search [--db DIR] [-n 10] [--json] QUERY...`.
 */
#include "searcher/search_command.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/index_writer.h"
#include "byline/searcher.h"
#include "byline/text.h"
#include "searcher/output_format.h"

namespace byline {

CLI::App* SetupSearchCommand(CLI::App& app, SearchCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand("search", "Search the index; see README for the query syntax");
  cmd->add_option("query", opts->query_words, "The query (words, \"phrases\", fields, AND/OR/NOT)")
      ->required();
  cmd->add_option("--db", opts->db,
                  "Database folder (default: $BYLINE_DB or ~/.local/share/byline/index)");
  cmd->add_option("-n,--limit", opts->limit, "Number of hits to show")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--offset", opts->offset, "Hits to skip (for paging)");
  cmd->add_flag("--json", opts->json, "One JSON object per hit, then a summary object");
  cmd->add_option("--color", opts->color,
                  "Colour: auto (on a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--since", opts->since, "Only articles dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", opts->until, "Only articles dated on or before (YYYY[-MM[-DD]])");
  cmd->add_option(
         "--op", opts->op,
         "How words side by side combine: or (ranked, default) or and (every word required)")
      ->check(CLI::IsMember({"and", "or"}));
  cmd->add_option("--expand", opts->expand,
                  "Pseudo-relevance feedback: add N terms from the top 10 hits (0: off)")
      ->check(CLI::Range(0, 100));
  cmd->add_flag("--explain", opts->explain, "Print how the query was understood");
  return cmd;
}

int RunSearchCommand(const SearchCommandOptions& opts) {
  std::string db = opts.db.empty() ? DefaultDatabasePath() : opts.db;
  SearchRequest req;
  for (const std::string& w : opts.query_words) {
    if (!req.query.empty()) req.query += ' ';
    req.query += w;
  }
  req.query = ToUtf8(req.query);  // a query in a legacy encoding is still read
  req.limit = opts.limit;
  req.offset = opts.offset;
  req.since = opts.since;
  req.until = opts.until;
  req.default_operator = opts.op == "or" ? DefaultOperator::kOr : DefaultOperator::kAnd;
  req.ranking.expand_terms = opts.expand;
  auto searcher = Searcher::Open(db);
  if (!searcher.ok()) {
    std::cerr << "byline: " << SafeForTerminal(searcher.status().message()) << "\n";
    return exit_code::ForStatus(searcher.status());
  }
  QueryError qerr;
  auto results = (*searcher)->Search(req, &qerr);
  if (!results.ok()) {
    std::cerr << "byline: " << SafeForTerminal(results.status().message()) << "\n";
    if (!qerr.message.empty()) {
      // Show the query with a caret under the position.
      std::string shown = SafeForTerminal(req.query);
      std::string before =
          SafeForTerminal(req.query.substr(0, std::min(qerr.offset, req.query.size())));
      std::cerr << "  " << shown << "\n  " << std::string(DisplayWidth(before), ' ') << "^\n";
    }
    return exit_code::ForStatus(results.status());
  }
  if (opts.json) {
    WriteJson(std::cout, *results);
    return exit_code::kOk;
  }
  bool tty = isatty(STDOUT_FILENO);
  const char* no_color = std::getenv("NO_COLOR");
  bool color = opts.color == "always" || (opts.color == "auto" && tty && !(no_color && *no_color));
  std::size_t width = 80;
  struct winsize ws {};
  if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) width = ws.ws_col;
  if (opts.explain) std::cout << "query: " << SafeForTerminal(results->query_description) << "\n";
  WriteText(std::cout, *results, color, std::min<std::size_t>(width, 120));
  return exit_code::kOk;
}

}  // namespace byline
