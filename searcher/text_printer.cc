/** @file text_printer.cc
 *  @brief The terminal listing: wrapping, East Asian widths, ANSI highlights.
 */
#include "text_printer.h"

#include <cstdint>
#include <cstdio>

#include "byline/text.h"

namespace byline {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kMatch = "\033[1;33m";  // bold yellow
constexpr const char* kReset = "\033[0m";

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

// Writes `s` wrapped to `width` columns, each line starting with `indent`,
// with highlighted ranges coloured; at most `max_lines` lines.
void WriteWrapped(std::ostream& out, const Snippet& s, bool color, std::size_t width,
                  const std::string& indent, std::size_t max_lines) {
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
      j = k;
    }
    std::size_t end = j;
    if (j < t.size() && last_space != std::string::npos && last_space > i) end = last_space;
    out << indent;
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
        in_match = false;
      }
    }
    if (color && in_match) out << kReset;
    out << "\n";
    ++lines;
    i = end;
    while (i < t.size() && t[i] == ' ') ++i;
  }
}

}  // namespace

std::size_t DisplayWidth(const std::string& s) {
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size();) cols += IsWide(NextCodePoint(s, &i)) ? 2 : 1;
  return cols;
}

std::string FormatCount(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string DescribeCount(const SearchResults& results) {
  const char* noun = results.collapsed ? " stories" : " matches";
  if (results.matches_lower == 1 && results.exact()) {
    return std::string("1") + (results.collapsed ? " story" : " match");
  }
  if (results.exact()) return FormatCount(results.matches_lower) + noun;
  // Xapian stopped counting: its estimate, and how sure it is.
  // Xapian rounds its estimate and can be far off when it stopped early
  // ("about 5" for a phrase in 68 articles): the bounds say how far.
  return "about " + FormatCount(results.matches_estimated) + noun + " (between " +
         FormatCount(results.matches_lower) + " and " + FormatCount(results.matches_upper) + ")";
}

void WriteText(std::ostream& out, const SearchResults& results, bool color, std::size_t width) {
  const char* dim = color ? kDim : "";
  const char* reset = color ? kReset : "";
  if (results.relaxed) {
    out << dim << "No article has every word; showing articles with any of them." << reset
        << "\n\n";
  }
  if (results.hits.empty()) {
    if (results.matches_upper == 0) {
      out << "No matches.\n";
    } else {
      // A page past the end: how many there are, and where the last page is.
      std::uint64_t last = 0;
      if (results.limit > 0 && results.matches_lower > 0) {
        last = (results.matches_lower - 1) / results.limit * results.limit;
      }
      out << "No hits on this page: " << DescribeCount(results)
          << ", the last page starts at --offset " << last << "\n";
    }
    return;
  }
  for (const Hit& h : results.hits) {
    const Article& a = h.article;
    char rank[16];
    std::snprintf(rank, sizeof rank, "%3zu. ", h.rank);
    out << rank;
    Snippet title = h.title;
    title.text = SafeForTerminal(title.text.empty() ? "(untitled)" : title.text);
    if (h.title.text.empty()) title.highlights.clear();
    // A title made from the body is dimmed: it is not the article's own.
    const char* title_style = a.title_derived ? kDim : kBold;
    if (color) out << title_style;
    // The title on one line: highlights inside keep the title's style.
    std::size_t hi = 0;
    for (std::size_t p = 0; p < title.text.size(); ++p) {
      if (color && hi < title.highlights.size() && p == title.highlights[hi].first) out << kMatch;
      out << title.text[p];
      if (color && hi < title.highlights.size() && p + 1 == title.highlights[hi].second) {
        out << kReset << title_style;
        ++hi;
      }
    }
    if (color) out << kReset;
    out << "\n";
    std::string meta = a.date.empty() ? "undated" : a.date.substr(0, 10);
    if (!a.source.empty()) meta += " \u00b7 " + a.source;
    if (!a.author.empty()) meta += " \u00b7 " + a.author;
    meta += " \u00b7 " + a.id;
    if (!h.copies.empty()) {
      meta += " \u00b7 +" + std::to_string(h.copies.size()) +
              (h.copies.size() == 1 ? " copy" : " copies");
    }
    out << "     " << dim << SafeForTerminal(meta) << reset << "\n";
    if (!h.snippet.text.empty()) WriteWrapped(out, h.snippet, color, width, "     ", 3);
    out << "\n";
  }
  const std::size_t first = results.hits.front().rank, last = results.hits.back().rank;
  std::string footer = std::to_string(first);
  if (last != first) footer += "-" + std::to_string(last);
  footer += " of " + DescribeCount(results);
  char ms[32];
  std::snprintf(ms, sizeof ms, " (%.1f ms)", results.elapsed_ms);
  footer += ms;
  if (results.hits.size() == results.limit && results.matches_upper > last) {
    footer += "; next: --offset " + std::to_string(last);
  }
  out << dim << footer << reset << "\n";
}

}  // namespace byline
