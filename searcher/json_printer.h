/** @file json_printer.h
 *  @brief `byline search --format json|ids|paths`: output for scripts.
 */
#ifndef BYLINE_SEARCHER_JSON_PRINTER_H
#define BYLINE_SEARCHER_JSON_PRINTER_H

#include <ostream>

#include "byline/searcher.h"

namespace byline {

/// Writes one JSON object per hit ("type": "hit", rank, id, score, title,
/// title_derived, date, source, author, url, path, lang, snippet, highlights,
/// copies), then a summary object ("type": "summary", the counts with their
/// bounds and whether they are exact, offset, returned, sort, collapsed,
/// elapsed_ms, relaxed, query, notices). See README.md.
void WriteJson(std::ostream& out, const SearchResults& results);

/// Writes each hit's id, one a line, as `byline show` accepts it.
void WriteIds(std::ostream& out, const SearchResults& results);

/// Writes each hit's stored path, one a line (FILE:LINE for JSON Lines).
void WritePaths(std::ostream& out, const SearchResults& results);

}  // namespace byline

#endif  // BYLINE_SEARCHER_JSON_PRINTER_H
