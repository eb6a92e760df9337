/** @file batch_command.cc
 *  @brief `byline search --batch FILE`: read the queries, run each, print as they come.
 */
#include "batch_command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/text.h"
#include "text_printer.h"

namespace byline {

std::vector<BatchQuery> ReadBatchQueries(std::istream& in) {
  // A list saved by a spreadsheet or a Windows editor: UTF-8 with a byte
  // order mark, UTF-16 with one, or Windows-1252 ("Unicode text" and "CSV"
  // exports), read as the corpus reader reads such files (ToUtf8).
  // Read with istream::read, which turns a failing read into in.bad() (the
  // caller's check) where a streambuf iterator would throw.
  std::string bytes;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  std::istringstream text(ToUtf8(bytes));
  std::vector<BatchQuery> queries;
  std::string line;
  for (std::size_t n = 1; std::getline(text, line); ++n) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto last = line.find_last_not_of(" \t\r");
    queries.push_back({n, line.substr(first, last - first + 1)});
  }
  return queries;
}

std::string CsvField(const std::string& field) {
  const bool formula =
      !field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string_view::npos;
  const std::string text = formula ? "'" + field : field;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteBatchCsvHeader(std::ostream& out) {
  out << "query,count,rank,id,title,date,source,error\r\n";
}

// RFC 4180 ends records with CRLF; spreadsheets read either.
void WriteBatchCsv(std::ostream& out, const BatchAnswer& answer) {
  if (!answer.error.empty()) {  // a row still, so that the sheet keeps every query
    out << CsvField(answer.query.query) << ",,,,,,," << CsvField(answer.error) << "\r\n";
    return;
  }
  const std::string head = CsvField(answer.query.query) + "," + std::to_string(answer.count);
  if (answer.hits.empty()) {
    out << head << ",,,,,,\r\n";
    return;
  }
  for (const Hit& h : answer.hits) {
    const Article& a = h.article;
    out << head << "," << h.rank << "," << CsvField(a.id) << "," << CsvField(a.title) << ","
        << CsvField(a.date) << "," << CsvField(a.source) << ",\r\n";
  }
}

void WriteBatchJson(std::ostream& out, const BatchAnswer& answer) {
  nlohmann::json j = {{"type", "batch"},
                      {"line", answer.query.line},
                      {"query", answer.query.query},
                      {"count", answer.count}};
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& h : answer.hits) {
    const Article& a = h.article;
    hits.push_back({{"rank", h.rank},
                    {"id", a.id},
                    {"score", h.score},
                    {"title", a.title},
                    {"date", a.date},
                    {"source", a.source}});
  }
  j["hits"] = hits;
  if (!answer.error.empty()) j["error"] = answer.error;
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void WriteBatchText(std::ostream& out, const BatchAnswer& answer) {
  if (!answer.error.empty()) return;
  const char* noun = answer.collapsed ? (answer.count == 1 ? " story" : " stories")
                                      : (answer.count == 1 ? " match" : " matches");
  out << SafeForTerminal(answer.query.query) << ": " << FormatCount(answer.count) << noun << "\n";
  for (const Hit& h : answer.hits) {
    const Article& a = h.article;
    out << "  " << h.rank << ". " << SafeForTerminal(a.title);
    if (!a.date.empty()) out << "  " << a.date;
    if (!a.source.empty()) out << "  " << SafeForTerminal(a.source);
    out << "  [" << SafeForTerminal(a.id) << "]\n";
  }
}

int RunBatchSearch(const SearchCommandOptions& opts) {
  const std::string format = opts.json ? "json" : opts.format;
  if (format != "text" && format != "json" && format != "csv") {
    ReportError("--batch prints text, json or csv, not " + format);
    return exit_code::kUsage;
  }
  if (!opts.query_words.empty()) {
    ReportError("--batch reads its queries from the file: give no query on the command line");
    return exit_code::kUsage;
  }
  // What a batch does not do is said, not silently left undone.
  const std::pair<bool, const char*> unused[] = {
      {!opts.facets.empty(), "--facets"},
      {opts.offset > 0, "--offset"},
      {opts.count, "--count (a batch prints each query's exact count)"},
      {opts.explain, "--explain"},
  };
  for (const auto& [given, name] : unused) {
    if (given) {
      ReportError(std::string("--batch does not take ") + name);
      return exit_code::kUsage;
    }
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (opts.batch != "-") {
    file.open(opts.batch);
    if (!file) {
      ReportError("cannot read the batch file " + opts.batch + ": " + std::strerror(errno));
      return exit_code::kUsage;  // as a missing --synonyms or --queries file
    }
    in = &file;
  }
  const std::vector<BatchQuery> queries = ReadBatchQueries(*in);
  if (in->bad()) {  // a read error midway: not a shorter list
    ReportError("cannot read the batch file " + opts.batch + ": " + std::strerror(errno));
    return exit_code::kFatal;
  }
  auto searcher = Searcher::Open(ResolveDatabasePaths(opts.db));
  if (!searcher.ok()) return Report(searcher.status());
  SearchRequest req = RequestFromOptions(opts);
  req.limit = opts.limit_given ? opts.limit : kBatchDefaultLimit;
  req.list_copies = false;
  req.snippets = false;
  req.exact_count = true;  // the count is the point of a batch
  // Each name is counted as written: a misspelt name counts 0, not the
  // articles of a name it resembles.
  req.suggest_spelling = false;
  if (Status s = LoadSynonymsOption(opts.synonyms, &req); !s.ok()) return Report(s);
  if (format == "csv") WriteBatchCsvHeader(std::cout);
  std::size_t failed = 0;
  for (const BatchQuery& q : queries) {
    BatchAnswer answer;
    answer.query = q;
    req.query = ToUtf8(q.query);
    auto results = (*searcher)->Search(req);
    if (results.ok()) {
      answer.count = results->matches_lower;
      answer.collapsed = results->collapsed;
      answer.hits = std::move(results->hits);
    } else {
      ++failed;
      answer.error = results.status().message();
      ReportError(opts.batch + ":" + std::to_string(q.line) + ": " + answer.error);
    }
    if (format == "csv") WriteBatchCsv(std::cout, answer);
    if (format == "json") WriteBatchJson(std::cout, answer);
    if (format == "text") WriteBatchText(std::cout, answer);
  }
  if (failed > 0) {
    ReportError(std::to_string(failed) + " of " + std::to_string(queries.size()) +
                " queries failed");
    return exit_code::kSomeSkipped;
  }
  return exit_code::kOk;
}

}  // namespace byline
