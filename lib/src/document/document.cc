/** @file document.cc
 *  @brief Stored-field encoding: a version byte, then length-prefixed fields.
 */
#include "byline/document.h"

#include <array>

namespace byline {
namespace {

constexpr char kVersion = '\x01';

void PutVarint(std::string* out, std::size_t n) {
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
}

bool GetVarint(const std::string& in, std::size_t* pos, std::size_t* n) {
  *n = 0;
  for (int shift = 0; shift < 64 && *pos < in.size(); shift += 7) {
    unsigned char c = static_cast<unsigned char>(in[(*pos)++]);
    *n |= static_cast<std::size_t>(c & 0x7F) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

// The stored fields in their fixed order. `lang` is stored so highlighting
// can stem with the article's own language.
std::array<std::string Article::*, 9> kFields = {
    &Article::id,  &Article::title, &Article::date, &Article::source, &Article::author,
    &Article::url, &Article::lang,  &Article::path, &Article::body};

}  // namespace

std::string EncodeStoredArticle(const Article& article) {
  std::string out;
  std::size_t total = 1;
  for (auto field : kFields) total += (article.*field).size() + 3;
  out.reserve(total);
  out.push_back(kVersion);
  for (auto field : kFields) {
    PutVarint(&out, (article.*field).size());
    out += article.*field;
  }
  return out;
}

bool DecodeStoredArticle(const std::string& data, Article* out) {
  if (data.empty() || data[0] != kVersion) return false;
  std::size_t pos = 1;
  for (auto field : kFields) {
    std::size_t n = 0;
    if (!GetVarint(data, &pos, &n) || n > data.size() - pos) return false;
    (out->*field).assign(data, pos, n);
    pos += n;
  }
  return true;
}

}  // namespace byline
