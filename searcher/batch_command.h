/** @file batch_command.h
 *  @brief `byline search --batch FILE`: one query a line, their counts and top hits.
 */
#ifndef BYLINE_SEARCHER_BATCH_COMMAND_H
#define BYLINE_SEARCHER_BATCH_COMMAND_H

#include <cstddef>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "byline/searcher.h"
#include "search_command.h"

namespace byline {

/// The hits a batch shows per query when -n is not given: a batch is for
/// seeing how much an archive holds on many names, not for reading.
inline constexpr std::size_t kBatchDefaultLimit = 3;

/// One query of a batch file: its 1-based line and its text.
struct BatchQuery {
  std::size_t line = 0;
  std::string query;
};

/// The queries of a batch file: one a line; blank lines and lines whose
/// first non-blank character is '#' are skipped, surrounding white space
/// and a trailing '\r' are trimmed. UTF-16 (with its byte order mark) and
/// Windows-1252 are read as UTF-8 (ToUtf8), a UTF-8 byte order mark is
/// dropped. A read that fails leaves `in.bad()` set.
std::vector<BatchQuery> ReadBatchQueries(std::istream& in);

/// One query's answer in a batch: its exact count (stories, if collapsed)
/// and its top hits, or the error that stopped it.
struct BatchAnswer {
  BatchQuery query;
  std::uint64_t count = 0;
  bool collapsed = false;  ///< the count is of stories (SearchResults::collapsed)
  std::vector<Hit> hits;
  std::string error;  ///< "" when the query ran
};

/// `field` quoted for CSV as RFC 4180 says: in double quotes, with inner
/// quotes doubled, when it has a comma, a quote, CR or LF; as is otherwise.
/// A field a spreadsheet would read as a formula (starting with =, +, -, @,
/// a tab or CR: a query "+name -word", a title "=...") starts with an
/// apostrophe, which spreadsheets take as "text" (OWASP, CSV injection).
std::string CsvField(const std::string& field);

/// The CSV header line: query,count,rank,id,title,date,source,error.
void WriteBatchCsvHeader(std::ostream& out);
/// One row per hit; a row with empty hit columns when there is none; a
/// failed query's row has no count and its error in the last column.
void WriteBatchCsv(std::ostream& out, const BatchAnswer& answer);
/// One JSON object: "type": "batch", line, query, count, hits (rank, id,
/// score, title, date, source), and "error" when the query failed.
void WriteBatchJson(std::ostream& out, const BatchAnswer& answer);
/// For people: "query: N matches" then the hits, one a line, indented.
void WriteBatchText(std::ostream& out, const BatchAnswer& answer);

/// Runs `byline search --batch`: opens the database once and runs every
/// query of opts.batch with opts' filters, in opts.format (text, json or
/// csv). Returns kOk, or kSomeSkipped when some queries failed (each is
/// reported on stderr with its line number; the others still run).
int RunBatchSearch(const SearchCommandOptions& opts);

}  // namespace byline

#endif  // BYLINE_SEARCHER_BATCH_COMMAND_H
