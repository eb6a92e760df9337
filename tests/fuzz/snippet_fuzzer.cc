// Fuzzes snippets: the input up to the first newline is the query, the rest
// the article body. Highlights must be ordered ranges inside the snippet.
#include <cstddef>
#include <cstdint>
#include <string>

#include "byline/snippet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static byline::Analyzer analyzer;
  std::string in(reinterpret_cast<const char*>(data), size);
  std::size_t nl = in.find('\n');
  if (nl == std::string::npos) return 0;
  auto q = byline::ParseQuery(in.substr(0, nl), analyzer, byline::QueryParseOptions{});
  if (!q.ok()) return 0;
  byline::HighlightSpec spec = byline::HighlightSpecFor(*q);
  std::string body = in.substr(nl + 1);
  for (const byline::Snippet& s : {byline::MakeSnippet(body, "en", spec, analyzer),
                                   byline::HighlightText(body, "de", spec, analyzer)}) {
    std::size_t last = 0;
    for (const auto& [b, e] : s.highlights) {
      if (b < last || b >= e || e > s.text.size()) __builtin_trap();
      last = e;
    }
  }
  return 0;
}
