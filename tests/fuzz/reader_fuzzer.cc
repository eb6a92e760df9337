// Fuzzes every corpus reader: the first byte picks the format (and gzip),
// the rest is the file's content.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "byline/corpus_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* const kNames[] = {"a.txt",   "a.md",     "a.html",    "a.json",
                                       "a.jsonl", "a.txt.gz", "a.html.gz", "a.jsonl.gz"};
  std::string name = kNames[data[0] % 8];
  std::string raw(reinterpret_cast<const char*>(data + 1), size - 1);
  byline::ReadLimits limits;
  limits.max_decompressed_bytes = 1 << 20;
  limits.max_article_bytes = 1 << 16;
  limits.max_line_bytes = 1 << 18;  // the cap on a JSON Lines line, reachable
  byline::ReadSink sink;
  std::size_t chars = 0;
  sink.on_article = [&](byline::Article&& a) { chars += a.title.size() + a.body.size(); };
  sink.on_error = [](const byline::Status&) {};
  std::uint64_t last = 0;
  sink.on_progress = [&](std::uint64_t bytes) {
    if (bytes < last || bytes > size - 1) __builtin_trap();  // never back, never past the end
    last = bytes;
  };
  std::istringstream in(std::move(raw));
  byline::FileDigest digest;
  (void)byline::ReadArticles(name, in, limits, sink, &digest);
  if (digest.bytes > size - 1) __builtin_trap();
  return 0;
}
