/** @file index_command.cc
 *  @brief `byline index PATH... [--db DIR]`: progress on a terminal, a summary always.
 */
#include "index_command.h"

#include <cstdio>
#include <optional>

#include "byline/analyzer.h"
#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/interrupt.h"
#include "byline/cli/report.h"
#include "byline/index_writer.h"
#include "byline/synonyms.h"

namespace byline {
namespace {

std::string Thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string Size(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f kB", bytes / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  }
  return buf;
}

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
  cmd->add_option("--title-weight", opts->title_weight,
                  "How many times a title word counts against a body word (default 3)")
      ->check(CLI::Range(1, 20));
  cmd->add_option("--threads", opts->threads, "Text-analysis threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--shards", opts->shards,
                  "Write N databases and, at --db, a stub that searches them as one (articles "
                  "by a hash of their id)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress line and no summary; errors only");
  CLI::Option* synonyms =
      cmd->add_option("--synonyms", opts->synonyms,
                      "Store the synonyms FILE (one group a line: Kyiv = Kiev) with the database, "
                      "replacing those stored before; every later search applies them")
          ->check(CLI::ExistingFile);
  cmd->add_flag("--clear-synonyms", opts->clear_synonyms,
                "Remove the synonyms stored with the database")
      ->excludes(synonyms);
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
  options.rebuild = opts.rebuild;
  options.title_wdf = opts.title_weight;
  options.threads = opts.threads;
  options.shards = opts.shards;
  const bool live = !opts.quiet && terminal.stderr_tty;
  bool progress_shown = false;
  auto clear_progress = [&]() {
    if (progress_shown) std::fputs("\r\033[K", stderr);
    progress_shown = false;
  };
  options.on_problem = [&](const Status& s) {
    clear_progress();
    ReportError(s.message());
  };
  if (live) {
    options.on_progress = [&](const IndexProgress& p) {
      double rate = p.seconds > 0 ? p.articles / p.seconds : 0;
      double left = p.bytes_done > 0 && p.bytes_total > p.bytes_done
                        ? p.seconds * (double(p.bytes_total) / p.bytes_done - 1)
                        : 0;
      std::fprintf(stderr, "\r\033[Kindexing: %s articles, %s, %s articles/s, ETA %s",
                   Thousands(p.articles).c_str(), Size(p.bytes_done).c_str(),
                   Thousands(static_cast<std::uint64_t>(rate)).c_str(), Clock(left).c_str());
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
  if (!opts.quiet) {
    const IndexStats& s = *stats;
    double secs = s.seconds > 0 ? s.seconds : 1e-9;
    std::uint64_t read = s.files_added + s.files_updated;
    std::fprintf(stderr,
                 "indexed %s articles from %s files (%s) in %.2f s: %s articles/s, %.2f MB/s\n"
                 "files: %s new, %s updated, %s unchanged, %s removed; %s of unknown type "
                 "skipped; %s errors\n"
                 "%s articles in %s\n",
                 Thousands(s.articles).c_str(), Thousands(read).c_str(), Size(s.bytes).c_str(),
                 s.seconds, Thousands(static_cast<std::uint64_t>(s.articles / secs)).c_str(),
                 s.bytes / 1e6 / secs, Thousands(s.files_added).c_str(),
                 Thousands(s.files_updated).c_str(), Thousands(s.files_unchanged).c_str(),
                 Thousands(s.files_removed).c_str(), Thousands(s.skipped_unknown).c_str(),
                 Thousands(s.problems).c_str(), Thousands(s.total_articles).c_str(),
                 options.db_path.c_str());
    if (s.databases > 0) {
      std::fprintf(stderr, "in %u shards: the stub %s and its shard folders beside it\n",
                   s.databases, options.db_path.c_str());
    }
    if (s.shards > 0) {
      std::fprintf(stderr, "built by %u writers side by side (%llu segments), merged in %.2f s\n",
                   s.shards, static_cast<unsigned long long>(s.segments), s.merge_seconds);
    }
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
