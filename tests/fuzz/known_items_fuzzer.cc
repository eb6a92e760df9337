// Fuzzes the known-item file reader (LoadKnownItems, `byline eval
// --known-items`): items or an error naming the file; every item has a query
// and an id and its line, and scoring and writing a run of them work.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "byline/measure/known_items.h"
#include "byline/text.h"
#include "fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = byline::fuzz::InputFile(data, size);
  auto items = byline::LoadKnownItems(path);
  if (!items.ok()) {
    if (items.status().message().rfind(path, 0) != 0) __builtin_trap();  // names the file
    return 0;
  }
  std::vector<byline::KnownItemOutcome> outcomes;
  int last = 0;
  for (const byline::KnownItem& item : *items) {
    if (item.query.empty() || item.expected_id.empty() || item.line <= last) __builtin_trap();
    last = item.line;
    (void)byline::ToUtf8(item.query);  // as RunKnownItems searches it
    byline::KnownItemOutcome o;
    o.rank = item.query.size() % (byline::kKnownItemDepth + 2);
    o.missing = item.expected_id.size() % 5 == 0;
    outcomes.push_back(o);
  }
  byline::KnownItemSummary sum = byline::ScoreKnownItems(*items, outcomes);
  if (sum.overall.queries != static_cast<int>(items->size()) || sum.overall.mrr10 < 0 ||
      sum.overall.mrr10 > 1) {
    __builtin_trap();
  }
  if (!byline::WriteKnownItemRun("/dev/null", *items, outcomes).ok()) __builtin_trap();
  return 0;
}
