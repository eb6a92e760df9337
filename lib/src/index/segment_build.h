/** @file segment_build.h
 *  @brief Internal: a WriteTarget that builds shards of segments aside and
 *  swaps the merged result in place of the database.
 */
#ifndef BYLINE_INDEX_SEGMENT_BUILD_H
#define BYLINE_INDEX_SEGMENT_BUILD_H

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "index/bounded_queue.h"
#include "index/shard_router.h"
#include "index/story.h"
#include "index/write_target.h"

namespace byline {

/// How a SegmentBuild writes.
struct SegmentBuildOptions {
  unsigned shards = 1;            ///< writer threads (a Xapian writer is single-threaded)
  unsigned batch = 250;           ///< documents per commit
  unsigned segment_size = 10000;  ///< documents per segment
  unsigned fan_in = 32;           ///< segments merged at a time
  /// The hash that routes an id term to its shard (a test can make ids collide).
  std::uint64_t (*hash)(std::string_view) = nullptr;
  /// Non-zero when the run is being stopped (IndexOptions::cancel): Finish()
  /// then stops between merge steps and does not swap the result in.
  const std::atomic<int>* cancel = nullptr;
};

/// The free space a segment's commit needs, for a batch whose stored
/// records (the articles' fields, Xapian::Document::get_data) add up to
/// `pending_bytes`, into a segment whose files hold `segment_bytes`: a
/// multiple of the records for the postings, terms and positions they
/// bring, and the blocks the commit rewrites (at most the segment's).
std::uint64_t CommitMargin(std::uint64_t pending_bytes, std::uint64_t segment_bytes);

/// OK if `free_bytes` (free on the file system of `segment`) leaves room for
/// CommitMargin; else a disk-full kIOError naming the segment ("disk full
/// writing SEGMENT: 1 MB free, about 3 MB needed"), which the writer
/// returns instead of committing: Xapian 1.4 can abort the process when
/// the disk fills inside a commit (std::terminate from a noexcept
/// destructor in libxapian). Nothing is written, and what was committed
/// stays as it was.
Status CheckRoomForCommit(std::uint64_t free_bytes, std::uint64_t pending_bytes,
                          std::uint64_t segment_bytes, const std::string& segment);

/// A bulk build: documents go round-robin to one writer thread per shard.
/// Each writer commits every `batch` documents and starts a fresh database (a
/// segment) every `segment_size`: Xapian 1.4's in-memory inverter costs less
/// per posting in a small batch, and a small database takes a batch with less
/// merging into the postings written before. Finish() merges every segment
/// with compact and swaps the result in place of the target database.
///
/// An id seen again goes to the shard that got it first (ShardRouter), so
/// every copy of an id is in one shard; there it is written with
/// replace_document, which replaces a copy in the segment being written (and
/// simply adds when the earlier copy is in a closed segment, or the hash
/// only collided). Before the merge, Finish() walks the sorted id terms of
/// each such shard's segments together and deletes every copy but the one in
/// the latest segment, so the last article with an id wins, as in place.
/// The copy that stays takes the file terms (holders) of the copies it
/// replaces, so every file that holds the id is on it (file_manifest.h).
/// Kept for the whole run: the router (12.5-25 bytes per distinct id) and
/// the file records (one per file); the walk holds 1024 terms per segment.
class SegmentBuild : public WriteTarget {
 public:
  /// A build for the database at `target` (absolute, no trailing slash).
  SegmentBuild(std::string target, const SegmentBuildOptions& options);
  /// Stops the writers, which drop what is still queued, and removes the
  /// build folder (after a failed or cancelled run: all of it).
  ~SegmentBuild() override;

  /// The folder the segments are written in, beside `target`.
  static std::string BuildDir(const std::string& target);

  /// Creates the build folder and the first segment of every shard, and
  /// starts the writers; the folder must not exist (remove what a killed run
  /// left first).
  Status Start();

  /// None: a build starts from nothing.
  Status ReadRecords(std::map<std::string, FileRecord>* records) override;
  /// Queues the document for its shard; reports a writer's first error.
  Status Add(const std::string& id_term, Xapian::Document doc) override;
  /// Nothing to delete: a build has no old articles.
  Status StartFile(const std::string& file_term, bool known) override;
  /// Kept until Finish(), then written into one segment.
  Status RecordFile(const std::string& key, const std::string& value) override;
  /// Nothing to remove: a build has no earlier records.
  Status RemoveFile(const std::string& file_term, const std::string& key) override;
  /// Waits for the writers, removes older copies of repeated ids, merges the
  /// segments (giving the sources of the last merge their story keys,
  /// story.h) and swaps the result in; returns the number of articles, or
  /// kCancelled (nothing swapped in) if options.cancel was set before the swap.
  Result<std::uint64_t> Finish() override;

  unsigned Shards() const override { return static_cast<unsigned>(shards_.size()); }
  std::uint64_t Segments() const override;

 private:
  struct Item {
    std::string replace;  // the id term of an article that may be a copy, or empty
    Xapian::Document doc;
    std::string key, value;  // metadata, when key is set
  };
  struct Shard {
    std::size_t index = 0;
    std::vector<std::string> segments;  // paths; the last is being written
    Xapian::WritableDatabase db;
    bool repeats = false;  // an id was routed here twice (main thread)
    // Documents waiting for this writer: the queue bounds them.
    BoundedQueue<Item> queue{256};
    std::thread thread;
  };

  void OpenSegment(Shard* sh);
  void Write(Shard* sh);
  void Stop();
  Status Failed();
  void RemoveOlderCopies(const std::vector<std::string>& segments);
  bool Merge(std::vector<std::string> sources, const std::string& out);
  // Writes the story keys (story.h) into the sources of the last merge;
  // false if cancelled.
  bool AssignStories(const std::vector<std::string>& sources);
  bool Cancelled() const;

  std::string target_, dir_;
  std::uint64_t batch_, segment_size_;
  std::size_t fan_in_;
  std::uint64_t (*hash_)(std::string_view);
  const std::atomic<int>* cancel_;
  std::atomic<bool> abandon_{false};  // the writers drop what is queued
  std::vector<std::unique_ptr<Shard>> shards_;
  ShardRouter router_;
  std::size_t next_ = 0;  // the shard that gets the next new id
  std::map<std::string, std::string> metadata_;
  std::mutex mu_;
  Status failed_;
  story::PassStats story_stats_;
};

}  // namespace byline

#endif  // BYLINE_INDEX_SEGMENT_BUILD_H
