/** @file shard_set.h
 *  @brief Internal: the databases `byline index --shards N` writes, and the
 *  stub that opens them as one.
 *
 *  `--db PATH` names the stub, a small text file that Xapian (and every
 *  Byline reader) opens as one database: a header comment, then one
 *  `auto NAME` line per shard, NAME relative to the stub's folder so that
 *  the set can be moved or copied whole. The shards are folders beside it,
 *  `PATH.gG.shardK`: shard K (0 to N-1) of generation G. An article goes
 *  to shard ShardOf(id term, N), the same on every run and machine, so
 *  re-indexing it replaces it where it is.
 *
 *  A build from nothing and a rebuild (also one into another number of
 *  shards) write generation G + 1 beside generation G, then replace the
 *  stub in one rename and remove generation G: readers and a killed run
 *  see the old set whole or the new one whole. An update writes the shards
 *  of the stub's generation in place.
 */
#ifndef BYLINE_INDEX_SHARD_SET_H
#define BYLINE_INDEX_SHARD_SET_H

#include <cstdint>
#include <string>
#include <vector>

#include "byline/status.h"

namespace byline {

/// The most shards a set may have: each is a database a search opens (a few
/// files each) and a writer holds open.
inline constexpr unsigned kMaxShards = 256;

/// A shard set as its stub describes it.
struct ShardSet {
  std::string stub;  ///< the stub's path, absolute and normalised
  unsigned count = 0;
  unsigned generation = 0;
  std::vector<std::string> folders;  ///< absolute; shard K at K
};

/// The shard among `n` that holds the article with `id_term`: a function of
/// the term alone (FNV-1a, then a Fibonacci multiply so that every bit of
/// the hash counts), so stable across runs, machines and builds. Changing
/// it changes where every article is: it is part of the stub's format
/// (kShardRoute).
unsigned ShardOf(const std::string& id_term, unsigned n);

/// The routing rule the stub's header names (ShardOf); a stub naming
/// another is refused rather than written with the wrong rule.
inline constexpr unsigned kShardRoute = 1;

/// `stub` made absolute and normalised, without a trailing slash.
Result<std::string> AbsoluteStubPath(const std::string& stub);

/// The set of `count` shards of `generation` for the stub at `stub`
/// (absolute): the folders it names.
ShardSet MakeShardSet(const std::string& stub, unsigned count, unsigned generation);

/// Reads the stub at `stub` (absolute): the set, or kInvalidArgument if it
/// is a stub `byline index --shards` did not write (it then says to index
/// each shard's folder), or kIOError if it cannot be read.
Result<ShardSet> ReadShardSet(const std::string& stub);

/// The text of the stub of `set`: the header and one `auto` line per shard.
std::string ShardStubText(const ShardSet& set);

/// Writes the stub of `set` in one step: a file beside it, synced, then
/// renamed over it, so a reader or a killed run sees the old stub or the
/// new one, never a part.
Status WriteShardStub(const ShardSet& set);

/// Removes what looks like a shard of the stub at `stub` (a folder named
/// NAME.gG.shardK that holds a glass database or nothing, or a build's
/// NAME.gG.shardK.building) and is not one of `keep`: older generations and
/// what killed runs left. Call it holding the locks of `keep`: every writer
/// of the set locks the shards its stub names first, so none is writing the
/// others. Failures are ignored: the next run tries again.
void RemoveStaleShards(const std::string& stub, const std::vector<std::string>& keep);

}  // namespace byline

#endif  // BYLINE_INDEX_SHARD_SET_H
