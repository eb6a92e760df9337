/** @file database_check.cc
 *  @brief What is at a database path, and whether this Byline may read it.
 */
#include "util/database_check.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "byline/document.h"
#include "byline/schema.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

bool EndsWith(const std::string& s, const char* tail) {
  std::size_t n = std::strlen(tail);
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

// The text of the first of `errnos` that the error of `e` is ("" if none):
// Xapian puts the cause of a failed open at the end of a long sentence.
std::string SystemError(const Xapian::Error& e, std::initializer_list<int> errnos) {
  std::string detail = XapianDetail(e);
  for (int err : errnos) {
    if (detail.find(std::strerror(err)) != std::string::npos) return std::strerror(err);
  }
  return "";
}

Status Damaged(const std::string& path, const std::string& what) {
  return Status::Damaged(path + ": the database is damaged (" + what +
                         "); `byline index --rebuild` makes it anew");
}

// A stub is a few lines, one a shard; a bigger file is something else. The
// bound only keeps a large file given by mistake from being read whole.
constexpr std::uintmax_t kMaxStubBytes = 64 * 1024;

bool IsStubKeyword(const std::string& word) {
  return word == "auto" || word == "glass" || word == "chert" || word == "remote" ||
         word == "inmemory";
}

// The first word of each line that is neither blank nor a comment, as Xapian
// splits it: the type, then the rest after one space.
void SplitStubLine(const std::string& line, std::string* type, std::string* rest) {
  std::size_t space = line.find(' ');
  *type = line.substr(0, space);
  *rest = space == std::string::npos ? "" : line.substr(space + 1);
}

bool StubLineIgnored(const std::string& line) { return line.empty() || line[0] == '#'; }

// Whether the small file `path` reads as a stub: no NUL byte, and its first
// line that counts starts with a stub keyword. Later lines are checked by
// ReadStub, so that a mistake there is named rather than called "a file".
bool LooksLikeStub(const std::string& path) {
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size == 0 || size > kMaxStubBytes) return false;
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return false;
  if (content.find('\0') != std::string::npos) return false;
  std::istringstream lines(content);
  for (std::string line; std::getline(lines, line);) {
    if (StubLineIgnored(line)) continue;
    std::string type, rest;
    SplitStubLine(line, &type, &rest);
    return IsStubKeyword(type) && (type == "inmemory" || line.size() > type.size());
  }
  return false;
}

std::string ShardLabel(const std::string& stub, const StubShard& shard) {
  return stub + ":" + std::to_string(shard.line) + " (" + shard.text + ")";
}

// Opens one shard and checks it is Byline's; throws nothing.
Result<Xapian::Database> OpenShard(const std::string& stub, const StubShard& shard) {
  const std::string label = ShardLabel(stub, shard);
  try {
    Xapian::Database db;
    switch (shard.kind) {
      case StubShard::Kind::kInMemory:
        return Status::NotOurDatabase(label +
                                      ": an in-memory database holds no Byline articles (take the "
                                      "line out of the stub)");
      case StubShard::Kind::kLocal: {
        auto place = InspectDatabasePlace(shard.path);
        if (!place.ok()) return Status::IOError(label + ": " + place.status().message());
        if (*place == DatabasePlace::kMissing || *place == DatabasePlace::kEmptyFolder) {
          return Status::NotFound(label + ": no database at " + shard.path +
                                  " (index the shard there, or fix the line)");
        }
        if (*place == DatabasePlace::kStub) {
          return Status::InvalidArgument(label + ": " + shard.path +
                                         " is itself a stub (list its shards in this one)");
        }
        if (Status s = RefusePlace(*place, shard.path); !s.ok()) {
          return Status(s.code(), label + ": " + s.message());
        }
        db = Xapian::Database(shard.path);
        break;
      }
      case StubShard::Kind::kTcp:
        db = Xapian::Remote::open(shard.host, shard.port);
        break;
      case StubShard::Kind::kProg:
        db = Xapian::Remote::open(shard.path, shard.args);
        break;
    }
    if (Status s = CheckDatabaseFormat(db, label); !s.ok()) return s;
    return db;
  } catch (const Xapian::NetworkError& e) {
    std::string what = "cannot reach the shard (" + XapianDetail(e) + "); ";
    if (shard.kind == StubShard::Kind::kTcp) {
      what += "start `xapian-tcpsrv --port " + std::to_string(shard.port) + " SHARD_FOLDER` on " +
              (shard.host.empty() ? "this machine" : shard.host);
    } else {
      what += "check that the program runs";
    }
    return Status::IOError(label + ": " + what +
                           ", or take the line out of the stub to search without that shard");
  } catch (const Xapian::Error& e) {
    return StatusFromOpenError(e, label, false);
  }
}

}  // namespace

Result<std::vector<StubShard>> ReadStub(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot read the stub (" + std::strerror(errno) + ")");
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::vector<StubShard> shards;
  unsigned number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (StubLineIgnored(line)) continue;
    StubShard shard;
    shard.line = number;
    shard.text = line;
    std::string type, rest;
    SplitStubLine(line, &type, &rest);
    bool ok = !rest.empty();
    if (type == "auto" || type == "glass" || type == "chert") {
      shard.kind = StubShard::Kind::kLocal;
      shard.backend = type;
      std::filesystem::path p(rest);
      shard.path = p.is_relative() ? (folder / p).string() : rest;
    } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
      shard.kind = StubShard::Kind::kProg;
      std::size_t space = rest.find(' ');
      shard.path = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
      if (space != std::string::npos) shard.args = rest.substr(space + 1);
      ok = !shard.path.empty();
    } else if (type == "remote") {
      shard.kind = StubShard::Kind::kTcp;
      std::size_t colon = rest.rfind(':');
      std::string port = colon == std::string::npos ? "" : rest.substr(colon + 1);
      ok = !port.empty() && port.size() <= 5;
      for (char c : port) ok = ok && c >= '0' && c <= '9';
      if (ok) {
        shard.host = rest.substr(0, colon);
        shard.port = static_cast<unsigned>(std::stoul(port));
        ok = shard.port > 0 && shard.port < 65536;
      }
    } else if (type == "inmemory") {
      shard.kind = StubShard::Kind::kInMemory;
      ok = rest.empty();
    } else {
      ok = false;
    }
    if (!ok) {
      return Status::InvalidArgument(
          path + ":" + std::to_string(number) +
          ": not a stub line (auto PATH, glass PATH, remote HOST:PORT or remote :PROGRAM ARGS)");
    }
    shards.push_back(std::move(shard));
  }
  if (in.bad()) return Status::IOError(path + ": cannot read the stub");
  if (shards.empty()) return Status::InvalidArgument(path + ": the stub lists no database");
  return shards;
}

Result<Xapian::Database> OpenStub(const std::string& path) {
  auto shards = ReadStub(path);
  if (!shards.ok()) return shards.status();
  Xapian::Database all;
  for (const StubShard& shard : *shards) {
    auto db = OpenShard(path, shard);
    if (!db.ok()) return db.status();
    all.add_database(*db);
  }
  return all;
}

Status NameLostShard(const std::vector<std::string>& paths, const Status& fallback) {
  for (const std::string& path : paths) {
    auto place = InspectDatabasePlace(path);
    if (!place.ok() || *place != DatabasePlace::kStub) continue;
    auto shards = ReadStub(path);
    if (!shards.ok()) continue;
    for (const StubShard& shard : *shards) {
      if (shard.kind != StubShard::Kind::kTcp && shard.kind != StubShard::Kind::kProg) continue;
      auto db = OpenShard(path, shard);
      if (!db.ok()) return db.status();
    }
  }
  return fallback;
}

Result<DatabasePlace> InspectDatabasePlace(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) return DatabasePlace::kMissing;
  if (ec) return Status::IOError(path + ": cannot read the database (" + ec.message() + ")");
  if (!fs::is_directory(st)) {
    return fs::is_regular_file(st) && LooksLikeStub(path) ? DatabasePlace::kStub
                                                          : DatabasePlace::kNotAFolder;
  }
  bool glass_version = false, glass_tables = false, other_backend = false, other = false;
  fs::directory_iterator it(path, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name == "iamglass") {
      glass_version = true;
    } else if (EndsWith(name, ".glass")) {
      glass_tables = true;
    } else if (name == "iamchert" || name == "iamhoney" || name == "XAPIANDB") {
      other_backend = true;
    } else if (name != "flintlock") {  // a writer makes the lock file first
      other = true;
    }
  }
  if (ec) return Status::IOError(path + ": cannot read the database (" + ec.message() + ")");
  if (glass_version) return DatabasePlace::kGlass;
  if (other_backend) return DatabasePlace::kOtherDatabase;
  if (glass_tables) return DatabasePlace::kTablesOnly;
  return other ? DatabasePlace::kOtherFiles : DatabasePlace::kEmptyFolder;
}

Status RefusePlace(DatabasePlace place, const std::string& path) {
  switch (place) {
    case DatabasePlace::kNotAFolder:
      return Status::NotOurDatabase(path +
                                    ": not a Byline database: a file, not a folder (give --db "
                                    "a new or empty folder)");
    case DatabasePlace::kOtherFiles:
      return Status::NotOurDatabase(path +
                                    ": not a Byline database: a folder of other files; nothing "
                                    "was changed (give --db a new or empty folder)");
    case DatabasePlace::kOtherDatabase:
      return Status::NotOurDatabase(path +
                                    ": not a Byline database: another program's search "
                                    "database; nothing was changed (give --db another folder)");
    case DatabasePlace::kTablesOnly:
      return Damaged(path, "its version file iamglass is missing");
    case DatabasePlace::kStub:
      return Status::InvalidArgument(path +
                                     ": a stub of several databases: index each shard's folder "
                                     "(give --db the shard's folder, not the stub)");
    default:
      return Status::OK();
  }
}

Status CheckFormatVersion(const std::string& value, const std::string& path) {
  unsigned long version = 0;
  bool digits = !value.empty() && value.size() <= 9;
  for (char c : value) digits = digits && c >= '0' && c <= '9';
  if (digits) version = std::stoul(value);
  if (!digits || version == 0) {
    return Status::NotOurDatabase(path + ": not a database this Byline can read (format '" + value +
                                  "')");
  }
  if (version > schema::kFormatVersion) {
    return Status::NotOurDatabase(path + ": written by a newer Byline (format " + value +
                                  "; this one reads up to " +
                                  std::to_string(schema::kFormatVersion) + ")");
  }
  return Status::OK();
}

Status CheckDatabaseFormat(const Xapian::Database& db, const std::string& path) {
  std::string format = db.get_metadata(schema::kMetaFormat);
  if (!format.empty()) return CheckFormatVersion(format, path);
  // Written before the format key, by `byline index` (file records) or
  // through IndexWriter (stored articles only); or new and still empty.
  const std::string files = schema::kMetaFilePrefix;
  if (db.metadata_keys_begin(files) != db.metadata_keys_end(files)) return Status::OK();
  if (db.get_doccount() == 0) {
    if (db.metadata_keys_begin() == db.metadata_keys_end()) return Status::OK();
  } else {
    Article a;
    Xapian::docid first = *db.postlist_begin(std::string());
    if (DecodeStoredArticle(db.get_document(first).get_data(), &a)) return Status::OK();
  }
  return Status::NotOurDatabase(path +
                                ": not a Byline database: another program's search database; "
                                "nothing was changed (give --db another folder)");
}

Status StatusFromOpenError(const Xapian::Error& e, const std::string& path, bool writing) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError" && e.get_msg().find("already locked") != std::string::npos) {
    return Status::Locked(path + ": another `byline index` is writing to this database");
  }
  if (std::string denied = SystemError(e, {EACCES, EPERM, EROFS}); !denied.empty()) {
    return Status::IOError(path + ": cannot " + (writing ? "write" : "read") + " the database (" +
                           denied + ")");
  }
  if (type == "DatabaseLockError") {
    return Status::IOError(path + ": cannot lock the database for writing (" + XapianDetail(e) +
                           ")");
  }
  if (type == "DatabaseVersionError") {
    return Status::NotOurDatabase(path + ": not a database this Byline can read (" +
                                  XapianDetail(e) + ")");
  }
  // At open, a missing or short table, a bad version file or a bad block
  // are all damage; DatabaseError is what glass throws for a short read.
  if (type == "DatabaseCorruptError" || type == "DatabaseOpeningError" ||
      type == "DatabaseNotFoundError" || type == "DatabaseError") {
    return Damaged(path, XapianDetail(e));
  }
  return StatusFromXapian(e, "opening database " + path);
}

}  // namespace byline
