/** @file bench_command.cc
 *  @brief `byline bench --db DB --queries LOG`: warm, in-process latency per query class.
 */
#include "bench_command.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/measure/bench.h"
#include "byline/measure/bench_runner.h"

namespace byline {
namespace {

nlohmann::json ClassJson(const ClassReport& c) {
  return nlohmann::json{{"queries", c.queries},         {"executions", c.latency.count},
                        {"p50_ms", c.latency.p50_ms},   {"p90_ms", c.latency.p90_ms},
                        {"p99_ms", c.latency.p99_ms},   {"max_ms", c.latency.max_ms},
                        {"mean_ms", c.latency.mean_ms}, {"qps", c.qps},
                        {"zero_hits", c.zero_hits},     {"exact_counts", c.exact_counts}};
}

void PrintClassLine(const std::string& name, const ClassReport& c) {
  std::printf("%-22s %8zu %9.3f %9.3f %9.3f %9.3f %10.0f %6zu %6zu\n", name.c_str(), c.queries,
              c.latency.p50_ms, c.latency.p90_ms, c.latency.p99_ms, c.latency.max_ms, c.qps,
              c.zero_hits, c.exact_counts);
}

}  // namespace

CLI::App* SetupBenchCommand(CLI::App& app, BenchCommandOptions* opts) {
  CLI::App* cmd =
      app.add_subcommand("bench", "Measure query latency and throughput for a query log");
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_option("--queries", opts->queries,
                  "Query log: one query a line, or JSON Lines {\"query\", \"tags\"}")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-n,--limit", opts->top_k, "Hits per query")->check(CLI::Range(1, 10000));
  cmd->add_flag("--snippets", opts->snippets,
                "Make snippets for every hit, as `byline search` does");
  cmd->add_flag("--exact-count", opts->exact_count,
                "Count every match exactly, as `byline search --count` and --facets do");
  cmd->add_flag("--all-copies", opts->all_copies,
                "List every copy of a story, as `byline search --all-copies` does");
  cmd->add_flag("--suggest", opts->suggest,
                "Look for spellings of rare words, as `byline search --suggest` does");
  cmd->add_option("--threads", opts->threads, "Searcher threads, each with its own database handle")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--warmup", opts->warmup, "Untimed passes over the log first")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--repeat", opts->repeat, "Timed passes over the log")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", opts->json, "Print one JSON object");
  cmd->add_option("--plot", opts->plot, "Write an SVG of the latency distribution per class");
  return cmd;
}

int RunBenchCommand(const BenchCommandOptions& opts) {
  const std::vector<std::string> dbs = ResolveDatabasePaths(opts.db);
  const std::string db = DatabaseLabel(dbs);
  auto log = LoadQueryLog(opts.queries);
  if (!log.ok()) return Report(log.status(), exit_code::kUsage);
  if (log->empty()) {
    ReportError(opts.queries + ": no queries");
    return exit_code::kUsage;
  }
  const std::vector<LoggedQuery>& queries = *log;
  BenchOptions options;
  options.top_k = opts.top_k;
  options.snippets = opts.snippets;
  options.threads = opts.threads;
  options.warmup = opts.warmup;
  options.repeat = opts.repeat;
  options.exact_count = opts.exact_count;
  options.collapse = !opts.all_copies;
  options.suggest = opts.suggest;
  auto report = RunBench(dbs, queries, options);
  if (!report.ok()) return Report(report.status());
  nlohmann::json classes = nlohmann::json::object();
  for (const auto& [c, r] : report->classes) classes[c] = ClassJson(r);
  nlohmann::json result = {{"classes", classes},
                           {"overall", ClassJson(report->overall)},
                           {"threads", opts.threads},
                           {"top_k", opts.top_k},
                           {"snippets", opts.snippets},
                           {"exact_count", opts.exact_count},
                           {"all_copies", opts.all_copies},
                           {"suggest", opts.suggest},
                           {"db", db},
                           {"repeat", opts.repeat},
                           {"warmup", opts.warmup},
                           {"unparsable_queries", report->unparsable_queries}};
  if (!opts.plot.empty()) {
    char title[160];
    std::snprintf(title, sizeof title,
                  "byline bench: %zu queries x %u, top %zu%s%s%s%s, %u thread%s", queries.size(),
                  opts.repeat, opts.top_k, opts.snippets ? " with snippets" : "",
                  opts.exact_count ? ", exact counts" : "", opts.all_copies ? ", all copies" : "",
                  opts.suggest ? ", did you mean" : "", opts.threads, opts.threads == 1 ? "" : "s");
    if (Status s = WriteLatencyPlot(opts.plot, report->samples_ms, title); !s.ok()) {
      return Report(s, exit_code::kFatal);
    }
  }
  if (opts.json) {
    std::cout << result.dump() << "\n";
    return exit_code::kOk;
  }
  std::printf("%-22s %8s %9s %9s %9s %9s %10s %6s %6s\n", "class", "queries", "p50 ms", "p90 ms",
              "p99 ms", "max ms", "qps", "zero", "exact");
  for (const auto& [c, r] : report->classes) PrintClassLine(c, r);
  PrintClassLine("overall", report->overall);
  std::printf(
      "\n%u thread%s, top %zu, %s%s%s%s, %u warm-up and %u timed passes; %zu queries could not be "
      "parsed\n",
      opts.threads, opts.threads == 1 ? "" : "s", opts.top_k,
      opts.snippets ? "with snippets" : "no snippets", opts.exact_count ? ", exact counts" : "",
      opts.all_copies ? ", all copies" : "", opts.suggest ? ", did you mean" : "", opts.warmup,
      opts.repeat, report->unparsable_queries);
  return exit_code::kOk;
}

}  // namespace byline
