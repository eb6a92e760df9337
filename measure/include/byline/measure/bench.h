/** @file bench.h
 *  @brief Query logs and latency statistics for `byline bench`.
 */
#ifndef BYLINE_MEASURE_BENCH_H
#define BYLINE_MEASURE_BENCH_H

#include <cstddef>
#include <string>
#include <vector>

#include "byline/status.h"

namespace byline {

/// One query of a log, with its class (the first tag of a JSON Lines log,
/// "all" for a plain text log).
struct LoggedQuery {
  std::string query;
  std::string query_class;
};

/// Reads a query log: plain text (one query a line; blank lines skipped) or
/// JSON Lines objects {"query": "...", "tags": ["class", ...]}. Errors name
/// the file and line.
Result<std::vector<LoggedQuery>> LoadQueryLog(const std::string& path);

/// Latency summary of a set of timed executions.
struct LatencyStats {
  std::size_t count = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
};

/// Nearest-rank percentiles: the p-th percentile is the smallest sample with
/// at least p% of the samples at or below it. `samples_ms` is sorted in place.
LatencyStats SummarizeLatencies(std::vector<double>* samples_ms);

}  // namespace byline

#endif  // BYLINE_MEASURE_BENCH_H
