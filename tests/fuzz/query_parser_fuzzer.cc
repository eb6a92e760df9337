// Fuzzes the query parser in both modes: never a crash, a result or an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "byline/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static byline::Analyzer analyzer;
  std::string q(reinterpret_cast<const char*>(data), size);
  for (bool natural : {false, true}) {
    byline::QueryParseOptions opts;
    opts.natural_language = natural;
    opts.default_operator = size % 2 ? byline::DefaultOperator::kAnd : byline::DefaultOperator::kOr;
    byline::QueryError err;
    auto r = byline::ParseQuery(q, analyzer, opts, &err);
    if (r.ok()) {
      (void)byline::DescribeQuery(*r);
      (void)byline::RelaxToOr(*r);
    } else if (err.offset > q.size()) {
      __builtin_trap();  // an error must point inside the query
    }
  }
  return 0;
}
