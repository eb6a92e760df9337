/** @file similar_command.cc
 *  @brief `byline similar ID [--db DIR] [-n 10] [--format F] [--since D] [--until D]`.
 */
#include "similar_command.h"

#include <algorithm>
#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/searcher.h"
#include "json_printer.h"
#include "text_printer.h"

namespace byline {
namespace {

// As for `byline search`.
constexpr std::size_t kMaxListingWidth = 120;

}  // namespace

CLI::App* SetupSimilarCommand(CLI::App& app, SimilarCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand(
      "similar", "Articles about the same story or topic as one article (not its copies)");
  cmd->add_option("id", opts->id, "The article's id, as `byline search` prints it")->required();
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_option("-n,--limit", opts->limit, "Number of articles to show")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--format", opts->format,
                  "text (default), json (a JSON object per hit, then a summary), ids or paths")
      ->check(CLI::IsMember({"text", "json", "ids", "paths"}));
  cmd->add_flag("--json", opts->json, "The same as --format json");
  cmd->add_option("--since", opts->since, "Only articles dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", opts->until, "Only articles dated on or before (YYYY[-MM[-DD]])");
  cmd->add_flag("--all-copies", opts->all_copies,
                "Every copy of another story as a hit of its own (by default one per story)");
  AddColorOption(*cmd, &opts->terminal);
  return cmd;
}

int RunSimilarCommand(const SimilarCommandOptions& opts, const Terminal& terminal) {
  const std::string format = opts.json ? "json" : opts.format;
  SearchRequest req;
  req.limit = opts.limit;
  req.since = opts.since;
  req.until = opts.until;
  req.collapse = !opts.all_copies;
  req.snippets = format == "text" || format == "json";
  req.list_copies = req.snippets;
  auto searcher = Searcher::Open(ResolveDatabasePaths(opts.db));
  if (!searcher.ok()) return Report(searcher.status());
  auto results = (*searcher)->Similar(opts.id, req);
  if (!results.ok()) return Report(results.status());
  if (format == "json") {
    WriteJson(std::cout, *results);
  } else if (format == "ids" || format == "paths") {
    (format == "ids" ? WriteIds : WritePaths)(std::cout, *results);
  } else {
    WriteText(std::cout, *results, terminal.color, std::min(terminal.width, kMaxListingWidth));
  }
  return exit_code::kOk;
}

}  // namespace byline
