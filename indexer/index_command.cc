/** @file index_command.cc
 *  @brief `byline index PATH... [--db DIR]`: progress on a terminal, a summary always.
 */
#include "index_command.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "byline/analyzer.h"
#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/interrupt.h"
#include "byline/cli/numbers.h"
#include "byline/cli/report.h"
#include "byline/corpus_reader.h"
#include "byline/database_info.h"
#include "byline/index_writer.h"
#include "byline/synonyms.h"

namespace byline {
namespace {

std::string Clock(double seconds) {
  char buf[32];
  int s = static_cast<int>(seconds + 0.5);
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

}  // namespace

CLI::App* SetupIndexCommand(CLI::App& app, IndexCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand("index", "Index news articles from files and folders");
  cmd->add_option("paths", opts->paths,
                  "Files or folders to index (folders are walked recursively)")
      ->check(CLI::ExistingPath);
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_flag("--rebuild", opts->rebuild, "Start from an empty database");
  CLI::Option* title_weight =
      cmd->add_option("--title-weight", opts->title_weight,
                      "How many times a title word counts against a body word (default 3); "
                      "set when a database is built: with an existing one, only with --rebuild")
          ->check(CLI::Range(1, 20));
  cmd->add_option("--threads", opts->threads, "Text-analysis threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--shards", opts->shards,
                  "Write N databases and, at --db, a stub that searches them as one (articles "
                  "by a hash of their id; default: one database)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress line and no summary; errors only");
  cmd->add_flag("-v,--verbose", opts->verbose,
                "Name every file skipped for its type (files that cannot be read are always "
                "named)");
  cmd->add_flag("--json", opts->json,
                "The summary as one JSON object on stdout (errors stay on stderr)");
  CLI::Option* synonyms =
      cmd->add_option("--synonyms", opts->synonyms,
                      "Store the synonyms FILE (one group a line: Kyiv = Kiev) with the database, "
                      "replacing those stored before; every later search applies them")
          ->check(CLI::ExistingFile);
  cmd->add_flag("--clear-synonyms", opts->clear_synonyms,
                "Remove the synonyms stored with the database")
      ->excludes(synonyms);
  cmd->parse_complete_callback(
      [opts, title_weight] { opts->title_weight_given = title_weight->count() > 0; });
  cmd->footer(
      "Examples:\n"
      "  byline index corpus/                   index a folder into the default database\n"
      "  byline index news.jsonl.gz --db news   one file into the database in ./news\n"
      "  byline index corpus/                   again: reads only new and changed files\n"
      "  byline index --rebuild corpus/         build the database anew\n"
      "Formats: .txt, .md, .html, .htm, .json, .jsonl, .ndjson, and .gz of any of them.");
  return cmd;
}

namespace {

// --synonyms, --clear-synonyms: stored after the articles, in one commit.
int StoreSynonyms(const std::string& db, const SynonymTable* table) {
  auto writer = IndexWriter::Open(db, false);
  if (!writer.ok()) return Report(writer.status());
  if (Status s = (*writer)->SetSynonyms(table); !s.ok()) return Report(s);
  if (Status s = (*writer)->Commit(); !s.ok()) return Report(s);
  return exit_code::kOk;
}

// --title-weight applies to the whole database: an update in place uses
// the weight the database was built with, so its articles agree, and one
// that asks for another is refused (exit 2, nothing read): only a rebuild
// changes it. The weight to index with, or the error.
Result<unsigned> TitleWeightFor(const IndexCommandOptions& opts, const std::string& db) {
  if (opts.rebuild) return opts.title_weight;
  auto info = ReadDatabaseInfo({db}, /*count=*/false);
  if (!info.ok() || info->articles == 0) return opts.title_weight;  // built by this run
  const unsigned built = info->title_weight ? info->title_weight : schema::kTitleWdf;
  if (!opts.title_weight_given || built == opts.title_weight) return built;
  return Status::InvalidArgument(
      "index: --title-weight " + std::to_string(opts.title_weight) + " cannot apply to " + db +
      ": its " + Count(info->articles, "article was", "articles were") +
      " indexed with title weight " + std::to_string(built) +
      (info->title_weight ? "" : " (the default)") + "; add --rebuild to build it anew with " +
      std::to_string(opts.title_weight) + ", or leave --title-weight out");
}

// The summary on stderr: what was read, what the files were, the database.
void WriteSummary(const IndexStats& s, const std::string& db) {
  const double secs = s.seconds > 0 ? s.seconds : 1e-9;
  const std::uint64_t read = s.files_added + s.files_updated;
  std::fprintf(stderr, "indexed %s from %s (%s) in %.2f s: %s articles/s, %.2f MB/s\n",
               Count(s.articles, "article", "articles").c_str(),
               Count(read, "file", "files").c_str(), FormatBytes(s.bytes).c_str(), s.seconds,
               Thousands(static_cast<std::uint64_t>(s.articles / secs)).c_str(),
               s.bytes / 1e6 / secs);
  std::fprintf(stderr,
               "files: %s new, %s updated, %s unchanged, %s removed; %s of unknown type "
               "skipped%s; %s\n",
               Thousands(s.files_added).c_str(), Thousands(s.files_updated).c_str(),
               Thousands(s.files_unchanged).c_str(), Thousands(s.files_removed).c_str(),
               Thousands(s.skipped_unknown).c_str(), s.skipped_unknown ? " (-v names them)" : "",
               Count(s.problems, "error", "errors").c_str());
  std::fprintf(stderr, "%s in %s\n", Count(s.total_articles, "article", "articles").c_str(),
               db.c_str());
  if (s.databases > 0) {
    std::fprintf(stderr, "in %s: the stub %s and its shard folders beside it\n",
                 Count(s.databases, "shard", "shards").c_str(), db.c_str());
  }
  if (s.shards > 0) {
    std::fprintf(stderr, "built by %s side by side (%s), merged in %.2f s\n",
                 Count(s.shards, "writer", "writers").c_str(),
                 Count(s.segments, "segment", "segments").c_str(), s.merge_seconds);
  }
}

// `index --json`: the same as one object on stdout.
void WriteSummaryJson(const IndexStats& s, const std::string& db) {
  nlohmann::json j = {{"type", "summary"},
                      {"database", db},
                      {"articles", s.articles},
                      {"files_read", s.files_added + s.files_updated},
                      {"files_new", s.files_added},
                      {"files_updated", s.files_updated},
                      {"files_unchanged", s.files_unchanged},
                      {"files_removed", s.files_removed},
                      {"files_reread", s.files_reread},
                      {"skipped_unknown_type", s.skipped_unknown},
                      {"errors", s.problems},
                      {"bytes", s.bytes},
                      {"seconds", s.seconds},
                      {"total_articles", s.total_articles},
                      {"shards", s.databases},
                      {"writers", s.shards},
                      {"segments", s.segments},
                      {"merge_seconds", s.merge_seconds}};
  std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

int RunIndexCommand(const IndexCommandOptions& opts, const Terminal& terminal) {
  const bool set_synonyms = !opts.synonyms.empty() || opts.clear_synonyms;
  if (opts.paths.empty() && !set_synonyms) {
    ReportError("index: give the files or folders to index (or --synonyms FILE)");
    return exit_code::kUsage;
  }
  // A bad synonyms file stops the run before any article is read.
  std::optional<SynonymTable> synonyms;
  if (!opts.synonyms.empty()) {
    auto table = SynonymTable::ReadFile(opts.synonyms, Analyzer());
    if (!table.ok()) return Report(table.status());
    synonyms = std::move(*table);
  }
  if (opts.paths.empty()) {
    return StoreSynonyms(ResolveDatabasePath(opts.db), synonyms ? &*synonyms : nullptr);
  }
  IndexOptions options;
  options.db_path = ResolveDatabasePath(opts.db);
  auto title_weight = TitleWeightFor(opts, options.db_path);
  if (!title_weight.ok()) return Report(title_weight.status());
  options.rebuild = opts.rebuild;
  options.title_wdf = *title_weight;
  options.threads = opts.threads;
  options.shards = opts.shards;
  const bool live = !opts.quiet && !opts.json && terminal.stderr_tty;
  bool progress_shown = false;
  auto clear_progress = [&]() {
    if (progress_shown) std::fputs("\r\033[K", stderr);
    progress_shown = false;
  };
  options.on_problem = [&](const Status& s) {
    clear_progress();
    ReportError(s.message());
  };
  if (opts.verbose) {
    options.on_unknown_type = [&](const std::string& path) {
      clear_progress();
      ReportError("note: " + path + ": " + kUnknownTypeReason);
    };
  }
  if (live) {
    options.on_progress = [&](const IndexProgress& p) {
      double rate = p.seconds > 0 ? p.articles / p.seconds : 0;
      // Bytes count as files are read, inside a big .jsonl.gz too (its
      // compressed bytes): until the first chunk is in, there is no size to
      // show and no ETA to compute.
      if (p.bytes_done == 0) {
        std::fprintf(stderr, "\r\033[Kindexing: %s, %s articles/s, %s elapsed, file 1 of %s",
                     Count(p.articles, "article", "articles").c_str(),
                     Thousands(static_cast<std::uint64_t>(rate)).c_str(), Clock(p.seconds).c_str(),
                     Thousands(p.files_total).c_str());
      } else {
        double left = p.bytes_total > p.bytes_done
                          ? p.seconds * (double(p.bytes_total) / p.bytes_done - 1)
                          : 0;
        std::fprintf(stderr, "\r\033[Kindexing: %s, %s of %s, %s articles/s, ETA %s",
                     Count(p.articles, "article", "articles").c_str(),
                     FormatBytes(p.bytes_done).c_str(), FormatBytes(p.bytes_total).c_str(),
                     Thousands(static_cast<std::uint64_t>(rate)).c_str(), Clock(left).c_str());
      }
      progress_shown = true;
    };
  }
  // Ctrl-C or SIGTERM stops the run cleanly (IndexOptions::cancel); a
  // second Ctrl-C ends the process at once.
  InterruptCatcher interrupts;
  options.cancel = &InterruptCatcher::received();
  auto stats = IndexPaths(opts.paths, options);
  clear_progress();
  if (!stats.ok()) {
    const int sig = InterruptCatcher::received().load();
    if (stats.status().code() == StatusCode::kCancelled && sig != 0) {
      return Report(stats.status(), exit_code::ForSignal(sig));
    }
    return Report(stats.status());
  }
  if (opts.json) {
    WriteSummaryJson(*stats, options.db_path);
  } else if (!opts.quiet) {
    WriteSummary(*stats, options.db_path);
  }
  if (set_synonyms) {
    if (int code = StoreSynonyms(options.db_path, synonyms ? &*synonyms : nullptr);
        code != exit_code::kOk) {
      return code;
    }
  }
  return stats->problems > 0 ? exit_code::kSomeSkipped : exit_code::kOk;
}

}  // namespace byline
