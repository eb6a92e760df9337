/** @file index_writer.cc
 *  @brief IndexWriter, and IndexPaths: list, plan, run the pipeline into a
 *  write target, remove vanished files, finish.
 */
#include "byline/index_writer.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "byline/analyzer.h"
#include "index/document_builder.h"
#include "index/file_manifest.h"
#include "index/in_place_target.h"
#include "index/pipeline.h"
#include "index/segment_build.h"
#include "index/sharded_target.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {

struct IndexWriter::Impl {
  std::unique_ptr<InPlaceTarget> db;
  Analyzer analyzer;
  unsigned title_wdf = schema::kTitleWdf;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, bool rebuild,
                                                       unsigned title_wdf) {
  auto db = InPlaceTarget::Open(path, rebuild);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  impl->title_wdf = title_wdf == 0 ? 1 : title_wdf;
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::OpenInMemory(unsigned title_wdf) {
  auto db = InPlaceTarget::OpenInMemory();
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  impl->title_wdf = title_wdf == 0 ? 1 : title_wdf;
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::SetSynonyms(const SynonymTable* table) {
  return impl_->db->SetMetadata(schema::kMetaSynonyms, table ? table->text() : std::string());
}

Status IndexWriter::Add(const Article& article) {
  Xapian::Document doc;
  try {
    doc = BuildDocument(article, impl_->analyzer, impl_->title_wdf);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "indexing article " + article.id);
  }
  return impl_->db->Add(IdTerm(article.id), std::move(doc));
}

Status IndexWriter::Remove(const std::string& article_id) {
  return impl_->db->Remove(IdTerm(article_id));
}

Status IndexWriter::Commit() { return impl_->db->Commit(); }

std::uint64_t IndexWriter::ArticleCount() const {
  auto n = impl_->db->ArticleCount();
  return n.ok() ? *n : 0;
}

namespace {

// A write failed (a full disk, most likely) after the database was opened:
// Xapian writes a commit aside and switches to it only once complete, and a
// bulk build is written beside the database and dropped with its folder, so
// the database is as of its last commit, and the message says so.
Status AsOfLastCommit(const Status& s) {
  if (s.code() != StatusCode::kIOError && s.code() != StatusCode::kCorruption &&
      s.code() != StatusCode::kInternal) {
    return s;
  }
  return Status(s.code(), s.message() + "; the database is as of its last commit");
}

// A bulk build (or rebuild) stopped before its swap: the build folder goes
// with the SegmentBuild, and the database was never touched.
Status Discarded() {
  return Status::Cancelled("interrupted: bulk build discarded; the database is as it was");
}

}  // namespace

Result<IndexStats> IndexPaths(const std::vector<std::string>& roots, const IndexOptions& options) {
  namespace fs = std::filesystem;
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  IndexStats stats;
  std::size_t skipped_unknown = 0;
  std::vector<std::string> unknown;
  std::vector<CorpusFile> files = ListCorpusFiles(
      roots, &skipped_unknown,
      [&](const Status& s) {
        ++stats.problems;
        if (options.on_problem) options.on_problem(s);
      },
      options.on_unknown_type ? &unknown : nullptr);
  for (const std::string& path : unknown) options.on_unknown_type(path);
  stats.skipped_unknown = skipped_unknown;
  stats.files = files.size();

  // Xapian 1.4 reads its flush threshold from the environment when a
  // database is opened; a user's own setting wins.
  if (options.flush_every > 0) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.flush_every).c_str(), 0);
  }
  unsigned workers =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  SegmentBuildOptions b{workers, options.shard_batch, options.segment_size, options.merge_fan_in,
                        nullptr, options.cancel};

  // A shard set (--shards, or a stub `byline index --shards` wrote) is
  // written through a ShardedTarget, each shard as one database is below.
  std::unique_ptr<ShardedTarget> shard_set;
  {
    auto place = InspectDatabasePlace(options.db_path);
    if (!place.ok()) return place.status();
    if (options.shards > 0 || *place == DatabasePlace::kStub) {
      auto set = ShardedTarget::Open(options.db_path, options.shards, options.rebuild, b);
      if (!set.ok()) return AsOfLastCommit(set.status());
      shard_set = std::move(*set);
    }
  }
  // One database: held open to the end, it holds the lock, also while a
  // build writes aside.
  std::unique_ptr<InPlaceTarget> db;
  std::unique_ptr<SegmentBuild> build;
  WriteTarget* target = shard_set.get();
  bool bulk = shard_set && shard_set->Bulk();
  if (!shard_set) {
    auto opened = InPlaceTarget::Open(options.db_path, options.rebuild);
    if (!opened.ok()) return opened.status();
    db = std::move(*opened);
    db->SetCancel(options.cancel);
    auto count = db->ArticleCount();
    if (!count.ok()) return count.status();
    target = db.get();
    // Into an empty database (or a rebuild), build segments aside and swap
    // the merged result in at the end; otherwise update in place. Either
    // way, what a killed build left beside the database goes (we hold its
    // lock).
    std::error_code ec;
    std::string path = fs::absolute(options.db_path, ec).lexically_normal().string();
    if (ec) return Status::IOError(options.db_path + ": " + ec.message());
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    fs::remove_all(SegmentBuild::BuildDir(path), ec);
    if (options.rebuild || *count == 0) {
      build = std::make_unique<SegmentBuild>(path, b);
      if (Status s = build->Start(); !s.ok()) return AsOfLastCommit(s);
      target = build.get();
      bulk = true;
    }
  }

  std::map<std::string, FileRecord> known;
  if (Status s = target->ReadRecords(&known); !s.ok()) return s;
  RunPlan plan = PlanRun(files, known, ExistingRoots(roots));
  stats.files_unchanged += plan.unchanged;  // not even read
  // They are not read, but what was wrong with them still is: every run
  // reports every file whose content is not wholly in the database.
  for (const FileRecord& r : plan.unchanged_with_problems) {
    stats.problems += r.problems;
    if (options.on_problem) options.on_problem(RecordedProblems(r));
  }
  if (!bulk) {  // holders are ordered by path: every path the run may meet, by term
    std::unordered_map<std::string, std::string> paths;
    for (const auto& [path, record] : known) paths.emplace(FileTerm(path), path);
    for (const CorpusFile& f : files) paths.emplace(FileTerm(f.path), f.path);
    target->SetFilePaths(std::move(paths));
  }

  IndexProgress progress;
  IndexPipeline pipeline(options, workers, t0);
  Status run = pipeline.Run(plan.read, target, &stats, &progress);
  if (run.code() == StatusCode::kCancelled) {
    // Stopped (a signal): a bulk build is discarded when `build` goes, and
    // an update in place keeps what it applied. Vanished files stay for the
    // next run, which also reads again the files this one did not finish.
    if (bulk) return Discarded();
    auto total = target->Finish();
    if (!total.ok()) return AsOfLastCommit(total.status());
    return Status::Cancelled("interrupted: " + std::to_string(stats.articles) +
                             " articles committed; run byline index again to finish");
  }
  if (!run.ok()) return AsOfLastCommit(run);
  for (const FileRecord& r : plan.vanished) {
    if (Status s = target->RemoveFile(FileTerm(r.path), FileRecordKey(r.path)); !s.ok()) {
      return AsOfLastCommit(s);
    }
    ++stats.files_removed;
  }
  // Ids whose shown copy lost its file while other files still hold them:
  // read the holder that must be shown again (it may be outside the roots).
  // A pass can leave new such ids (the holder's own copies), hence a loop;
  // the notes are on disk, so what a pass cannot settle waits for a run.
  for (int pass = 0; pass < 4; ++pass) {
    std::vector<std::string> paths;
    if (Status s = target->Rereads(&paths); !s.ok()) return s;
    std::vector<FileJob> again = PlanRereads(paths, known);
    if (again.empty()) break;
    for (const FileJob& j : again) {
      // Until it has been read, its record must not say "unchanged": a run
      // killed in between would otherwise never read it, and lose what it
      // alone held. Hash 0 and mtime -1 make the next run read it.
      FileRecord dirty = j.previous;
      dirty.path = j.file.path;
      dirty.hash = 0;
      dirty.mtime_ns = -1;
      if (Status s = target->RecordFile(FileRecordKey(dirty.path), EncodeFileRecord(dirty));
          !s.ok()) {
        return s;
      }
    }
    std::uint64_t updated = stats.files_updated;
    IndexPipeline reread(options, workers, t0);
    if (Status s = reread.Run(again, target, &stats, &progress); !s.ok()) return s;
    stats.files_reread += stats.files_updated - updated;  // counted apart: nothing changed
    stats.files_updated = updated;
  }
  stats.bytes = progress.bytes_done;

  // A build starts from nothing, so its database gets the format key here
  // (the merge keeps metadata); in place, the target sets it with its first
  // change. The title weight applies to the whole database: it is set by a
  // build only (`byline info` shows it; `byline index` refuses another).
  if (bulk) {
    Status s = target->RecordFile(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
    if (s.ok()) {
      s = target->RecordFile(schema::kMetaTitleWeight, std::to_string(options.title_wdf));
    }
    if (!s.ok()) return s;
  }
  auto finish_start = Clock::now();
  // The merge of a bulk build can take a while: a stop that came after the
  // last article is still honoured until the swap.
  if (bulk && options.cancel != nullptr && options.cancel->load() != 0) return Discarded();
  auto total = target->Finish();
  if (total.status().code() == StatusCode::kCancelled) return Discarded();
  if (!total.ok()) return AsOfLastCommit(total.status());
  stats.total_articles = *total;
  if (bulk) {
    stats.merge_seconds = std::chrono::duration<double>(Clock::now() - finish_start).count();
    stats.shards = target->Shards();
    stats.segments = target->Segments();
    db.reset();  // the old database, now in the build folder, which goes next
    build.reset();
  }
  if (shard_set) stats.databases = shard_set->Count();
  stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (options.on_progress) {
    progress.seconds = stats.seconds;
    options.on_progress(progress);
  }
  return stats;
}

}  // namespace byline
