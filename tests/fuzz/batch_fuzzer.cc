// Fuzzes the batch query file reader (ReadBatchQueries, `byline search
// --batch`) and what a batch prints of each query: every query is trimmed,
// not blank and not a comment, on a line of the file, and its CSV field
// reads back as the query (RFC 4180 quoting; an apostrophe before a query
// that a spreadsheet would run as a formula).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "searcher/batch_command.h"

namespace {

// The field as a CSV reader reads it back.
std::string Unquote(const std::string& field) {
  if (field.empty() || field.front() != '"') return field;
  std::string out;
  for (std::size_t i = 1; i + 1 < field.size(); ++i) {
    out += field[i];
    if (field[i] == '"') ++i;  // a doubled quote
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  const std::size_t lines =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  std::size_t last = 0;
  std::ostringstream out;
  for (const byline::BatchQuery& q : byline::ReadBatchQueries(in)) {
    const std::string& s = q.query;
    if (s.empty() || s[0] == '#' || q.line <= last || q.line > lines) __builtin_trap();
    for (char edge : {s.front(), s.back()}) {
      if (edge == ' ' || edge == '\t' || edge == '\r' || edge == '\n') __builtin_trap();
    }
    last = q.line;
    // A query a spreadsheet would run as a formula reads back after the
    // apostrophe that keeps it text (CsvField).
    const bool formula = std::string("=+-@\t\r").find(s.front()) != std::string::npos;
    if (Unquote(byline::CsvField(s)) != (formula ? "'" + s : s)) __builtin_trap();
    byline::BatchAnswer answer;
    answer.query = q;
    answer.count = s.size();
    byline::WriteBatchCsv(out, answer);
    byline::WriteBatchJson(out, answer);
    byline::WriteBatchText(out, answer);
  }
  return 0;
}
