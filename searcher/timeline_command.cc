/** @file timeline_command.cc
 *  @brief `byline timeline [--by P] [--since D] [--until D] [--json] [--plot F] QUERY...`.
 */
#include "timeline_command.h"

#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/coverage.h"
#include "byline/dates.h"
#include "byline/searcher.h"
#include "byline/text.h"
#include "coverage_printer.h"
#include "search_command.h"

namespace byline {

CLI::App* SetupTimelineCommand(CLI::App& app, TimelineCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand(
      "timeline", "Matching articles over time: a bar a day, week, month or year");
  cmd->add_option("query", opts->query_words,
                  "The query, as for search; '*' or only filters count every article");
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_option("--by", opts->by,
                  "Bar length: day, week (ISO), month or year (default: chosen from the span)")
      ->check(CLI::IsMember({"day", "week", "month", "year"}));
  cmd->add_option("--since", opts->since, "Only articles dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", opts->until, "Only articles dated on or before (YYYY[-MM[-DD]])");
  cmd->add_flag("--json", opts->json, "A JSON object per bar, then a summary object");
  cmd->add_option("--plot", opts->plot, "Also write the timeline as an SVG bar chart to FILE");
  cmd->add_flag("--all-copies", opts->all_copies,
                "Count every copy of a story (by default each story once)");
  AddColorOption(*cmd, &opts->terminal);
  cmd->add_option("--synonyms", opts->synonyms,
                  "Synonyms FILE for this count, instead of those stored with the database")
      ->check(CLI::ExistingFile);
  return cmd;
}

int RunTimelineCommand(const TimelineCommandOptions& opts, const Terminal& terminal) {
  SearchRequest req;
  for (const std::string& w : opts.query_words) {
    if (!req.query.empty()) req.query += ' ';
    req.query += w;
  }
  req.query = ToUtf8(req.query);
  const bool blank = req.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && opts.since.empty() && opts.until.empty()) {
    ReportError(
        "nothing to count: give a query, '*' for every article, or --since/--until for the "
        "articles of a period");
    return exit_code::kUsage;
  }
  req.since = opts.since;
  req.until = opts.until;
  req.collapse = !opts.all_copies;
  if (Status s = LoadSynonymsOption(opts.synonyms, &req); !s.ok()) return Report(s);
  auto searcher = Searcher::Open(ResolveDatabasePaths(opts.db));
  if (!searcher.ok()) return Report(searcher.status());
  QueryError qerr;
  auto counts = (*searcher)->CountCoverage(req, {}, &qerr);
  if (!counts.ok()) return Report(counts.status());
  for (const QueryNotice& n : counts->notices) ReportError("note: " + n.message);
  Timeline t;
  t.query = req.query;
  t.matches = counts->matches;
  t.undated = counts->undated;
  t.collapsed = counts->collapsed;
  t.elapsed_ms = counts->elapsed_ms;
  // The bars run over --since/--until where given (empty periods at the
  // ends show), else from the first match to the last.
  std::string from, to;
  if (auto r = ParseDateRange(opts.since)) from = r->from;
  if (auto r = ParseDateRange(opts.until)) to = r->to;
  const std::string first = !from.empty()          ? from
                            : counts->days.empty() ? ""
                                                   : counts->days.begin()->first;
  const std::string last = !to.empty()            ? to
                           : counts->days.empty() ? ""
                                                  : counts->days.rbegin()->first;
  t.by = opts.by.empty() ? ChoosePeriod(first, last) : *ParsePeriod(opts.by);
  if (!counts->days.empty()) t.buckets = BucketDays(counts->days, t.by, from, to);
  if (!opts.plot.empty()) {
    if (Status s = WriteTimelineSvg(opts.plot, t); !s.ok()) return Report(s);
  }
  if (opts.json) {
    WriteTimelineJson(std::cout, t);
  } else {
    WriteTimelineText(std::cout, t, terminal.width);
  }
  return exit_code::kOk;
}

}  // namespace byline
