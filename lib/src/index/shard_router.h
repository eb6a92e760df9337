/** @file shard_router.h
 *  @brief Internal: which shard got an article id first, in 10 bytes a slot.
 */
#ifndef BYLINE_INDEX_SHARD_ROUTER_H
#define BYLINE_INDEX_SHARD_ROUTER_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace byline {

/// An open-addressing hash table (linear probing) from the 64-bit hash of an
/// id term to the shard that got it first. It keeps no id: a slot is the
/// 8-byte hash plus a 2-byte shard, and the table doubles when 80% full, so
/// it costs 12.5 to 25 bytes per distinct id (16.8 million slots, 168 MB, at
/// 10 million ids), against about 100 for a map of id strings. Two ids with
/// the same hash share one entry and so one shard, which keeps every copy of
/// an id in one shard; SegmentBuild relies on that to stay exact.
class ShardRouter {
 public:
  /// The shard recorded for `hash`, or records `shard` for it and returns
  /// it; *seen tells which.
  std::uint16_t Route(std::uint64_t hash, std::uint16_t shard, bool* seen);
  /// Distinct hashes recorded.
  std::size_t size() const { return size_; }
  /// Bytes held by the table.
  std::size_t bytes() const { return keys_.capacity() * 8 + shards_.capacity() * 2; }

 private:
  void Grow();
  std::vector<std::uint64_t> keys_;  // 0: empty (a hash of 0 is stored as 1)
  std::vector<std::uint16_t> shards_;
  std::size_t size_ = 0;
};

}  // namespace byline

#endif  // BYLINE_INDEX_SHARD_ROUTER_H
