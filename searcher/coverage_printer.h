/** @file coverage_printer.h
 *  @brief The outputs of `byline timeline` (terminal bars, JSON lines, an
 *  SVG plot) and of `byline search --facets` (text after the hits, a JSON line).
 */
#ifndef BYLINE_SEARCHER_COVERAGE_PRINTER_H
#define BYLINE_SEARCHER_COVERAGE_PRINTER_H

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "byline/coverage.h"
#include "byline/searcher.h"
#include "byline/status.h"

namespace byline {

/// A timeline as the printers show it.
struct Timeline {
  std::string query;  ///< as the user wrote it ("" when browsing dates)
  Period by = Period::kMonth;
  std::vector<Bucket> buckets;  ///< every period from the first to the last, gaps included
  std::uint64_t matches = 0;    ///< dated and undated
  std::uint64_t undated = 0;
  bool collapsed = false;  ///< counts are of stories
  double elapsed_ms = 0;
};

/// Index of the bucket with the most matches (the first of equals); 0 if none.
std::size_t PeakIndex(const std::vector<Bucket>& buckets);

/// A header line, then one line a bucket: label, a bar scaled to the
/// peak and fitted to `width` columns, the count, and "◀ peak" on the peak.
void WriteTimelineText(std::ostream& out, const Timeline& t, std::size_t width);

/// One {"type":"bucket",...} line a bucket, then a {"type":"summary",...} line.
void WriteTimelineJson(std::ostream& out, const Timeline& t);

/// An SVG bar chart at `path`: a title with the query, bars, dates on the
/// x axis, counts on the y axis. kIOError if it cannot be written.
Status WriteTimelineSvg(const std::string& path, const Timeline& t);

/// The query filter that narrows a search to one facet value:
/// source:"BBC News", lang:en, date:2018, date:2018-11.
std::string FacetFilter(const std::string& facet, const std::string& value);

/// Each facet's `top` values with a bar, the count and the filter, after
/// a line saying what is counted (stories or articles, over every match).
void WriteFacetsText(std::ostream& out, const CoverageCounts& counts, std::size_t top);

/// One {"type":"facets",...} line.
void WriteFacetsJson(std::ostream& out, const CoverageCounts& counts, std::size_t top);

}  // namespace byline

#endif  // BYLINE_SEARCHER_COVERAGE_PRINTER_H
