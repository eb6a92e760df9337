// Differential fuzzer of the streamed JSON Lines reader: the input, repeated
// past several of the reader's 64 KiB chunks (so that lines, the 64 KiB
// head and gzip members straddle every boundary), must give through
// ReadArticles, plain and gzipped in two members, exactly the articles, ids
// and errors that parsing it whole gives. A difference traps.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "byline/corpus_reader.h"
#include "gzip.h"

namespace {

struct Seen {
  std::vector<std::string> items;  // "id\tbody" per article, "! message" per error
  byline::ReadSink Sink() {
    byline::ReadSink sink;
    sink.on_article = [this](byline::Article&& a) { items.push_back(a.id + "\t" + a.body); };
    sink.on_error = [this](const byline::Status& s) { items.push_back("! " + s.message()); };
    return sink;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::string unit(reinterpret_cast<const char*>(data), size);
  std::string content;
  while (content.size() < (130u << 10)) content += unit;  // two 64 KiB chunks and more
  const std::string name = "f.jsonl";
  Seen whole;
  byline::ParseArticles(name, byline::FileFormat::kJsonLines, content, whole.Sink());
  const std::size_t cut = (data[0] * content.size()) / 256;
  const std::string plain = content;
  const std::string gz =
      byline::test::Gzip(content.substr(0, cut), 1) + byline::test::Gzip(content.substr(cut), 1);
  for (const std::string* raw : {&plain, &gz}) {
    Seen streamed;
    std::istringstream in(*raw);
    byline::Status s = byline::ReadArticles(raw == &gz ? name + ".gz" : name, in,
                                            byline::ReadLimits{}, streamed.Sink());
    // A file whose start is binary is one error for both, said differently.
    if (!s.ok()) {
      if (s.message().find("binary data") == std::string::npos) __builtin_trap();
      continue;
    }
    if (raw == &gz) {  // the messages name the file as it was given
      for (std::string& item : streamed.items) {
        for (std::size_t at; (at = item.find(name + ".gz")) != std::string::npos;) {
          item.erase(at + name.size(), 3);
        }
      }
    }
    if (streamed.items != whole.items) __builtin_trap();
  }
  return 0;
}
