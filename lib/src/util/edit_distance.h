/** @file edit_distance.h
 *  @brief Internal: code points and a bounded edit distance, for
 *  fuzzy words (search/compile.cc) and spelling suggestions (search/spelling.cc).
 */
#ifndef BYLINE_UTIL_EDIT_DISTANCE_H
#define BYLINE_UTIL_EDIT_DISTANCE_H

#include <algorithm>
#include <string>
#include <vector>

namespace byline {

// A UTF-8 string as code points (invalid bytes count as one each).
inline std::u32string CodePoints(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

// The edit distance of a and b if it is at most `max`, else max + 1:
// insertions, deletions, substitutions and swaps of two neighbouring
// letters, one edit each (optimal string alignment). A swap is the commonest
// typo after a dropped letter; counted as two edits, as Levenshtein counts
// it, "sugra" was as far from "sugar" as from "supra" and "cocao" further
// from "cocoa" than "coca" (reuters21578: 284 and 125 articles, against 2
// and 31), and "did you mean" offered the rarer word.
inline unsigned BoundedEditDistance(const std::u32string& a, const std::u32string& b,
                                    unsigned max) {
  std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  std::vector<unsigned> before(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<unsigned>(i);
    unsigned row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      unsigned sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    // A row's least value is at least the row before's and at most one
    // more, and a swap adds one to the row before that: past `max` here,
    // every later row is past it too.
    if (row_min > max) return max + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max + 1);
}

// Code points as UTF-8.
inline std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace byline

#endif  // BYLINE_UTIL_EDIT_DISTANCE_H
