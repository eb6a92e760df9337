/** @file shard_router.cc
 *  @brief The id-hash -> shard table of a segment build.
 */
#include "index/shard_router.h"

namespace byline {
namespace {

// The first slot to probe. The low bits of FNV-1a are well mixed; multiply
// anyway (Fibonacci hashing) so that a poor hash given by a test still spreads.
std::size_t Home(std::uint64_t hash, std::size_t mask) {
  return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

}  // namespace

std::uint16_t ShardRouter::Route(std::uint64_t hash, std::uint16_t shard, bool* seen) {
  if (hash == 0) hash = 1;  // 0 marks an empty slot
  if ((size_ + 1) * 5 > keys_.size() * 4) Grow();
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = Home(hash, mask);; i = (i + 1) & mask) {
    if (keys_[i] == hash) {
      *seen = true;
      return shards_[i];
    }
    if (keys_[i] == 0) {
      keys_[i] = hash;
      shards_[i] = shard;
      ++size_;
      *seen = false;
      return shard;
    }
  }
}

void ShardRouter::Grow() {
  std::vector<std::uint64_t> old_keys(keys_.empty() ? 1024 : keys_.size() * 2, 0);
  std::vector<std::uint16_t> old_shards(old_keys.size(), 0);
  old_keys.swap(keys_);  // keys_ is now the bigger, empty table
  old_shards.swap(shards_);
  std::size_t mask = keys_.size() - 1;
  for (std::size_t j = 0; j < old_keys.size(); ++j) {
    if (old_keys[j] == 0) continue;
    std::size_t i = Home(old_keys[j], mask);
    while (keys_[i] != 0) i = (i + 1) & mask;
    keys_[i] = old_keys[j];
    shards_[i] = old_shards[j];
  }
}

}  // namespace byline
