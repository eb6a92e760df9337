/** @file bench_command.h
 *  @brief `byline bench`: query latency and throughput for a query log.
 */
#ifndef BYLINE_EVALUATOR_BENCH_COMMAND_H
#define BYLINE_EVALUATOR_BENCH_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace byline {

/// Collection of all options of `byline bench`.
struct BenchCommandOptions {
  std::vector<std::string> db;  ///< none: the default; several: searched as one
  std::string queries, plot;
  std::size_t top_k = 10;
  bool snippets = false, json = false, exact_count = false, all_copies = false, suggest = false;
  unsigned threads = 1, warmup = 1, repeat = 3;
};

/// Adds the `bench` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupBenchCommand(CLI::App& app, BenchCommandOptions* opts);

/// Runs it; returns the process exit code.
int RunBenchCommand(const BenchCommandOptions& opts);

}  // namespace byline

#endif  // BYLINE_EVALUATOR_BENCH_COMMAND_H
