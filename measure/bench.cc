/** @file bench.cc
 *  @brief Query log reading and nearest-rank latency percentiles.
 */
#include "byline/measure/bench.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace byline {

Result<std::vector<LoggedQuery>> LoadQueryLog(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open query log");
  std::vector<LoggedQuery> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    if (line[first] != '{') {
      out.push_back({line, "all"});
      continue;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("query") || !j["query"].is_string()) {
      return Status::Corruption(path + ":" + std::to_string(n) +
                                ": expected {\"query\": \"...\", \"tags\": [...]}");
    }
    LoggedQuery q{j["query"].get<std::string>(), "all"};
    if (j.contains("tags") && j["tags"].is_array() && !j["tags"].empty() &&
        j["tags"][0].is_string()) {
      q.query_class = j["tags"][0].get<std::string>();
    }
    out.push_back(std::move(q));
  }
  return out;
}

LatencyStats SummarizeLatencies(std::vector<double>* samples_ms) {
  LatencyStats s;
  std::vector<double>& v = *samples_ms;
  s.count = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto rank = [&](double p) {
    std::size_t r = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::min(v.size(), std::max<std::size_t>(r, 1)) - 1];
  };
  s.p50_ms = rank(50);
  s.p90_ms = rank(90);
  s.p99_ms = rank(99);
  s.max_ms = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean_ms = sum / static_cast<double>(v.size());
  return s;
}

}  // namespace byline
