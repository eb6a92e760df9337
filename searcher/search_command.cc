/** @file search_command.cc
 *  @brief `byline search [--db DIR] [-n 10] [--json] QUERY...`.
 */
#include "search_command.h"

#include <algorithm>
#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/searcher.h"
#include "byline/text.h"
#include "json_printer.h"
#include "text_printer.h"

namespace byline {
namespace {

// The listing is not wrapped wider than this, however wide the terminal.
constexpr std::size_t kMaxListingWidth = 120;

// Shows the query on stderr with a caret under byte `offset` (an error's or
// a note's position).
void ShowPosition(const std::string& query, std::size_t offset) {
  std::string shown = SafeForTerminal(query);
  std::string before = SafeForTerminal(query.substr(0, std::min(offset, query.size())));
  std::cerr << "  " << shown << "\n  " << std::string(DisplayWidth(before), ' ') << "^\n";
}

}  // namespace

CLI::App* SetupSearchCommand(CLI::App& app, SearchCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand("search", "Search the index; see README for the query syntax");
  cmd->add_option("query", opts->query_words, "The query (words, \"phrases\", fields, AND/OR/NOT)")
      ->required();
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_option("-n,--limit", opts->limit, "Number of hits to show")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--offset", opts->offset, "Hits to skip (for paging)");
  cmd->add_flag("--json", opts->json, "One JSON object per hit, then a summary object");
  AddColorOption(*cmd, &opts->terminal);
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
  cmd->add_flag("--strict", opts->strict,
                "Text that is not query syntax is an error (exit 2), not plain words and a note");
  return cmd;
}

int RunSearchCommand(const SearchCommandOptions& opts, const Terminal& terminal) {
  const std::string db = ResolveDatabasePath(opts.db);
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
  req.strict = opts.strict;
  auto searcher = Searcher::Open(db);
  if (!searcher.ok()) return Report(searcher.status());
  QueryError qerr;
  auto results = (*searcher)->Search(req, &qerr);
  if (!results.ok()) {
    const int code = Report(results.status());
    if (!qerr.message.empty()) ShowPosition(req.query, qerr.offset);
    return code;
  }
  for (const QueryNotice& n : results->notices) {
    ReportError("note: " + n.message);
    ShowPosition(req.query, n.offset);
  }
  if (opts.json) {
    WriteJson(std::cout, *results);
    return exit_code::kOk;
  }
  if (opts.explain) std::cout << "query: " << SafeForTerminal(results->query_description) << "\n";
  WriteText(std::cout, *results, terminal.color, std::min(terminal.width, kMaxListingWidth));
  return exit_code::kOk;
}

}  // namespace byline
