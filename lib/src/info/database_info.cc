/** @file database_info.cc
 *  @brief `byline info`: the counts through Searcher::CountCoverage (one
 *  pass over the value slots), the rest from each folder's metadata and
 *  files.
 */
#include "byline/database_info.h"

#include <sys/stat.h>
#include <xapian.h>

#include <filesystem>
#include <system_error>

#include "byline/schema.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

namespace fs = std::filesystem;

std::string IsoDay(const std::string& key) {
  return key.size() == 8 ? key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2) : key;
}

// Decimal digits as a number; 0 for anything else (the open has checked
// the format; a weight written by hand may be anything).
unsigned Number(const std::string& s) {
  unsigned n = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || n > 100000) return 0;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n;
}

// The size of the files under `folder` and their newest mtime.
void MeasureFolder(const std::string& folder, std::uint64_t* bytes, std::int64_t* newest) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    *bytes += static_cast<std::uint64_t>(st.st_size);
    if (st.st_mtime > *newest) *newest = st.st_mtime;
  }
}

// The metadata of one local folder: format, title weight, synonyms, files.
Status ReadFolderMetadata(const std::string& folder, DatabaseInfo* info) {
  try {
    Xapian::Database db(folder);
    const std::string format = db.get_metadata(schema::kMetaFormat);
    const unsigned f = format.empty() ? 1u : Number(format);
    if (f > info->format) info->format = f;
    const std::string weight = db.get_metadata(schema::kMetaTitleWeight);
    if (!weight.empty() && info->title_weight == 0) {
      info->title_weight = Number(weight);
    }
    const std::string synonyms = db.get_metadata(schema::kMetaSynonyms);
    if (!synonyms.empty() && info->synonym_groups == 0) {
      for (std::size_t start = 0; start < synonyms.size();) {
        std::size_t nl = synonyms.find('\n', start);
        if (nl == std::string::npos) nl = synonyms.size();
        std::string line = synonyms.substr(start, nl - start);
        std::size_t first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos && line[first] != '#') ++info->synonym_groups;
        start = nl + 1;
      }
    }
    const std::string files = schema::kMetaFilePrefix;
    for (auto k = db.metadata_keys_begin(files); k != db.metadata_keys_end(files); ++k) {
      ++info->files;
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading " + folder);
  }
  return Status::OK();
}

}  // namespace

Result<DatabaseInfo> ReadDatabaseInfo(const std::vector<std::string>& paths, bool count) {
  auto searcher = Searcher::Open(paths);
  if (!searcher.ok()) return searcher.status();
  DatabaseInfo info;
  info.paths = paths;
  info.articles = (*searcher)->ArticleCount();
  // Every article once, by day, language and source: collapsing would count
  // stories.
  SearchRequest all;
  all.query = "*";
  all.collapse = false;
  all.list_copies = false;
  all.snippets = false;
  Result<CoverageCounts> counts = Status::InvalidArgument("not counted");
  if (count) counts = (*searcher)->CountCoverage(all, {"lang", "source"});
  if (counts.ok()) {
    if (!counts->days.empty()) {
      info.first_date = IsoDay(counts->days.begin()->first);
      info.last_date = IsoDay(counts->days.rbegin()->first);
    }
    info.undated = counts->undated;
    info.languages = counts->facets[0].values;
    info.sources = counts->facets[1].values;
    info.without_source = counts->facets[1].missing;
    info.sources_available = counts->facets[1].available;
  } else if (counts.status().code() != StatusCode::kInvalidArgument) {
    return counts.status();  // remote shards cannot be counted here: the rest still can
  }
  for (const std::string& path : paths) {
    std::vector<std::string> folders;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      auto stub = ReadStub(path);
      if (!stub.ok()) return stub.status();
      for (const StubShard& shard : *stub) {
        if (shard.kind == StubShard::Kind::kLocal) {
          folders.push_back(shard.path);
        } else if (shard.kind != StubShard::Kind::kInMemory) {
          DatabasePart part;
          part.path = shard.kind == StubShard::Kind::kTcp
                          ? shard.host + ":" + std::to_string(shard.port)
                          : shard.path + " " + shard.args;
          part.remote = true;
          info.parts.push_back(part);
        }
      }
    } else {
      folders.push_back(path);
    }
    for (const std::string& folder : folders) {
      DatabasePart part;
      part.path = folder;
      MeasureFolder(folder, &part.bytes, &info.updated);
      info.bytes += part.bytes;
      info.parts.push_back(part);
      if (Status s = ReadFolderMetadata(folder, &info); !s.ok()) return s;
    }
  }
  if (info.format == 0) info.format = 1;
  return info;
}

}  // namespace byline
