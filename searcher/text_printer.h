/** @file text_printer.h
 *  @brief `byline search`: the listing for people.
 */
#ifndef BYLINE_SEARCHER_TEXT_PRINTER_H
#define BYLINE_SEARCHER_TEXT_PRINTER_H

#include <cstddef>
#include <ostream>
#include <string>

#include "byline/searcher.h"
#include "wrap.h"  // DisplayWidth, once declared here

namespace byline {

/// Writes the human listing: rank, title (bold), date, source, author, id or
/// path, and a snippet wrapped to `width` columns (at most three lines) with
/// highlights; then "N of about M matches (T ms)". ANSI colour only if
/// `color`. Text from articles is made safe for a terminal.
void WriteText(std::ostream& out, const SearchResults& results, bool color, std::size_t width);

}  // namespace byline

#endif  // BYLINE_SEARCHER_TEXT_PRINTER_H
