/** @file sharded_target.h
 *  @brief Internal: a WriteTarget over the shards of a shard set
 *  (shard_set.h), each written as one database is.
 */
#ifndef BYLINE_INDEX_SHARDED_TARGET_H
#define BYLINE_INDEX_SHARDED_TARGET_H

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/in_place_target.h"
#include "index/segment_build.h"
#include "index/shard_set.h"
#include "index/write_target.h"

namespace byline {

/// Writes a shard set: each article to its shard (ShardOf its id term), and
/// what concerns a file to every shard, since a file's articles may be in
/// any of them. Each shard is one database written by the rules of one
/// database (an InPlaceTarget, or a SegmentBuild into an empty set or on a
/// rebuild), so a killed run leaves each shard as a killed run leaves one
/// database. The shards are committed one after the other, so a kill can
/// leave them at different runs; the file records make that whole: a file
/// whose record is not the same in every shard counts as unread
/// (ReadRecords), so the next run reads it again and replaces its articles
/// in every shard.
///
/// Stories of copies (story.h) are found within each shard: copies of one
/// story whose ids went to different shards are not grouped (each shard's
/// signatures are compared with its own only).
class ShardedTarget : public WriteTarget {
 public:
  /// Opens the shard set whose stub is `stub` for writing, holding every
  /// shard's lock to the end. `shards`: the number asked for (0: the
  /// stub's). A set that exists is updated in place unless `rebuild` or it
  /// holds no article; otherwise (and on a new number of shards, which
  /// needs `rebuild`) generation G + 1 is built beside it with one
  /// SegmentBuild per shard (`build`, its writers shared out among them) and
  /// swapped in by the stub at Finish. Refuses (kInvalidArgument) a stub
  /// Byline did not write, a different number of shards without `rebuild`,
  /// and a path that holds something else than a stub or nothing.
  static Result<std::unique_ptr<ShardedTarget>> Open(const std::string& stub, unsigned shards,
                                                     bool rebuild,
                                                     const SegmentBuildOptions& build);
  /// A failed or cancelled build is discarded: its generation goes, and the
  /// stub still names the old set (or there is none).
  ~ShardedTarget() override;

  /// True when the run builds a new generation (no records of earlier runs).
  bool Bulk() const { return bulk_; }
  /// The number of shards written.
  unsigned Count() const { return set_.count; }

  /// Every shard's records, each kept only if every shard holds it alike;
  /// one that differs (a run killed between two shards' commits) or is in
  /// some shards only comes back unread (hash 0, mtime -1): read again.
  Status ReadRecords(std::map<std::string, FileRecord>* records) override;
  /// To the article's shard.
  Status Add(const std::string& id_term, Xapian::Document doc) override;
  /// To every shard. A file whose records differed (ReadRecords) is first
  /// marked unread in every shard, as a new file is: some shard may hold
  /// its current record, which a kill after that shard committed part of
  /// the file's release would otherwise leave saying "unchanged" once the
  /// other shards committed the record too.
  Status StartFile(const std::string& file_term, bool known) override;
  Status RecordFile(const std::string& key, const std::string& value) override;
  Status RemoveFile(const std::string& file_term, const std::string& key) override;
  /// Commits every shard (in place), or finishes every build, writes the
  /// stub of the new generation and removes the old one; the articles of
  /// every shard.
  Result<std::uint64_t> Finish() override;
  /// The files any shard needs read again.
  Status Rereads(std::vector<std::string>* paths) override;
  void SetFilePaths(std::unordered_map<std::string, std::string> by_term) override;

  unsigned Shards() const override;
  std::uint64_t Segments() const override;

 private:
  ShardedTarget() = default;
  WriteTarget* Shard(unsigned k) const;

  ShardSet set_;  // the set being written: the stub's, or the new generation
  // The stub's generation (empty if there is none), held open for its locks;
  // written when in place.
  std::vector<std::unique_ptr<InPlaceTarget>> current_;
  // A new generation: the empty databases the builds swap into (held for
  // their locks) and the builds.
  std::vector<std::unique_ptr<InPlaceTarget>> fresh_;
  std::vector<std::unique_ptr<SegmentBuild>> builds_;
  // The file terms of the files whose records differed between shards
  // (ReadRecords), which StartFile marks unread everywhere first.
  std::unordered_set<std::string> unsettled_;
  bool bulk_ = false;
  bool finished_ = false;
  unsigned writers_ = 0;        // of the builds, for IndexStats
  std::uint64_t segments_ = 0;  // written by the builds (after Finish)
};

}  // namespace byline

#endif  // BYLINE_INDEX_SHARDED_TARGET_H
