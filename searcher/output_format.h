/** @file output_format.h
 *  @brief How search results are shown: a terminal listing or NDJSON.
 */
#ifndef BYLINE_SEARCHER_OUTPUT_FORMAT_H
#define BYLINE_SEARCHER_OUTPUT_FORMAT_H

#include <ostream>
#include <string>

#include "byline/searcher.h"

namespace byline {

/// Writes one JSON object per hit (rank, id, score, title, date, source,
/// author, url, path, snippet, highlights), then a summary object
/// (matches_estimated, elapsed_ms, relaxed, query). See README.md.
void WriteJson(std::ostream& out, const SearchResults& results);

/// Writes the human listing: rank, date, source, title (bold), id or path,
/// and a wrapped snippet with highlights; ANSI colour only if `color`.
void WriteText(std::ostream& out, const SearchResults& results, bool color, std::size_t width);

/// Display columns of a UTF-8 string (East Asian wide characters count 2).
std::size_t DisplayWidth(const std::string& s);

}  // namespace byline

#endif  // BYLINE_SEARCHER_OUTPUT_FORMAT_H
