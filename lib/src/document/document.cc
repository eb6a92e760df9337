/** @file document.cc
 *  @brief Stored-field encoding: a version byte, then length-prefixed fields,
 *  whitened (see document.h).
 */
#include "byline/document.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <zlib.h>

namespace byline {
namespace {

constexpr char kVersionPlain = '\x01';     // databases written before whitening
constexpr char kVersionWhitened = '\x02';  // what EncodeStoredArticle writes

// The keystream: xorshift64, one byte a step. A record's first
// kKeystreamCached bytes take theirs from a table made once, so that a hit
// costs a pass of XORs instead of a generator step per byte (decoding was
// about 3,400 instructions a hit, 2% of a union query's, before the table).
constexpr std::size_t kKeystreamCached = 4096;

struct Keystream {
  std::array<unsigned char, kKeystreamCached> bytes{};
  std::uint64_t state_after = 0;  // the generator after the cached bytes
  Keystream() {
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (std::size_t i = 1; i < kKeystreamCached; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      bytes[i] = static_cast<unsigned char>(x & 0xFF);
    }
    state_after = x;
  }
};

// XORs bytes [1, size) with the keystream (its own inverse). Eight bytes a
// step over the cached part: byte by byte, unwhitening a hit's record cost
// about 3,500 instructions, a third of the proximity rerank of a union
// query on reuters21578 (callgrind, benchmarks/README.md "Session 9").
void Whiten(std::string* s) {
  static const Keystream key;
  const std::size_t cached = std::min(s->size(), kKeystreamCached);
  char* data = s->data();
  std::size_t i = 1;
  for (; i + 8 <= cached; i += 8) {
    std::uint64_t word = 0, mask = 0;
    std::memcpy(&word, data + i, 8);
    std::memcpy(&mask, key.bytes.data() + i, 8);
    word ^= mask;
    std::memcpy(data + i, &word, 8);
  }
  for (; i < cached; ++i) {
    data[i] = static_cast<char>(static_cast<unsigned char>(data[i]) ^ key.bytes[i]);
  }
  std::uint64_t x = key.state_after;
  for (i = kKeystreamCached; i < s->size(); ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    data[i] = static_cast<char>(static_cast<unsigned char>(data[i]) ^ (x & 0xFF));
  }
}

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

std::string EncodeStoredArticle(const Article& article, std::string_view pair_filter) {
  std::string out;
  std::size_t total = 1 + pair_filter.size() + 3;
  for (auto field : kFields) total += (article.*field).size() + 3;
  out.reserve(total);
  out.push_back(kVersionWhitened);
  for (auto field : kFields) {
    PutVarint(&out, (article.*field).size());
    out += article.*field;
  }
  if (!pair_filter.empty()) {
    PutVarint(&out, pair_filter.size());
    out.append(pair_filter.data(), pair_filter.size());
  }
  Whiten(&out);
  return out;
}

bool DecodeStoredArticle(std::string data, Article* out, std::string* pair_filter) {
  if (data.empty() || (data[0] != kVersionPlain && data[0] != kVersionWhitened)) return false;
  if (data[0] == kVersionWhitened) Whiten(&data);  // in place: the keystream is its own inverse
  std::size_t pos = 1;
  for (auto field : kFields) {
    std::size_t n = 0;
    if (!GetVarint(data, &pos, &n) || n > data.size() - pos) return false;
    (out->*field).assign(data, pos, n);
    pos += n;
  }
  if (pair_filter != nullptr) {
    pair_filter->clear();
    std::size_t n = 0;
    if (pos < data.size() && GetVarint(data, &pos, &n) && n <= data.size() - pos) {
      pair_filter->assign(data, pos, n);
    }
  }
  return true;
}

// Bodies shorter than this are kept plain: deflate's header and the length
// would eat most of what it saves.
constexpr std::size_t kPackFrom = 128;
constexpr char kPackedBody = '\xFF';

std::string PackBody(std::string_view body) {
  if (body.size() < kPackFrom || body.size() > 0xFFFFFFFFu) return std::string(body);
  std::string out(1, kPackedBody);
  for (std::uint64_t n = body.size();; n >>= 7) {  // the length, 7 bits a byte
    out += static_cast<char>((n & 0x7F) | (n >= 0x80 ? 0x80 : 0));
    if (n < 0x80) break;
  }
  const std::size_t head = out.size();
  uLongf room = compressBound(static_cast<uLong>(body.size()));
  out.resize(head + room);
  // Level 6 (zlib's default): on reuters21578's bodies 55% of their size,
  // against 61% at level 1.
  if (compress2(reinterpret_cast<Bytef*>(&out[head]), &room,
                reinterpret_cast<const Bytef*>(body.data()), static_cast<uLong>(body.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK ||
      head + room >= body.size()) {
    return std::string(body);
  }
  out.resize(head + room);
  return out;
}

std::string UnpackBody(std::string value) {
  if (value.empty() || value[0] != kPackedBody) return value;  // plain (format 1)
  // A marked value that does not inflate is damage: no body, rather than
  // deflated bytes shown as text.
  std::uint64_t size = 0;
  std::size_t at = 1;
  for (unsigned shift = 0;; shift += 7) {
    if (at >= value.size() || shift > 28) return {};
    const auto byte = static_cast<unsigned char>(value[at++]);
    size |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) break;
  }
  // Deflate shrinks by 1,032 times at most, and no reader passes an article
  // over 64 MiB (max_line_bytes; max_article_bytes is 16 MiB): a larger size
  // is damage, and would be a large allocation.
  constexpr std::uint64_t kMostBody = std::uint64_t{64} << 20;
  if (size > kMostBody || size > (value.size() - at) * 1032 + 64) return {};
  // One inflater per thread, reset for each body, instead of uncompress()'s
  // set-up and 40 KB of allocations each time (no difference measured on a
  // page of ten snippets: benchmarks/README.md, "Session 10").
  struct Inflater {
    z_stream z{};
    bool ok = false;
    bool Ready() {
      if (!ok) ok = inflateInit(&z) == Z_OK;  // again after a failure (memory)
      return ok && inflateReset(&z) == Z_OK;
    }
    ~Inflater() {
      if (ok) inflateEnd(&z);
    }
  };
  thread_local Inflater inflater;
  if (!inflater.Ready()) return {};
  std::string body(size, '\0');
  z_stream& z = inflater.z;
  z.next_in = reinterpret_cast<Bytef*>(value.data() + at);
  z.avail_in = static_cast<uInt>(value.size() - at);
  z.next_out = reinterpret_cast<Bytef*>(body.data());
  z.avail_out = static_cast<uInt>(size);
  if (inflate(&z, Z_FINISH) != Z_STREAM_END || z.avail_out != 0) return {};
  return body;
}

}  // namespace byline
