/** @file database_check.cc
 *  @brief What is at a database path, and whether this Byline may read it.
 */
#include "util/database_check.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

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

}  // namespace

Result<DatabasePlace> InspectDatabasePlace(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) return DatabasePlace::kMissing;
  if (ec) return Status::IOError(path + ": cannot read the database (" + ec.message() + ")");
  if (!fs::is_directory(st)) return DatabasePlace::kNotAFolder;
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
