/** @file bench_command.cc
 *  @brief `byline bench --db DB --queries LOG`: warm, in-process latency per query class.
 */
#include "searcher/bench_command.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/index_writer.h"
#include "byline/measure/bench.h"
#include "byline/searcher.h"
#include "byline/text.h"

namespace byline {
namespace {

using Clock = std::chrono::steady_clock;

// One timed execution.
struct Sample {
  std::size_t query;  // index into the log
  double ms;
  bool zero_hits;
};

// Writes an SVG of each class's latency distribution: the share of queries
// (y) answered within a latency (x, log scale), so the tail is the curve's
// slow climb on the right.
Status WritePlot(const std::string& path,
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
  if (!out) return Status::IOError(path + ": cannot write plot");
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

}  // namespace

CLI::App* SetupBenchCommand(CLI::App& app, BenchCommandOptions* opts) {
  CLI::App* cmd =
      app.add_subcommand("bench", "Measure query latency and throughput for a query log");
  cmd->add_option("--db", opts->db,
                  "Database folder (default: $BYLINE_DB or ~/.local/share/byline/index)");
  cmd->add_option("--queries", opts->queries,
                  "Query log: one query a line, or JSON Lines {\"query\", \"tags\"}")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-n,--limit", opts->top_k, "Hits per query")->check(CLI::Range(1, 10000));
  cmd->add_flag("--snippets", opts->snippets,
                "Make snippets for every hit, as `byline search` does");
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
  std::string db = opts.db.empty() ? DefaultDatabasePath() : opts.db;
  auto log = LoadQueryLog(opts.queries);
  if (!log.ok()) {
    std::cerr << "byline: " << log.status().message() << "\n";
    return exit_code::kUsage;
  }
  if (log->empty()) {
    std::cerr << "byline: " << opts.queries << ": no queries\n";
    return exit_code::kUsage;
  }
  const std::vector<LoggedQuery>& queries = *log;
  // One searcher per thread, opened before the clock starts.
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (unsigned t = 0; t < opts.threads; ++t) {
    auto s = Searcher::Open(db);
    if (!s.ok()) {
      std::cerr << "byline: " << SafeForTerminal(s.status().message()) << "\n";
      return exit_code::ForStatus(s.status());
    }
    searchers.push_back(std::move(*s));
  }
  SearchRequest base;
  base.limit = opts.top_k;
  base.snippets = opts.snippets;
  std::size_t bad_queries = 0;
  auto run_one = [&](Searcher& s, std::size_t i, Sample* out) {
    SearchRequest req = base;
    req.query = queries[i].query;
    auto t0 = Clock::now();
    auto r = s.Search(req);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    *out = {i, ms, !r.ok() || r->hits.empty()};
    return r.ok();
  };
  // Warm-up: every searcher runs the whole log, untimed, on its own thread
  // (each has its own database handle and caches to fill).
  {
    std::vector<std::size_t> bad(searchers.size(), 0);
    std::vector<std::thread> warm;
    for (std::size_t t = 0; t < searchers.size(); ++t) {
      warm.emplace_back([&, t] {
        for (unsigned pass = 0; pass < opts.warmup; ++pass) {
          Sample ignored{};
          for (std::size_t i = 0; i < queries.size(); ++i) {
            if (!run_one(*searchers[t], i, &ignored) && pass == 0) ++bad[t];
          }
        }
      });
    }
    for (auto& th : warm) th.join();
    bad_queries = bad[0];
  }
  // Timed passes: threads take queries from a shared counter.
  const std::size_t total = queries.size() * opts.repeat;
  std::vector<Sample> samples(total);
  std::atomic<std::size_t> next{0};
  auto wall0 = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < opts.threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t k = next++; k < total; k = next++) {
        run_one(*searchers[t], k % queries.size(), &samples[k]);
      }
    });
  }
  for (auto& th : pool) th.join();
  double wall_s = std::chrono::duration<double>(Clock::now() - wall0).count();

  std::map<std::string, std::vector<double>> by_class;
  std::map<std::string, std::size_t> zero_hits;
  std::vector<double> all;
  for (const Sample& s : samples) {
    const std::string& c = queries[s.query].query_class;
    by_class[c].push_back(s.ms);
    all.push_back(s.ms);
    if (s.zero_hits) ++zero_hits[c];
  }
  auto stats_json = [&](std::vector<double> v, std::size_t zeros, std::size_t distinct) {
    double busy = 0;
    for (double x : v) busy += x;
    LatencyStats st = SummarizeLatencies(&v);
    // Per-class rate: executions per second of searcher time, times threads.
    double qps = busy > 0 ? st.count / (busy / 1000.0) * opts.threads : 0;
    return nlohmann::json{{"queries", distinct},
                          {"executions", st.count},
                          {"p50_ms", st.p50_ms},
                          {"p90_ms", st.p90_ms},
                          {"p99_ms", st.p99_ms},
                          {"max_ms", st.max_ms},
                          {"mean_ms", st.mean_ms},
                          {"qps", qps},
                          {"zero_hits", zeros / opts.repeat}};
  };
  std::map<std::string, std::size_t> distinct;
  for (const auto& q : queries) ++distinct[q.query_class];
  nlohmann::json classes = nlohmann::json::object();
  std::size_t all_zero = 0;
  for (auto& [c, v] : by_class) {
    classes[c] = stats_json(v, zero_hits[c], distinct[c]);
    all_zero += zero_hits[c];
  }
  nlohmann::json overall = stats_json(all, all_zero, queries.size());
  overall["qps"] = wall_s > 0 ? total / wall_s : 0;  // real throughput, wall clock
  nlohmann::json result = {
      {"classes", classes},    {"overall", overall},        {"threads", opts.threads},
      {"top_k", opts.top_k},   {"snippets", opts.snippets}, {"db", db},
      {"repeat", opts.repeat}, {"warmup", opts.warmup},     {"unparsable_queries", bad_queries}};
  if (!opts.plot.empty()) {
    char title[160];
    std::snprintf(title, sizeof title, "byline bench: %zu queries x %u, top %zu%s, %u thread%s",
                  queries.size(), opts.repeat, opts.top_k, opts.snippets ? " with snippets" : "",
                  opts.threads, opts.threads == 1 ? "" : "s");
    if (Status s = WritePlot(opts.plot, by_class, title); !s.ok()) {
      std::cerr << "byline: " << s.message() << "\n";
      return exit_code::kFatal;
    }
  }
  if (opts.json) {
    std::cout << result.dump() << "\n";
    return exit_code::kOk;
  }
  std::printf("%-22s %8s %9s %9s %9s %9s %10s %6s\n", "class", "queries", "p50 ms", "p90 ms",
              "p99 ms", "max ms", "qps", "zero");
  auto line = [](const std::string& name, const nlohmann::json& j) {
    std::printf("%-22s %8zu %9.3f %9.3f %9.3f %9.3f %10.0f %6zu\n", name.c_str(),
                j["queries"].get<std::size_t>(), j["p50_ms"].get<double>(),
                j["p90_ms"].get<double>(), j["p99_ms"].get<double>(), j["max_ms"].get<double>(),
                j["qps"].get<double>(), j["zero_hits"].get<std::size_t>());
  };
  for (auto& [c, j] : classes.items()) line(c, j);
  line("overall", overall);
  std::printf(
      "\n%u thread%s, top %zu, %s, %u warm-up and %u timed passes; %zu queries could not be "
      "parsed\n",
      opts.threads, opts.threads == 1 ? "" : "s", opts.top_k,
      opts.snippets ? "with snippets" : "no snippets", opts.warmup, opts.repeat, bad_queries);
  return exit_code::kOk;
}

}  // namespace byline
