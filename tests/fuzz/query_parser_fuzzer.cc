// Fuzzes the query parser in every mode (syntax, strict syntax, natural
// language): never a crash, a result or an error; notices point inside.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "byline/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static byline::Analyzer analyzer;
  std::string q(reinterpret_cast<const char*>(data), size);
  for (int mode = 0; mode < 3; ++mode) {
    byline::QueryParseOptions opts;
    opts.natural_language = mode == 2;
    opts.strict = mode == 1;
    opts.default_operator = size % 2 ? byline::DefaultOperator::kAnd : byline::DefaultOperator::kOr;
    byline::QueryError err;
    std::vector<byline::QueryNotice> notices;
    auto r = byline::ParseQuery(q, analyzer, opts, &err, &notices);
    for (const byline::QueryNotice& n : notices) {
      if (n.offset > q.size() || opts.strict) __builtin_trap();  // strict mode never notices
    }
    if (r.ok()) {
      (void)byline::DescribeQuery(*r);
      (void)byline::RelaxToOr(*r);
    } else if (err.offset > q.size()) {
      __builtin_trap();  // an error must point inside the query
    }
  }
  return 0;
}
