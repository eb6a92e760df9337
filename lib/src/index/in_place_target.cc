/** @file in_place_target.cc
 *  @brief Updating a database in place: replace by id term, delete by file term.
 */
#include "index/in_place_target.h"

#include <filesystem>

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
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IOError(path + ": cannot create database folder: " + ec.message());
  Xapian::WritableDatabase db;
  try {
    db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error& e) {
    Status s = StatusFromXapian(e, "opening database " + path + " for writing");
    if (!rebuild || s.code() == StatusCode::kLocked) return s;
    try {  // unreadable, and about to be rebuilt anyway
      db =
          Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::Error& e2) {
      return StatusFromXapian(e2, "opening database " + path + " for writing");
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

Status InPlaceTarget::ReadRecords(std::map<std::string, FileRecord>* records) {
  return ReadFileRecords(db_, records);
}

Status InPlaceTarget::Add(const std::string& id_term, Xapian::Document doc) {
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
  try {
    db_.delete_document(term);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "deleting from " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::Commit() {
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
