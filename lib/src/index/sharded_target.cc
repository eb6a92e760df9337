/** @file sharded_target.cc
 *  @brief Writing a shard set: routing articles, every file's records in
 *  every shard, a new generation swapped in by its stub.
 */
#include "index/sharded_target.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "index/document_builder.h"
#include "util/database_check.h"

namespace byline {
namespace {

bool SameRecord(const FileRecord& a, const FileRecord& b) {
  return a.size == b.size && a.hash == b.hash && a.mtime_ns == b.mtime_ns && a.path == b.path;
}

}  // namespace

Result<std::unique_ptr<ShardedTarget>> ShardedTarget::Open(const std::string& stub, unsigned shards,
                                                           bool rebuild,
                                                           const SegmentBuildOptions& build) {
  auto path = AbsoluteStubPath(stub);
  if (!path.ok()) return path.status();
  auto place = InspectDatabasePlace(*path);
  if (!place.ok()) return place.status();
  std::optional<ShardSet> current;
  if (*place == DatabasePlace::kStub) {
    auto set = ReadShardSet(*path);
    if (!set.ok()) return set.status();
    current = *set;
  } else if (*place != DatabasePlace::kMissing) {
    return Status::InvalidArgument(
        stub + ": not the stub of a shard set (" +
        (*place == DatabasePlace::kGlass || *place == DatabasePlace::kEmptyFolder
             ? std::string("a database folder")
             : std::string("something else")) +
        "): with --shards, --db names the stub file to write, which must not exist yet or be one "
        "byline index --shards wrote");
  }
  const unsigned n = shards > 0 ? shards : (current ? current->count : 1);
  if (n > kMaxShards) {
    return Status::InvalidArgument("--shards " + std::to_string(n) + ": at most " +
                                   std::to_string(kMaxShards));
  }
  if (current && n != current->count && !rebuild) {
    const std::string have = std::to_string(current->count);
    return Status::InvalidArgument(
        stub + " holds " + have + " shards, not " + std::to_string(n) +
        ": index it with --shards " + have + " (or without --shards), or give --rebuild --shards " +
        std::to_string(n) + " to build it anew in " + std::to_string(n) + " shards");
  }
  std::unique_ptr<ShardedTarget> t(new ShardedTarget);
  std::uint64_t articles = 0;
  if (current) {
    for (const std::string& folder : current->folders) {
      auto db = InPlaceTarget::Open(folder, rebuild);
      if (!db.ok()) return db.status();
      (*db)->SetCancel(build.cancel);
      auto count = (*db)->ArticleCount();
      if (!count.ok()) return count.status();
      articles += *count;
      t->current_.push_back(std::move(*db));
    }
    // A rebuild may have swapped in a new generation between our reading
    // the stub and locking its shards.
    auto again = ReadShardSet(*path);
    if (!again.ok() || again->generation != current->generation || again->count != current->count) {
      return Status::Locked(stub +
                            ": another `byline index` replaced the shards while this one "
                            "opened them; run it again");
    }
  }
  const bool bulk = !current || rebuild || articles == 0 || n != current->count;
  if (!bulk) {
    t->set_ = *current;
    RemoveStaleShards(*path, t->set_.folders);
    return t;
  }
  t->bulk_ = true;
  t->set_ = MakeShardSet(*path, n, current ? current->generation + 1 : 1);
  SegmentBuildOptions each = build;
  each.shards = std::max(1u, build.shards / n);  // the writer threads, shared out
  for (const std::string& folder : t->set_.folders) {
    // Created empty (or a killed build's, ours to replace): each build
    // swaps its merged database in here. Locked first: what a killed build
    // left beside it is then no other writer's.
    auto db = InPlaceTarget::Open(folder, true);
    if (!db.ok()) return db.status();
    t->fresh_.push_back(std::move(*db));
    std::error_code ec;
    std::filesystem::remove_all(SegmentBuild::BuildDir(folder), ec);
  }
  std::vector<std::string> keep = t->set_.folders;
  if (current) keep.insert(keep.end(), current->folders.begin(), current->folders.end());
  RemoveStaleShards(*path, keep);
  for (const std::string& folder : t->set_.folders) {
    t->builds_.push_back(std::make_unique<SegmentBuild>(folder, each));
    if (Status s = t->builds_.back()->Start(); !s.ok()) return s;
  }
  return t;
}

ShardedTarget::~ShardedTarget() {
  if (!Bulk() || finished_) return;
  builds_.clear();  // each removes its build folder
  fresh_.clear();
  for (const std::string& folder : set_.folders) {
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
  }
}

WriteTarget* ShardedTarget::Shard(unsigned k) const {
  return Bulk() ? static_cast<WriteTarget*>(builds_[k].get()) : current_[k].get();
}

Status ShardedTarget::ReadRecords(std::map<std::string, FileRecord>* records) {
  if (Bulk()) return Status::OK();  // a build starts from nothing
  struct Seen {
    FileRecord record;
    unsigned shards = 0;
    bool differ = false;
  };
  std::map<std::string, Seen> seen;
  for (const auto& db : current_) {
    std::map<std::string, FileRecord> mine;
    if (Status s = db->ReadRecords(&mine); !s.ok()) return s;
    for (auto& [path, r] : mine) {
      auto [it, added] = seen.emplace(path, Seen{r, 0, false});
      if (!added && !SameRecord(it->second.record, r)) it->second.differ = true;
      ++it->second.shards;
    }
  }
  for (auto& [path, s] : seen) {
    FileRecord r = s.record;
    if (s.differ || s.shards != current_.size()) {
      // A run stopped between two shards' commits: read it again, as a
      // provisional record (in_place_target) makes a run do.
      r.hash = 0;
      r.mtime_ns = -1;
      unsettled_.insert(FileTerm(path));
    }
    (*records)[path] = r;
  }
  return Status::OK();
}

Status ShardedTarget::Add(const std::string& id_term, Xapian::Document doc) {
  return Shard(ShardOf(id_term, set_.count))->Add(id_term, std::move(doc));
}

Status ShardedTarget::StartFile(const std::string& file_term, bool known) {
  // Not `known` for a file whose records differ: each shard first writes
  // the provisional record (hash 0) before it releases the file. Before,
  // a shard that already held the file's new record kept it while it
  // released the file's articles; killed after that shard committed part
  // of the file and the other shards its record, every shard said
  // "unchanged" and the rest of the file was lost for good (the kill -9
  // stress test on 3 shards lost 10 articles so on a slower machine).
  const bool settled = known && unsettled_.count(file_term) == 0;
  for (unsigned k = 0; k < set_.count; ++k) {
    if (Status s = Shard(k)->StartFile(file_term, settled); !s.ok()) return s;
  }
  return Status::OK();
}

Status ShardedTarget::RecordFile(const std::string& key, const std::string& value) {
  for (unsigned k = 0; k < set_.count; ++k) {
    if (Status s = Shard(k)->RecordFile(key, value); !s.ok()) return s;
  }
  return Status::OK();
}

Status ShardedTarget::RemoveFile(const std::string& file_term, const std::string& key) {
  for (unsigned k = 0; k < set_.count; ++k) {
    if (Status s = Shard(k)->RemoveFile(file_term, key); !s.ok()) return s;
  }
  return Status::OK();
}

Status ShardedTarget::Rereads(std::vector<std::string>* paths) {
  paths->clear();
  for (unsigned k = 0; k < set_.count; ++k) {
    std::vector<std::string> mine;
    if (Status s = Shard(k)->Rereads(&mine); !s.ok()) return s;
    paths->insert(paths->end(), mine.begin(), mine.end());
  }
  std::sort(paths->begin(), paths->end());
  paths->erase(std::unique(paths->begin(), paths->end()), paths->end());
  return Status::OK();
}

void ShardedTarget::SetFilePaths(std::unordered_map<std::string, std::string> by_term) {
  for (auto& db : current_) db->SetFilePaths(by_term);
}

Result<std::uint64_t> ShardedTarget::Finish() {
  std::uint64_t total = 0;
  if (!Bulk()) {
    for (auto& db : current_) {
      auto n = db->Finish();
      if (!n.ok()) return n.status();
      total += *n;
    }
    finished_ = true;
    return total;
  }
  // Each build merges and swaps into its folder of the new generation,
  // which no reader opens until the stub names it.
  for (auto& b : builds_) {
    auto n = b->Finish();
    if (!n.ok()) return n.status();
    total += *n;
    writers_ += b->Shards();
    segments_ += b->Segments();
  }
  fresh_.clear();  // the empty databases, now in the build folders
  builds_.clear();
  if (Status s = WriteShardStub(set_); !s.ok()) return s;
  finished_ = true;
  current_.clear();
  RemoveStaleShards(set_.stub, set_.folders);
  return total;
}

unsigned ShardedTarget::Shards() const { return writers_; }

std::uint64_t ShardedTarget::Segments() const { return segments_; }

}  // namespace byline
