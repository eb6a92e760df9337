/** @file bench_runner.h
 *  @brief Warm, in-process latency and throughput of a query log, per query
 *  class, through the path `byline search` uses; and a plot of it.
 */
#ifndef BYLINE_MEASURE_BENCH_RUNNER_H
#define BYLINE_MEASURE_BENCH_RUNNER_H

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "byline/measure/bench.h"
#include "byline/status.h"

namespace byline {

/// How RunBench runs a log.
struct BenchOptions {
  std::size_t top_k = 10;  ///< hits per query
  bool snippets = false;   ///< make snippets for every hit, as `byline search` does
  unsigned threads = 1;    ///< searcher threads, each with its own database handle
  unsigned warmup = 1;     ///< untimed passes over the log, by every searcher, first
  unsigned repeat = 3;     ///< timed passes over the log
  /// Count every match exactly, as `byline search --count` and `--facets`
  /// do (SearchRequest::exact_count); by default counts beyond the page are
  /// Xapian's estimates, as `byline search` prints them.
  bool exact_count = false;
  /// One hit per story, as `byline search` shows them; false lists every
  /// copy (`--all-copies`).
  bool collapse = true;
  /// Did you mean, as `byline search --suggest` does
  /// (SearchRequest::suggest_spelling).
  bool suggest = false;
};

/// The measurements of one query class, or of the whole log.
struct ClassReport {
  std::size_t queries = 0;    ///< distinct queries in the log
  LatencyStats latency;       ///< over every timed execution
  double qps = 0;             ///< a class: executions per second of searcher time, times
                              ///< threads; the whole log: executions per wall-clock second
  std::size_t zero_hits = 0;  ///< executions with no hit (or an error), per timed pass
  /// Executions whose count of matches was exact (its bounds equal), per
  /// timed pass: all of them with BenchOptions::exact_count.
  std::size_t exact_counts = 0;
};

/// What RunBench measured.
struct BenchReport {
  std::map<std::string, ClassReport> classes;  ///< by query class
  ClassReport overall;                         ///< the whole log
  /// Queries of the log that failed to run (in the first warm-up pass of the
  /// first searcher; 0 without warm-up).
  std::size_t unparsable_queries = 0;
  /// Every timed execution's latency, by query class, in execution order.
  std::map<std::string, std::vector<double>> samples_ms;
};

/// Opens `options.threads` searchers on `db_paths` (searched as one; before
/// the clock starts),
/// runs `options.warmup` untimed passes over `queries` on each, then
/// `options.repeat` timed passes, the threads taking queries from a shared
/// counter. Fails only if the database cannot be opened.
Result<BenchReport> RunBench(const std::vector<std::string>& db_paths,
                             const std::vector<LoggedQuery>& queries, const BenchOptions& options);

/// Writes an SVG of each class's latency distribution to `path`: the share
/// of executions (y, spaced so that p50, p90, p99 and p99.9 are even) answered
/// within a latency (x, log scale).
Status WriteLatencyPlot(const std::string& path,
                        const std::map<std::string, std::vector<double>>& samples_ms,
                        const std::string& title);

}  // namespace byline

#endif  // BYLINE_MEASURE_BENCH_RUNNER_H
