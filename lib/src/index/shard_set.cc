/** @file shard_set.cc
 *  @brief Shard folders, the stub of a shard set, routing an id to a shard.
 */
#include "index/shard_set.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "byline/text.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

namespace fs = std::filesystem;

// The header's first words; the counts follow (ShardStubText).
constexpr char kHeader[] = "# byline shard set:";

std::string FolderName(const std::string& stub_name, unsigned generation, unsigned k) {
  return stub_name + ".g" + std::to_string(generation) + ".shard" + std::to_string(k);
}

Status NotOurs(const std::string& stub, const std::string& why) {
  return Status::InvalidArgument(stub +
                                 ": a stub of several databases: index each shard's folder "
                                 "(give --db the shard's folder, not the stub); " +
                                 why);
}

// Reads the number after `word` in `s` at *pos; false if there is none.
bool NumberAfter(const std::string& s, const std::string& word, unsigned* out) {
  std::size_t at = s.find(word);
  if (at == std::string::npos) return false;
  at += word.size();
  std::size_t end = at;
  while (end < s.size() && end - at < 9 && s[end] >= '0' && s[end] <= '9') ++end;
  if (end == at) return false;
  *out = static_cast<unsigned>(std::stoul(s.substr(at, end - at)));
  return true;
}

}  // namespace

unsigned ShardOf(const std::string& id_term, unsigned n) {
  if (n <= 1) return 0;
  const std::uint64_t mixed = Fnv1a64(id_term) * 0x9E3779B97F4A7C15ull;
  return static_cast<unsigned>((mixed >> 32) % n);
}

Result<std::string> AbsoluteStubPath(const std::string& stub) {
  std::error_code ec;
  std::string path = fs::absolute(stub, ec).lexically_normal().string();
  if (ec) return Status::IOError(stub + ": " + ec.message());
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

ShardSet MakeShardSet(const std::string& stub, unsigned count, unsigned generation) {
  ShardSet set;
  set.stub = stub;
  set.count = count;
  set.generation = generation;
  const fs::path p(stub);
  for (unsigned k = 0; k < count; ++k) {
    set.folders.push_back(
        (p.parent_path() / FolderName(p.filename().string(), generation, k)).string());
  }
  return set;
}

std::string ShardStubText(const ShardSet& set) {
  std::string text = std::string(kHeader) + " " + std::to_string(set.count) +
                     " shards, generation " + std::to_string(set.generation) + ", route " +
                     std::to_string(kShardRoute) +
                     "\n# written by byline index --shards: articles by a hash of their id; index "
                     "with --db pointing at this file\n";
  for (const std::string& f : set.folders) text += "auto " + fs::path(f).filename().string() + "\n";
  return text;
}

Result<ShardSet> ReadShardSet(const std::string& stub) {
  std::ifstream in(stub);
  if (!in) return Status::IOError(stub + ": cannot read the stub");
  std::string header;
  std::getline(in, header);
  unsigned count = 0, generation = 0, route = 0;
  if (header.compare(0, sizeof kHeader - 1, kHeader) != 0 || !NumberAfter(header, ": ", &count) ||
      !NumberAfter(header, "generation ", &generation) || !NumberAfter(header, "route ", &route)) {
    return NotOurs(stub, "byline index --shards did not write it");
  }
  if (route != kShardRoute) {
    return NotOurs(stub, "its articles are routed by a rule this Byline does not know (route " +
                             std::to_string(route) + ")");
  }
  if (count == 0 || count > kMaxShards) return NotOurs(stub, "its header names no shard count");
  ShardSet set = MakeShardSet(stub, count, generation);
  // The lines must be the ones this Byline would write: an edited stub is
  // searched as written, but writing to it would route articles wrongly.
  auto lines = ReadStub(stub);
  if (!lines.ok()) return lines.status();
  bool same = lines->size() == set.folders.size();
  for (std::size_t k = 0; same && k < lines->size(); ++k) {
    const StubShard& s = (*lines)[k];
    same = s.kind == StubShard::Kind::kLocal &&
           fs::path(s.path).lexically_normal() == fs::path(set.folders[k]).lexically_normal();
  }
  if (!same) return NotOurs(stub, "its lines are not the shards its header names");
  return set;
}

Status WriteShardStub(const ShardSet& set) {
  const std::string tmp = set.stub + ".new";
  const std::string text = ShardStubText(set);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return StatusFromErrno(errno, "writing the stub " + tmp);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return StatusFromErrno(err, "writing the stub " + tmp);
    }
    done += static_cast<std::size_t>(n);
  }
  // Synced before the rename: after a crash the stub names the new shards
  // only if its text is there.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return StatusFromErrno(err, "writing the stub " + tmp);
  }
  if (::rename(tmp.c_str(), set.stub.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return StatusFromErrno(err, "replacing the stub " + set.stub);
  }
  return Status::OK();
}

void RemoveStaleShards(const std::string& stub, const std::vector<std::string>& keep) {
  const fs::path p(stub);
  const std::string prefix = p.filename().string() + ".g";
  std::error_code ec;
  std::vector<fs::path> doomed;
  for (fs::directory_iterator it(p.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    // NAME.gG.shardK or NAME.gG.shardK.building, nothing else.
    std::size_t dot = name.find(".shard", prefix.size());
    if (dot == std::string::npos || dot == prefix.size()) continue;
    const std::string gen = name.substr(prefix.size(), dot - prefix.size());
    std::string rest = name.substr(dot + 6);
    const bool building = rest.size() > 9 && rest.compare(rest.size() - 9, 9, ".building") == 0;
    if (building) rest.resize(rest.size() - 9);
    auto digits = [](const std::string& s) {
      return !s.empty() && s.size() <= 9 &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(gen) || !digits(rest)) continue;
    if (!building && std::find(keep.begin(), keep.end(), it->path().string()) != keep.end()) {
      continue;
    }
    if (!building) {
      auto place = InspectDatabasePlace(it->path().string());
      if (!place.ok()) continue;
      if (*place != DatabasePlace::kGlass && *place != DatabasePlace::kEmptyFolder &&
          *place != DatabasePlace::kTablesOnly) {
        continue;  // not a shard: never ours to remove
      }
    }
    doomed.push_back(it->path());
  }
  for (const fs::path& d : doomed) fs::remove_all(d, ec);
}

}  // namespace byline
