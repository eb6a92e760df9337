/** @file text_printer.cc
 *  @brief The terminal listing: wrapping, East Asian widths, ANSI highlights.
 */
#include "text_printer.h"

#include <cstdio>

#include "byline/text.h"
#include "wrap.h"

namespace byline {
namespace {

using ansi::kBold;
using ansi::kDim;
using ansi::kMatch;
using ansi::kReset;

}  // namespace

void WriteText(std::ostream& out, const SearchResults& results, bool color, std::size_t width) {
  if (results.relaxed) {
    out << (color ? kDim : "") << "No article has every word; showing articles with any of them."
        << (color ? kReset : "") << "\n\n";
  }
  if (results.hits.empty()) {
    out << "No matches.\n";
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
    if (color) out << kBold;
    // The title on one line: highlights inside keep the bold.
    std::size_t hi = 0;
    for (std::size_t p = 0; p < title.text.size(); ++p) {
      if (color && hi < title.highlights.size() && p == title.highlights[hi].first) out << kMatch;
      out << title.text[p];
      if (color && hi < title.highlights.size() && p + 1 == title.highlights[hi].second) {
        out << kReset << kBold;
        ++hi;
      }
    }
    if (color) out << kReset;
    out << "\n";
    std::string meta = a.date.empty() ? "undated" : a.date.substr(0, 10);
    if (!a.source.empty()) meta += " \u00b7 " + a.source;
    if (!a.author.empty()) meta += " \u00b7 " + a.author;
    meta += " \u00b7 " + (a.id == a.path ? a.path : a.id);
    out << "     " << (color ? kDim : "") << SafeForTerminal(meta) << (color ? kReset : "") << "\n";
    if (!h.snippet.text.empty()) WriteWrapped(out, h.snippet, color, width, "     ", 3);
    out << "\n";
  }
  char footer[128];
  std::snprintf(footer, sizeof footer, "%zu of about %llu matches (%.1f ms)\n", results.hits.size(),
                static_cast<unsigned long long>(results.matches_estimated), results.elapsed_ms);
  out << (color ? kDim : "") << footer << (color ? kReset : "");
}

}  // namespace byline
