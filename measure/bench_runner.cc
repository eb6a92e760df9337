/** @file bench_runner.cc
 *  @brief Timed passes over a query log on searcher threads; the latency plot.
 */
#include "byline/measure/bench_runner.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <thread>
#include <utility>

#include "byline/searcher.h"

namespace byline {
namespace {

using Clock = std::chrono::steady_clock;

// One timed execution.
struct Sample {
  std::size_t query;  // index into the log
  double ms;
  bool zero_hits;
  bool exact_count;  // the count's bounds were equal
};

// The measurements of `v` (unsorted latencies).
ClassReport Summarize(std::vector<double> v, std::size_t zeros, std::size_t exact,
                      std::size_t distinct, const BenchOptions& opts) {
  double busy = 0;
  for (double x : v) busy += x;
  ClassReport c;
  c.queries = distinct;
  c.latency = SummarizeLatencies(&v);
  // Per-class rate: executions per second of searcher time, times threads.
  c.qps = busy > 0 ? c.latency.count / (busy / 1000.0) * opts.threads : 0;
  c.zero_hits = zeros / opts.repeat;
  c.exact_counts = exact / opts.repeat;
  return c;
}

// Runs work(0) .. work(n - 1), each on a thread of its own; a single one
// on the calling thread, where `byline search` and xapian_baseline search
// too (a second thread allocates from another malloc arena). Measured on
// reuters21578, 15 alternating rounds against plain Xapian (the other core
// busy): p50 ratios union 1.30x -> 1.27x, intersection 1.38x -> 1.37x,
// phrase 1.20x -> 1.16x (benchmarks/README.md, "Session 11").
template <typename Work>
void RunOnThreads(std::size_t n, Work work) {
  if (n == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < n; ++t) pool.emplace_back([&work, t] { work(t); });
  for (auto& th : pool) th.join();
}

}  // namespace

Result<BenchReport> RunBench(const std::vector<std::string>& db_paths,
                             const std::vector<LoggedQuery>& queries, const BenchOptions& opts) {
  // One searcher per thread, opened before the clock starts.
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (unsigned t = 0; t < opts.threads; ++t) {
    auto s = Searcher::Open(db_paths);
    if (!s.ok()) return s.status();
    searchers.push_back(std::move(*s));
  }
  SearchRequest base;
  base.limit = opts.top_k;
  base.snippets = opts.snippets;
  base.describe = false;  // as `byline search` prints text: no --explain
  base.exact_count = opts.exact_count;
  base.collapse = opts.collapse;
  base.suggest_spelling = opts.suggest;
  BenchReport report;
  auto run_one = [&](Searcher& s, std::size_t i, Sample* out) {
    SearchRequest req = base;
    req.query = queries[i].query;
    auto t0 = Clock::now();
    auto r = s.Search(req);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    *out = {i, ms, !r.ok() || r->hits.empty(), r.ok() && r->matches_lower == r->matches_upper};
    return r.ok();
  };
  // Warm-up: every searcher runs the whole log, untimed, on its own thread
  // (each has its own database handle and caches to fill).
  {
    std::vector<std::size_t> bad(searchers.size(), 0);
    auto warm_up = [&](std::size_t t) {
      for (unsigned pass = 0; pass < opts.warmup; ++pass) {
        Sample ignored{};
        for (std::size_t i = 0; i < queries.size(); ++i) {
          if (!run_one(*searchers[t], i, &ignored) && pass == 0) ++bad[t];
        }
      }
    };
    RunOnThreads(searchers.size(), warm_up);
    report.unparsable_queries = bad.empty() ? 0 : bad[0];
  }
  // Timed passes: threads take queries from a shared counter.
  const std::size_t total = queries.size() * opts.repeat;
  std::vector<Sample> samples(total);
  std::atomic<std::size_t> next{0};
  auto wall0 = Clock::now();
  RunOnThreads(searchers.size(), [&](std::size_t t) {
    for (std::size_t k = next++; k < total; k = next++) {
      run_one(*searchers[t], k % queries.size(), &samples[k]);
    }
  });
  double wall_s = std::chrono::duration<double>(Clock::now() - wall0).count();

  std::map<std::string, std::size_t> zero_hits, exact_counts;
  std::vector<double> all;
  for (const Sample& s : samples) {
    const std::string& c = queries[s.query].query_class;
    report.samples_ms[c].push_back(s.ms);
    all.push_back(s.ms);
    if (s.zero_hits) ++zero_hits[c];
    if (s.exact_count) ++exact_counts[c];
  }
  std::map<std::string, std::size_t> distinct;
  for (const auto& q : queries) ++distinct[q.query_class];
  std::size_t all_zero = 0, all_exact = 0;
  for (const auto& [c, v] : report.samples_ms) {
    report.classes[c] = Summarize(v, zero_hits[c], exact_counts[c], distinct[c], opts);
    all_zero += zero_hits[c];
    all_exact += exact_counts[c];
  }
  report.overall = Summarize(all, all_zero, all_exact, queries.size(), opts);
  report.overall.qps = wall_s > 0 ? total / wall_s : 0;  // real throughput, wall clock
  return report;
}

// The tail is the curve's slow climb on the right.
Status WriteLatencyPlot(const std::string& path,
                        const std::map<std::string, std::vector<double>>& by_class,
                        const std::string& title) {
  const double w = 760, h = 420, left = 60, right = 170, top = 40, bottom = 50;
  double lo = 1e9, hi = 0;
  for (const auto& [name, v] : by_class) {
    for (double x : v) {
      lo = std::min(lo, std::max(x, 1e-3));
      hi = std::max(hi, x);
    }
  }
  if (hi <= 0) return Status::InvalidArgument("no latencies to plot");
  double lmin = std::floor(std::log10(lo)), lmax = std::ceil(std::log10(hi));
  if (lmax <= lmin) lmax = lmin + 1;
  auto X = [&](double ms) {
    double l = std::log10(std::max(ms, 1e-3));
    return left + (l - lmin) / (lmax - lmin) * (w - left - right);
  };
  // y: -log10(1 - share), so p50, p90, p99 and p99.9 are evenly spaced and
  // the tail gets as much room as the body.
  const double kTailMax = 3.0;  // p99.9
  auto Y = [&](double frac) {
    double t = frac >= 1 ? kTailMax : std::min(kTailMax, -std::log10(1 - frac));
    return top + (1 - t / kTailMax) * (h - top - bottom);
  };
  static const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                  "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
  std::ofstream out(path);
  if (!out) return Status::IOError(path + ": cannot write plot: " + std::strerror(errno));
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"22\" font-size=\"14\">" << title << "</text>\n";
  // Axes, decades and percentile lines.
  for (double d = lmin; d <= lmax; d += 1) {
    double x = X(std::pow(10, d));
    out << "<line x1=\"" << x << "\" y1=\"" << top << "\" x2=\"" << x << "\" y2=\"" << h - bottom
        << "\" stroke=\"#ddd\"/>\n<text x=\"" << x << "\" y=\"" << h - bottom + 16
        << "\" text-anchor=\"middle\">" << std::pow(10, d) << " ms</text>\n";
  }
  for (const auto& [p, label] : {std::pair<double, const char*>{0.0, "p0"},
                                 {0.5, "p50"},
                                 {0.9, "p90"},
                                 {0.99, "p99"},
                                 {0.999, "p99.9"}}) {
    out << "<line x1=\"" << left << "\" y1=\"" << Y(p) << "\" x2=\"" << w - right << "\" y2=\""
        << Y(p) << "\" stroke=\"#ddd\"/>\n<text x=\"" << left - 6 << "\" y=\"" << Y(p) + 4
        << "\" text-anchor=\"end\">" << label << "</text>\n";
  }
  out << "<text x=\"" << (left + w - right) / 2 << "\" y=\"" << h - 12
      << "\" text-anchor=\"middle\">latency (log scale)</text>\n";
  int i = 0;
  for (const auto& [name, v] : by_class) {
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const char* color = kColors[i % 10];
    out << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"1.5\" points=\"";
    for (std::size_t k = 0; k < sorted.size(); ++k) {
      // Share of executions strictly faster than this one, then at or below it.
      out << X(sorted[k]) << "," << Y(static_cast<double>(k) / sorted.size()) << " " << X(sorted[k])
          << "," << Y(static_cast<double>(k + 1) / sorted.size()) << " ";
    }
    out << "\"/>\n<text x=\"" << w - right + 10 << "\" y=\"" << top + 16 * i + 10 << "\" fill=\""
        << color << "\">" << name << " (" << sorted.size() << ")</text>\n";
    ++i;
  }
  out << "</svg>\n";
  return out ? Status::OK() : Status::IOError(path + ": write failed");
}

}  // namespace byline
