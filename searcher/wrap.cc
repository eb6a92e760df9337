/** @file wrap.cc
 *  @brief Display widths and word wrapping for the terminal printers.
 */
#include "wrap.h"

#include <algorithm>

namespace byline {
namespace {

using ansi::kMatch;
using ansi::kReset;

// Decodes one UTF-8 code point at s[i]; advances i.
char32_t NextCodePoint(const std::string& s, std::size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = n == 1 ? c : c & (0x7F >> n);
  for (int k = 1; k < n && *i + k < s.size(); ++k) cp = (cp << 6) | (s[*i + k] & 0x3F);
  *i += static_cast<std::size_t>(n);
  return cp;
}

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

void WriteWrapped(std::ostream& out, const Snippet& s, bool color, std::size_t width,
                  const std::string& indent, std::size_t max_lines, const char* style) {
  const bool styled = color && style != nullptr && *style != '\0';
  const std::string& t = s.text;
  std::size_t avail = width > indent.size() + 10 ? width - indent.size() : 40;
  std::size_t i = 0, lines = 0, h = 0;
  bool in_match = false;
  while (i < t.size() && lines < max_lines) {
    // Find where this line ends: the last space that fits, or a hard break.
    std::size_t j = i, cols = 0, last_space = std::string::npos;
    while (j < t.size()) {
      std::size_t k = j;
      char32_t cp = NextCodePoint(t, &k);
      std::size_t w = IsWide(cp) ? 2 : 1;
      if (cols + w > avail) break;
      if (cp == ' ') last_space = j;
      cols += w;
      j = std::min(k, t.size());  // a sequence cut short at the end
    }
    std::size_t end = j;
    if (j < t.size() && last_space != std::string::npos && last_space > i) end = last_space;
    out << indent;
    if (styled) out << style;
    if (color && in_match) out << kMatch;
    for (std::size_t p = i; p < end; ++p) {
      if (color) {
        while (h < s.highlights.size() && s.highlights[h].second <= p) ++h;
        if (h < s.highlights.size() && p == s.highlights[h].first) {
          out << kMatch;
          in_match = true;
        }
      }
      out << t[p];
      if (color && in_match && h < s.highlights.size() && p + 1 == s.highlights[h].second) {
        out << kReset;
        if (styled) out << style;  // the rest of the line keeps its style
        in_match = false;
      }
    }
    if ((color && in_match) || styled) out << kReset;
    out << "\n";
    ++lines;
    i = end;
    while (i < t.size() && t[i] == ' ') ++i;
  }
}

std::size_t DisplayWidth(const std::string& s) {
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size();) cols += IsWide(NextCodePoint(s, &i)) ? 2 : 1;
  return cols;
}

}  // namespace byline
