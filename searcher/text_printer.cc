/** @file text_printer.cc
 *  @brief The terminal listing: wrapping, East Asian widths, ANSI highlights.
 */
#include "text_printer.h"

#include <cstdint>
#include <cstdio>
#include <sstream>

#include "byline/text.h"
#include "wrap.h"

namespace byline {
namespace {

using ansi::kBold;
using ansi::kDim;
using ansi::kMatch;
using ansi::kReset;

}  // namespace

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

void WriteSpellingNote(std::ostream& out, const SearchResults& results, const std::string& typed,
                       bool color) {
  if (results.suggestion.empty()) return;
  const char* bold = color ? kBold : "";
  const char* reset = color ? kReset : "";
  const std::string suggestion = SafeForTerminal(results.suggestion);
  if (!results.suggestion_ran) {
    out << "Did you mean: " << bold << suggestion << reset << "?\n\n";
    return;
  }
  out << "No matches for " << SafeForTerminal(typed) << "; showing results for " << bold
      << suggestion << reset << ".\n"
      << (color ? kDim : "") << "Search for the words as typed with --exact." << reset << "\n\n";
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
    } else if (results.limit == 0) {  // no page asked for (-n 0 --facets): the count
      out << DescribeCount(results) << "\n";
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
    const std::string indent(std::string(rank).size(), ' ');
    Snippet title = h.title;
    title.text = SafeForTerminal(title.text.empty() ? "(untitled)" : title.text);
    if (h.title.text.empty()) title.highlights.clear();
    // A title made from the body is dimmed: it is not the article's own.
    // Titles and the metadata line wrap on words as snippets do, under the
    // title: a terminal would break them mid-word.
    std::ostringstream title_lines;
    WriteWrapped(title_lines, title, color, width, indent, SIZE_MAX,
                 a.title_derived ? kDim : kBold);
    out << rank << title_lines.str().substr(indent.size());
    std::string meta = a.date.empty() ? "undated" : a.date.substr(0, 10);
    if (!a.source.empty()) meta += " \u00b7 " + a.source;
    if (!a.author.empty()) meta += " \u00b7 " + a.author;
    meta += " \u00b7 " + a.id;
    if (!h.copies.empty()) {
      meta += " \u00b7 +" + std::to_string(h.copies.size()) +
              (h.copies.size() == 1 ? " copy" : " copies");
    }
    Snippet meta_line;
    meta_line.text = SafeForTerminal(meta);
    WriteWrapped(out, meta_line, color, width, "     ", SIZE_MAX, kDim);
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
