/** @file info_command.cc
 *  @brief `byline info [--db DIR] [--json] [--top N]`.
 */
#include "info_command.h"

#include <algorithm>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/numbers.h"
#include "byline/cli/report.h"
#include "byline/schema.h"
#include "byline/text.h"
#include "wrap.h"

namespace byline {
namespace {

// "2026-12-02 17:40 UTC"; "" for 0 (unknown).
std::string UtcTime(std::int64_t seconds) {
  if (seconds == 0) return "";
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// The label column of the text form.
void Line(std::ostream& out, const std::string& label, const std::string& value) {
  out << label << std::string(label.size() < 12 ? 12 - label.size() : 1, ' ')
      << SafeForTerminal(value) << "\n";
}

// The `top` most common values, one a line under a label line.
void WriteTop(std::ostream& out, const std::string& label, const std::vector<FacetValue>& values,
              std::size_t top, std::size_t width) {
  const std::size_t shown = std::min(top, values.size());
  Line(out, label,
       values.empty() ? "none"
       : values.size() > shown
           ? Thousands(values.size()) + ", the " + Thousands(shown) + " with most articles:"
           : Thousands(values.size()) + ":");
  std::size_t count_width = 0;
  for (std::size_t i = 0; i < shown; ++i) {
    count_width = std::max(count_width, Thousands(values[i].count).size());
  }
  for (std::size_t i = 0; i < shown; ++i) {
    const std::string count = Thousands(values[i].count);
    const std::string indent = std::string(12 + count_width - count.size(), ' ') + count + "  ";
    Snippet value;
    value.text = SafeForTerminal(values[i].value);
    std::string prefix(indent.size(), ' ');
    out << indent;
    // Wrapped on words under the value itself (a long source name).
    std::ostringstream wrapped;
    WriteWrapped(wrapped, value, false, width, prefix, 3);
    out << wrapped.str().substr(prefix.size());
  }
}

nlohmann::json Values(const std::vector<FacetValue>& values, std::size_t top) {
  nlohmann::json a = nlohmann::json::array();
  for (std::size_t i = 0; i < values.size() && i < top; ++i) {
    a.push_back({{"value", values[i].value}, {"articles", values[i].count}});
  }
  return a;
}

}  // namespace

CLI::App* SetupInfoCommand(CLI::App& app, InfoCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand(
      "info", "What a database holds: articles, dates, languages, sources, size, settings");
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_flag("--json", opts->json, "One JSON object with every fact, for scripts");
  cmd->add_option("--top", opts->top, "Sources and languages shown, most articles first")
      ->check(CLI::Range(1, 100000));
  cmd->footer(
      "Examples:\n"
      "  byline info                       the default database\n"
      "  byline info --db news.db --json   for scripts: jq .articles");
  return cmd;
}

void WriteInfoText(std::ostream& out, const DatabaseInfo& info, std::size_t top,
                   std::size_t width) {
  Line(out, "database", DatabaseLabel(info.paths));
  Line(
      out, "articles",
      Thousands(info.articles) + (info.files ? " from " + Count(info.files, "file", "files") : ""));
  if (!info.first_date.empty()) {
    Line(out, "dates",
         info.first_date + " to " + info.last_date +
             (info.undated ? " (" + Thousands(info.undated) + " undated)" : ""));
  } else if (info.articles > 0) {
    Line(out, "dates", "none dated");
  }
  WriteTop(out, "languages", info.languages, top, width);
  if (info.sources_available) {
    WriteTop(out, "sources", info.sources, top, width);
    if (info.without_source) {
      Line(out, "", Count(info.without_source, "article", "articles") + " without a source");
    }
  } else {
    Line(out, "sources", "not counted: the database predates whole sources (index --rebuild)");
  }
  std::size_t remote = 0;
  for (const DatabasePart& p : info.parts) remote += p.remote ? 1 : 0;
  Line(out, "size",
       FormatBytes(info.bytes) + " on disk" +
           (remote ? " (and " + Count(remote, "remote shard", "remote shards") + ")" : ""));
  if (info.parts.size() > 1) Line(out, "shards", Thousands(info.parts.size()));
  Line(out, "format",
       std::to_string(info.format) + " (this byline reads up to " +
           std::to_string(schema::kFormatVersion) + ")");
  if (info.updated) Line(out, "updated", UtcTime(info.updated));
  std::string settings = info.title_weight ? "title weight " + std::to_string(info.title_weight)
                                           : "title weight not recorded (built before it was)";
  settings += info.synonym_groups ? "; synonyms: " + Count(info.synonym_groups, "group", "groups")
                                  : "; no synonyms";
  Line(out, "settings", settings);
  if (info.articles == 0) {
    out << "\nThe database is empty: byline index FOLDER adds articles.\n";
  }
}

void WriteInfoJson(std::ostream& out, const DatabaseInfo& info, std::size_t top) {
  nlohmann::json parts = nlohmann::json::array();
  for (const DatabasePart& p : info.parts) {
    nlohmann::json j = {{"path", p.path}, {"remote", p.remote}};
    if (!p.remote) j["bytes"] = p.bytes;
    parts.push_back(j);
  }
  nlohmann::json j = {
      {"database", DatabaseLabel(info.paths)},
      {"articles", info.articles},
      {"files", info.files},
      {"first_date", info.first_date.empty() ? nlohmann::json() : nlohmann::json(info.first_date)},
      {"last_date", info.last_date.empty() ? nlohmann::json() : nlohmann::json(info.last_date)},
      {"undated", info.undated},
      {"languages", Values(info.languages, top)},
      {"language_count", info.languages.size()},
      {"sources", info.sources_available ? Values(info.sources, top) : nlohmann::json()},
      {"source_count", info.sources.size()},
      {"without_source", info.without_source},
      {"bytes", info.bytes},
      {"parts", parts},
      {"format", info.format},
      {"updated", info.updated ? nlohmann::json(UtcTime(info.updated)) : nlohmann::json()},
      {"updated_unix", info.updated},
      {"title_weight", info.title_weight ? nlohmann::json(info.title_weight) : nlohmann::json()},
      {"synonym_groups", info.synonym_groups}};
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

int RunInfoCommand(const InfoCommandOptions& opts, const Terminal& terminal) {
  auto info = ReadDatabaseInfo(ResolveDatabasePaths(opts.db));
  if (!info.ok()) return Report(info.status());
  if (opts.json) {
    WriteInfoJson(std::cout, *info, opts.top);
  } else {
    WriteInfoText(std::cout, *info, opts.top, terminal.width);
  }
  return exit_code::kOk;
}

}  // namespace byline
