/** @file json_printer.h
 *  @brief `byline search --json`: NDJSON for scripts.
 */
#ifndef BYLINE_SEARCHER_JSON_PRINTER_H
#define BYLINE_SEARCHER_JSON_PRINTER_H

#include <ostream>

#include "byline/searcher.h"

namespace byline {

/// Writes one JSON object per hit (rank, id, score, title, date, source,
/// author, url, path, lang, snippet, highlights), then a summary object
/// (matches_estimated, returned, elapsed_ms, relaxed, query). See README.md.
void WriteJson(std::ostream& out, const SearchResults& results);

}  // namespace byline

#endif  // BYLINE_SEARCHER_JSON_PRINTER_H
