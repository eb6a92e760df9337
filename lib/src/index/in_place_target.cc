/** @file in_place_target.cc
 *  @brief Updating a database in place: replace by id term, delete by file term.
 */
#include "index/in_place_target.h"

#include <filesystem>
#include <vector>

#include "byline/schema.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {

InPlaceTarget::InPlaceTarget(Xapian::WritableDatabase db, std::string name)
    : db_(std::move(db)), name_(std::move(name)) {}

InPlaceTarget::~InPlaceTarget() {
  try {
    db_.close();  // Xapian 1.4 commits what is pending (outside a transaction)
  } catch (const Xapian::Error&) {
  }
}

Result<std::unique_ptr<InPlaceTarget>> InPlaceTarget::Open(const std::string& path, bool rebuild) {
  // Look before Xapian creates anything: a first build or a rebuild swaps
  // the folder at `path` away and deletes it, so it must be Byline's own.
  auto place = InspectDatabasePlace(path);
  if (!place.ok()) return place.status();
  Status refused = RefusePlace(*place, path);
  if (!refused.ok() && !(rebuild && refused.code() == StatusCode::kDamaged)) return refused;
  if (*place == DatabasePlace::kMissing) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Status::IOError(path + ": cannot create database folder: " + ec.message());
  }
  Xapian::WritableDatabase db;
  Status status;
  bool newer = false;  // a newer Byline's: may be overwritten on --rebuild
  try {
    db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    status = CheckDatabaseFormat(db, path);
    newer = !status.ok() && !db.get_metadata(schema::kMetaFormat).empty();
  } catch (const Xapian::Error& e) {
    status = StatusFromOpenError(e, path, true);
  }
  if (!status.ok()) {
    // Someone else's data is never overwritten, not even on --rebuild; a
    // damaged database or a newer Byline's is, when asked to rebuild (the
    // rebuild replaces the content whole anyway).
    if (!rebuild || !(status.code() == StatusCode::kDamaged || newer)) return status;
    try {
      db = Xapian::WritableDatabase();  // lets go of the lock first
      db =
          Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::Error& e2) {
      return StatusFromOpenError(e2, path, true);
    }
  }
  return std::unique_ptr<InPlaceTarget>(new InPlaceTarget(std::move(db), path));
}

Result<std::unique_ptr<InPlaceTarget>> InPlaceTarget::OpenInMemory() {
  try {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    return std::unique_ptr<InPlaceTarget>(new InPlaceTarget(std::move(db), "(in memory)"));
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "opening an in-memory database");
  }
}

// The format key goes with the first change, not at Open: on a first build
// or a rebuild this database is never written, and after the swap its path
// names the new database, into which closing it would commit anything
// pending (glass writes its version file by path).
Status InPlaceTarget::MarkFormat() {
  if (format_marked_) return Status::OK();
  try {
    const std::string format = std::to_string(schema::kFormatVersion);
    if (db_.get_metadata(schema::kMetaFormat) != format) {
      db_.set_metadata(schema::kMetaFormat, format);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing to " + name_);
  }
  format_marked_ = true;
  return Status::OK();
}

Status InPlaceTarget::ReadRecords(std::map<std::string, FileRecord>* records) {
  return ReadFileRecords(db_, records);
}

Status InPlaceTarget::Add(const std::string& id_term, Xapian::Document doc) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    db_.replace_document(id_term, doc);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing to " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::StartFile(const std::string& file_term, bool known) {
  return known ? Remove(file_term) : Status::OK();  // the old set of articles
}

Status InPlaceTarget::RecordFile(const std::string& key, const std::string& value) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    db_.set_metadata(key, value);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing to " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::RemoveFile(const std::string& file_term, const std::string& key) {
  if (Status s = Remove(file_term); !s.ok()) return s;
  return RecordFile(key, "");  // an empty value deletes the key
}

Status InPlaceTarget::Remove(const std::string& term) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    // The documents first, then the deletions: delete_document(term) walks
    // the term's posting list while it deletes, and once the deletions
    // reach the flush threshold Xapian 1.4 writes that list out under the
    // walk ("Unexpected end of posting list for 'XF...'"; a changed
    // 20-article file with XAPIAN_FLUSH_THRESHOLD=20 did it every time).
    std::vector<Xapian::docid> docs(db_.postlist_begin(term), db_.postlist_end(term));
    for (Xapian::docid d : docs) db_.delete_document(d);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "deleting from " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::Commit() {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    db_.commit();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "committing to " + name_);
  }
  return Status::OK();
}

Result<std::uint64_t> InPlaceTarget::ArticleCount() const {
  try {
    return static_cast<std::uint64_t>(db_.get_doccount());
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading " + name_);
  }
}

Result<std::uint64_t> InPlaceTarget::Finish() {
  if (Status s = Commit(); !s.ok()) return s;
  return ArticleCount();
}

}  // namespace byline
