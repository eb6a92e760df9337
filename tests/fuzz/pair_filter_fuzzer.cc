// Fuzzes the stored record and the body's value as a search reads them
// from bytes (UnpackBody, and PackBody's round trip); and the pair filter as a search reads it from
// bytes: a stored record decoded (DecodeStoredArticle) and its filter asked about pairs
// (PairFilterMayHold), whatever the bytes. Then the round trip: the words
// of the input, paired side by side, made into a filter and stored with an
// article, must come back and hold every one of those pairs (a Bloom
// filter has no false negatives).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "byline/document.h"
#include "util/pair_filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  byline::Article article;
  std::string filter;
  if (byline::DecodeStoredArticle(bytes, &article, &filter)) {
    for (std::size_t i = 0; i + 1 < bytes.size() && i < 64; i += 2) {
      (void)byline::PairFilterMayHold(filter, byline::PairWordHash(bytes.substr(i, 1)),
                                      byline::PairWordHash(bytes.substr(i + 1, 1)));
    }
  }
  (void)byline::PairFilterMayHold(bytes, 0, ~std::uint64_t{0});  // the raw bytes as a filter
  // The body's value (PackBody): any bytes read back without a crash, and
  // text (never starting with 0xFF, as UTF-8 does not) packed comes back.
  (void)byline::UnpackBody(bytes);
  if ((bytes.empty() || bytes[0] != '\xFF') &&
      byline::UnpackBody(byline::PackBody(bytes)) != bytes) {
    __builtin_trap();
  }

  std::vector<std::string> words;
  for (std::size_t b = 0; b < bytes.size();) {
    std::size_t e = bytes.find(' ', b);
    if (e == std::string::npos) e = bytes.size();
    if (e > b) words.push_back(bytes.substr(b, e - b));
    b = e + 1;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    pairs.emplace_back(byline::PairWordHash(words[i]), byline::PairWordHash(words[i + 1]));
  }
  byline::Article stored;
  stored.body = bytes;
  stored.id = words.empty() ? std::string() : words.front();
  const std::string made = byline::MakePairFilter(pairs);
  byline::Article back;
  std::string read;
  if (!byline::DecodeStoredArticle(byline::EncodeStoredArticle(stored, made), &back, &read) ||
      back.body != stored.body || back.id != stored.id || read != made) {
    __builtin_trap();
  }
  for (const auto& [a, b] : pairs) {
    if (!byline::PairFilterMayHold(read, a, b) || !byline::PairFilterMayHold(read, b, a)) {
      __builtin_trap();
    }
  }
  return 0;
}
