/** @file text_printer.h
 *  @brief `byline search`: the listing for people.
 */
#ifndef BYLINE_SEARCHER_TEXT_PRINTER_H
#define BYLINE_SEARCHER_TEXT_PRINTER_H

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

#include "byline/searcher.h"
#include "wrap.h"  // DisplayWidth, once declared here

namespace byline {

/// Writes the human listing: rank, title (bold; dimmed when derived from the
/// body), date, source, author, id, "+N copies" of its story, and a snippet
/// wrapped to `width` columns (at most three lines) with highlights; then the
/// footer "11-20 of 55 matches (T ms); next: --offset 20" (DescribeCount),
/// or for a page past the end how many matches there are and where the last
/// page starts. ANSI colour only if `color`. Text from articles is made safe
/// for a terminal.
void WriteText(std::ostream& out, const SearchResults& results, bool color, std::size_t width);

/// Did you mean: "Did you mean: afghanistan?" when results.suggestion is
/// set; when the hits are the suggestion's (results.suggestion_ran), a
/// line that says so and how to search for `typed`, the query as typed
/// (--exact). Nothing otherwise.
void WriteSpellingNote(std::ostream& out, const SearchResults& results, const std::string& typed,
                       bool color);

/// "55 matches", "1 story", "about 4,400 matches (between 1,000 and 9,000)":
/// the exact count when Xapian knows it, else its estimate and bounds;
/// "stories" when copies were collapsed.
std::string DescribeCount(const SearchResults& results);

/// 4400 -> "4,400".
std::string FormatCount(std::uint64_t n);

}  // namespace byline

#endif  // BYLINE_SEARCHER_TEXT_PRINTER_H
