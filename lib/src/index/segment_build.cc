/** @file segment_build.cc
 *  @brief Shard writers, segments, removing older copies, merging, swapping in.
 */
#include "index/segment_build.h"

#include <fcntl.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <queue>

#include "byline/schema.h"
#include "byline/text.h"
#include "index/spelling.h"
#include "index/story.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

// The room a commit needs (CommitMargin). Glass writes a commit's changed
// blocks to new places and frees the old ones only once it is done, so a
// commit grows the segment's files by far more than the text it adds:
// measured over 105 commits of up to 250 articles (reuters21578, bbc-news,
// news-de, news-zh: `byline index` of one shard, the segment's file sizes
// before and after each commit), by 13 to 54 times the batch's stored
// records, and up to 160 times for a small last batch into a large segment
// (news-de: 16 kB of records, 2.6 MB), whose commit rewrites blocks all
// over the segment. 48 times the records, plus up to 2 MiB of rewritten
// blocks (never more than the segment holds), covers every one of them
// (the closest: 2.87 MB for that 2.6 MB).
constexpr std::uint64_t kCommitGrowth = 48;
constexpr std::uint64_t kCommitRewriteBytes = 2 << 20;

// Id terms read from a segment at a time by the walk in RemoveOlderCopies:
// it holds this many per segment, and reopens a segment once per this many
// (about 10,000 opens at 10 million ids, a small part of the merge).
constexpr std::size_t kWalkChunk = 1024;

// The Q terms of one segment in order, read kWalkChunk at a time with the
// segment open only while reading: a shard can have hundreds of segments,
// more than the files a process may open, and a segment may be written
// between two reads (the walk deletes from it).
class IdTermCursor {
 public:
  explicit IdTermCursor(std::string path) : path_(std::move(path)) { Refill(); }
  bool done() const { return pos_ == terms_.size(); }
  const std::string& term() const { return terms_[pos_]; }
  void Next() {
    if (++pos_ == terms_.size() && !at_end_) Refill();
  }

 private:
  void Refill() {
    std::string last = terms_.empty() ? std::string() : terms_.back();
    terms_.clear();
    pos_ = 0;
    Xapian::Database db(path_);
    const std::string prefix = "Q";
    Xapian::TermIterator it = db.allterms_begin(prefix), end = db.allterms_end(prefix);
    if (!last.empty()) {
      it.skip_to(last);
      if (it != end && *it == last) ++it;
    }
    for (; it != end && terms_.size() < kWalkChunk; ++it) terms_.push_back(*it);
    at_end_ = it == end;
  }
  std::string path_;
  std::vector<std::string> terms_;
  std::size_t pos_ = 0;
  bool at_end_ = false;
};

// The file terms (holders) of a document.
std::vector<std::string> Holders(const Xapian::Document& doc) {
  std::vector<std::string> out;
  const std::string prefix = schema::kPrefixFile;
  Xapian::TermIterator it = doc.termlist_begin(), end = doc.termlist_end();
  for (it.skip_to(prefix); it != end && (*it).compare(0, prefix.size(), prefix) == 0; ++it) {
    out.push_back(*it);
  }
  return out;
}

// An older copy to delete, and the segment whose copy stays.
struct Doomed {
  std::string term;
  std::size_t latest;
};
// Holders to add to the copy that stays.
struct Gain {
  std::string term;
  std::vector<std::string> holders;
};

// Deletes the copies `doomed` from the segment at `path`, and hands their
// holders to the copy that stays (gains, by segment). By docid, not by term:
// deleting by a term lets an automatic flush land inside its posting list.
void DeleteFrom(const std::string& path, std::vector<Doomed>* doomed,
                std::vector<std::vector<Gain>>* gains) {
  if (doomed->empty()) return;
  Xapian::WritableDatabase seg(path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  for (const Doomed& d : *doomed) {
    Xapian::PostingIterator pl = seg.postlist_begin(d.term);
    if (pl == seg.postlist_end(d.term)) continue;
    Xapian::docid did = *pl;
    (*gains)[d.latest].push_back({d.term, Holders(seg.get_document(did))});
    seg.delete_document(did);
  }
  seg.commit();
  seg.close();
  doomed->clear();
}

// Adds the holders of deleted copies to the copies that stay in the segment
// at `path`: the copy shown is the last one read, but every file that held
// the id must be on it, so that an update can tell who still holds it.
void AddHolders(const std::string& path, std::vector<Gain>* gains) {
  if (gains->empty()) return;
  Xapian::WritableDatabase seg(path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  for (const Gain& g : *gains) {
    Xapian::PostingIterator pl = seg.postlist_begin(g.term);
    if (pl == seg.postlist_end(g.term)) continue;
    Xapian::docid did = *pl;
    Xapian::Document doc = seg.get_document(did);
    for (const std::string& h : g.holders) doc.add_boolean_term(h);
    seg.replace_document(did, doc);
  }
  seg.commit();
  seg.close();
  gains->clear();
}

// Bytes free for this process on the file system holding `path`, or
// UINT64_MAX when it cannot be told (the commit then goes ahead, as before).
std::uint64_t FreeBytes(const std::string& path) {
  struct statvfs fs;
  if (statvfs(path.c_str(), &fs) != 0) return UINT64_MAX;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

// The size of the files in the folder `path` (a segment: no subfolders).
std::uint64_t FolderBytes(const std::string& path) {
  std::uint64_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(path, ec)) n += e.file_size(ec);
  return n;
}

}  // namespace

std::uint64_t CommitMargin(std::uint64_t pending_bytes, std::uint64_t segment_bytes) {
  return std::min(segment_bytes, kCommitRewriteBytes) + kCommitGrowth * pending_bytes;
}

Status CheckRoomForCommit(std::uint64_t free_bytes, std::uint64_t pending_bytes,
                          std::uint64_t segment_bytes, const std::string& segment) {
  const std::uint64_t needed = CommitMargin(pending_bytes, segment_bytes);
  if (free_bytes >= needed) return Status::OK();
  auto mb = [](std::uint64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20); };
  return Status::IOError(std::string(kDiskFull) + "writing " + segment + ": " +
                         std::to_string(free_bytes >> 20) + " MB free, about " + mb(needed) +
                         " MB needed");
}

SegmentBuild::SegmentBuild(std::string target, const SegmentBuildOptions& options)
    : target_(std::move(target)),
      dir_(BuildDir(target_)),
      batch_(std::max(1u, options.batch)),
      segment_size_(std::max(1u, options.segment_size)),
      fan_in_(std::max(2u, options.fan_in)),
      hash_(options.hash ? options.hash : &Fnv1a64),
      cancel_(options.cancel) {
  // The router stores a shard in 16 bits.
  unsigned shards = std::clamp(options.shards, 1u, 65535u);
  for (unsigned i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

SegmentBuild::~SegmentBuild() {
  abandon_ = true;  // whatever is still queued would only be removed with the folder
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string SegmentBuild::BuildDir(const std::string& target) { return target + ".building"; }

Status SegmentBuild::Start() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return StatusFromErrorCode(ec, "creating the build folder " + dir_);
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    Shard& sh = *shards_[i];
    sh.index = i;
    try {
      OpenSegment(&sh);
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "creating " + sh.segments.back());
    }
  }
  for (auto& sh : shards_) sh->thread = std::thread([this, p = sh.get()] { Write(p); });
  return Status::OK();
}

Status SegmentBuild::ReadRecords(std::map<std::string, FileRecord>*) { return Status::OK(); }

Status SegmentBuild::Add(const std::string& id_term, Xapian::Document doc) {
  bool seen = false;
  std::uint16_t s = router_.Route(hash_(id_term), static_cast<std::uint16_t>(next_), &seen);
  Shard& sh = *shards_[s];
  if (seen) {
    sh.repeats = true;
    sh.queue.Push({id_term, std::move(doc), {}, {}});
  } else {
    next_ = (next_ + 1) % shards_.size();
    sh.queue.Push({std::string(), std::move(doc), {}, {}});
  }
  return Failed();
}

Status SegmentBuild::StartFile(const std::string&, bool) { return Failed(); }

Status SegmentBuild::RecordFile(const std::string& key, const std::string& value) {
  metadata_[key] = value;  // the merge keeps one value per key: written once at the end
  return Failed();
}

Status SegmentBuild::RemoveFile(const std::string&, const std::string&) { return Status::OK(); }

bool SegmentBuild::Cancelled() const {
  return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed) != 0;
}

Status SegmentBuild::Failed() {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

std::uint64_t SegmentBuild::Segments() const {
  std::uint64_t n = 0;
  for (const auto& sh : shards_) n += sh->segments.size();
  return n;
}

Result<std::uint64_t> SegmentBuild::Finish() {
  for (auto& [key, value] : metadata_) shards_[0]->queue.Push({std::string(), {}, key, value});
  metadata_.clear();
  Stop();
  if (Status s = Failed(); !s.ok()) return s;
  const Status cancelled = Status::Cancelled("interrupted before the merge finished");
  std::string merged = dir_ + "/merged";
  std::uint64_t count = 0;
  std::string path = dir_;
  try {
    for (const auto& sh : shards_) {
      if (!sh->repeats || sh->segments.size() < 2) continue;  // no copy in a closed segment
      if (Cancelled()) return cancelled;
      path = sh->segments.front();
      RemoveOlderCopies(sh->segments);
    }
    path = dir_;
    // Segments in reading order: the first of every shard, then the second...
    std::vector<std::string> sources;
    for (std::size_t i = 0;; ++i) {
      bool any = false;
      for (const auto& sh : shards_) {
        if (i >= sh->segments.size()) continue;
        sources.push_back(sh->segments[i]);
        any = true;
      }
      if (!any) break;
    }
    if (!Merge(std::move(sources), merged)) return cancelled;
    count = Xapian::Database(merged).get_doccount();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "merging the segments in " + path);
  }
  // The last moment a stop can leave the old database in place.
  if (Cancelled()) return cancelled;
  if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    return StatusFromErrno(errno, "swapping the new database in for " + target_);
  }
  return count;
}

// A k-way walk over the sorted id terms of one shard's segments (oldest
// first): a term held by several segments is deleted from all but the
// latest. Every copy of an id is in this shard, so this is exact, and it
// holds kWalkChunk terms and a few pending deletions per segment, whatever
// the number of articles.
void SegmentBuild::RemoveOlderCopies(const std::vector<std::string>& segments) {
  std::vector<IdTermCursor> cursors;
  cursors.reserve(segments.size());
  for (const std::string& path : segments) cursors.emplace_back(path);
  std::vector<std::vector<Doomed>> doomed(segments.size());
  std::vector<std::vector<Gain>> gains(segments.size());
  using Head = std::pair<std::string, std::size_t>;  // (term, segment)
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  for (std::size_t i = 0; i < cursors.size(); ++i) {
    if (!cursors[i].done()) heads.emplace(cursors[i].term(), i);
  }
  auto flush_gains = [&] {
    for (std::size_t i = 0; i < segments.size(); ++i) AddHolders(segments[i], &gains[i]);
  };
  std::size_t pending_gains = 0;
  while (!heads.empty()) {
    std::string term = heads.top().first;
    std::vector<std::size_t> holders;  // in segment order: the heap breaks ties by index
    while (!heads.empty() && heads.top().first == term) {
      holders.push_back(heads.top().second);
      heads.pop();
    }
    for (std::size_t k = 0; k + 1 < holders.size(); ++k) {
      std::size_t i = holders[k];
      doomed[i].push_back({term, holders.back()});
      if (doomed[i].size() == kWalkChunk) {
        pending_gains += doomed[i].size();
        DeleteFrom(segments[i], &doomed[i], &gains);
        if (pending_gains >= kWalkChunk) {
          flush_gains();
          pending_gains = 0;
        }
      }
    }
    for (std::size_t i : holders) {
      cursors[i].Next();
      if (!cursors[i].done()) heads.emplace(cursors[i].term(), i);
    }
  }
  for (std::size_t i = 0; i < segments.size(); ++i) DeleteFrom(segments[i], &doomed[i], &gains);
  flush_gains();
}

// Compacts `sources`, in order, into `out`, at most fan_in_ at a time:
// Xapian keeps a few files open per source, and a corpus of millions of
// articles makes hundreds of segments. Merged sources are removed as it
// goes, so the build needs little more than twice the index's space.
// Returns false, having stopped between two compactions, if the run is
// being cancelled (a compaction itself cannot be interrupted).
bool SegmentBuild::Merge(std::vector<std::string> sources, const std::string& out) {
  auto compact = [](std::vector<std::string>::const_iterator b,
                    std::vector<std::string>::const_iterator e, const std::string& to) {
    Xapian::Database group;
    for (auto it = b; it != e; ++it) group.add_database(Xapian::Database(*it));
    group.compact(to, Xapian::Compactor::FULL);
    group.close();
    for (auto it = b; it != e; ++it) {
      std::error_code ec;
      std::filesystem::remove_all(*it, ec);
    }
  };
  for (unsigned level = 0; sources.size() > fan_in_; ++level) {
    std::vector<std::string> next;
    for (std::size_t i = 0; i < sources.size(); i += fan_in_) {
      auto b = sources.cbegin() + static_cast<std::ptrdiff_t>(i);
      auto e =
          sources.cbegin() + static_cast<std::ptrdiff_t>(std::min(i + fan_in_, sources.size()));
      if (e - b == 1) {
        next.push_back(*b);
        continue;
      }
      if (Cancelled()) return false;
      next.push_back(dir_ + "/merge" + std::to_string(level) + "-" + std::to_string(next.size()));
      compact(b, e, next.back());
    }
    sources.swap(next);
  }
  if (Cancelled()) return false;
  if (!AssignStories(sources)) return false;
  compact(sources.cbegin(), sources.cend(), out);
  return true;
}

// Stories need every article, and a key written into a compacted database
// splits its full blocks (written into the merged database, the keys of
// reuters21578's 1,456 copies grew its index from 76 to 121 MB): so they go
// into the sources of the last merge, which compacts them with the rest.
// The sources are read as one database, whose docid d is docid
// (d - 1) / n + 1 of source (d - 1) % n.
bool SegmentBuild::AssignStories(const std::vector<std::string>& sources) {
  std::vector<std::pair<Xapian::docid, std::string>> keys;
  {
    Xapian::Database all;
    for (const std::string& s : sources) all.add_database(Xapian::Database(s));
    if (!story::AssignAllStories(all, cancel_, &story_stats_, &keys)) return false;
  }
  const std::size_t n = sources.size();
  std::vector<std::vector<std::pair<Xapian::docid, std::string>>> by_source(n);
  for (const auto& [did, key] : keys) {
    if (!key.empty()) by_source[(did - 1) % n].emplace_back((did - 1) / n + 1, key);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (by_source[i].empty()) continue;
    if (Cancelled()) return false;
    Xapian::WritableDatabase db(sources[i], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (const auto& [did, key] : by_source[i])
      story_stats_.rewritten += story::WriteKey(db, did, key);
    db.commit();
    db.close();
  }
  return true;
}

void SegmentBuild::OpenSegment(Shard* sh) {
  sh->segments.push_back(dir_ + "/shard" + std::to_string(sh->index) + "-" +
                         std::to_string(sh->segments.size()));
  sh->db = Xapian::WritableDatabase(
      sh->segments.back(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
  // Each batch is a transaction: a batch that is not committed (no room for
  // it, or a failed write) is dropped by close() without writing, where a
  // plain close() would commit it.
  sh->db.begin_transaction();
}

void SegmentBuild::Write(Shard* sh) {
  Item item;
  std::uint64_t in_segment = 0, pending = 0;
  std::uint64_t pending_bytes = 0;  // stored records added since the last commit
  SpellingWords spelling;           // the open segment's, written when it is closed
  bool ok = true;
  auto fail = [&](const Status& s) {
    ok = false;
    std::lock_guard<std::mutex> lock(mu_);
    if (failed_.ok()) failed_ = s;
  };
  auto fail_xapian = [&](const Xapian::Error& e) {
    fail(StatusFromXapian(e, "writing " + sh->segments.back()));
  };
  // Commits the batch, if the disk has room for it (CheckRoomForCommit).
  auto commit = [&] {
    const std::string& segment = sh->segments.back();
    Status room =
        CheckRoomForCommit(FreeBytes(segment), pending_bytes, FolderBytes(segment), segment);
    if (!room.ok()) {
      fail(room);
      return false;
    }
    sh->db.commit_transaction();
    pending_bytes = 0;
    sh->db.begin_transaction();
    return true;
  };
  while (sh->queue.Pop(&item)) {
    if (!ok || abandon_) continue;  // drain
    try {
      if (!item.key.empty()) {
        sh->db.set_metadata(item.key, item.value);
        pending_bytes += item.key.size() + item.value.size();
        continue;
      }
      if (in_segment == segment_size_) {
        spelling.FlushTo(sh->db);
        if (!commit()) continue;
        sh->db.close();
        OpenSegment(sh);
        in_segment = pending = 0;
      }
      pending_bytes += item.doc.get_data().size();
      if (item.replace.empty()) {
        spelling.Add(item.doc);
        sh->db.add_document(item.doc);
      } else {  // adds when no copy is in this segment
        // The copy replaced hands on its holders (file terms): every file
        // that holds the id stays on the document that shows it.
        Xapian::PostingIterator pl = sh->db.postlist_begin(item.replace);
        if (pl == sh->db.postlist_end(item.replace)) {
          spelling.Add(item.doc);
          sh->db.add_document(item.doc);
        } else {
          Xapian::docid did = *pl;
          Xapian::Document old = sh->db.get_document(did);
          for (const std::string& h : Holders(old)) item.doc.add_boolean_term(h);
          spelling.Add(item.doc);
          sh->db.replace_document(did, item.doc);
        }
      }
      ++in_segment;
      if (++pending == batch_) {
        if (!commit()) continue;
        pending = 0;
      }
    } catch (const Xapian::Error& e) {
      fail_xapian(e);
    }
  }
  try {
    if (ok && !abandon_) {
      spelling.FlushTo(sh->db);
      commit();
    }
    sh->db.close();  // drops a batch not committed (its transaction)
  } catch (const Xapian::Error& e) {
    fail_xapian(e);
  }
}

void SegmentBuild::Stop() {
  for (auto& sh : shards_) sh->queue.Close();
  for (auto& sh : shards_) {
    if (sh->thread.joinable()) sh->thread.join();
  }
}

}  // namespace byline
