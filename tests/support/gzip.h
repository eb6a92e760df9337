/** @file gzip.h
 *  @brief Test helper: gzip data in memory (one member), for the reader's
 *  tests and fuzzers.
 */
#ifndef BYLINE_TESTS_GZIP_H
#define BYLINE_TESTS_GZIP_H

#include <zlib.h>

#include <string>

namespace byline::test {

/// `data` as one gzip member, compressed at `level` (1 fast to 9 small).
inline std::string Gzip(const std::string& data, int level = 6) {
  std::string out(compressBound(data.size()) + 64, '\0');
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace byline::test

#endif  // BYLINE_TESTS_GZIP_H
