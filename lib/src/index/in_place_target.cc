/** @file in_place_target.cc
 *  @brief Updating a database in place: merge copies by id term, release a
 *  file's holds by file term, find the files to read again.
 */
#include "index/in_place_target.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "byline/document.h"
#include "byline/schema.h"
#include "index/spelling.h"
#include "index/story.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

// The terms of `doc` that start with `prefix`, in order.
std::vector<std::string> TermsWithPrefix(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  Xapian::TermIterator it = doc.termlist_begin(), end = doc.termlist_end();
  for (it.skip_to(prefix); it != end && (*it).compare(0, prefix.size(), prefix) == 0; ++it) {
    out.push_back(*it);
  }
  return out;
}

// The path an article's stored record names: "file", "file:line" (JSON
// Lines) or "file#element" (JSON arrays).
std::string StoredPath(const Xapian::Document& doc) {
  Article a;
  return DecodeStoredArticle(doc.get_data(), &a) ? a.path : std::string();
}

// True if the stored path `stored` (StoredPath) came from `file`.
bool CameFrom(const std::string& stored, const std::string& file) {
  if (file.empty() || stored.compare(0, file.size(), file) != 0) return false;
  return stored.size() == file.size() || stored[file.size()] == ':' || stored[file.size()] == '#';
}

}  // namespace

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
  // Glass tables without their version file are what a first run killed
  // while Xapian created the database leaves: no revision was ever
  // committed, so nothing can be lost by creating it anew, as a rebuild would.
  const bool never_committed = *place == DatabasePlace::kTablesOnly;
  const bool replaceable = rebuild || never_committed;
  if (!refused.ok() && !(replaceable && refused.code() == StatusCode::kDamaged)) return refused;
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
    if (!replaceable || !(status.code() == StatusCode::kDamaged || (rebuild && newer))) {
      return status;
    }
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
    auto target = std::unique_ptr<InPlaceTarget>(new InPlaceTarget(std::move(db), "(in memory)"));
    target->in_memory_ = true;
    return target;
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

const std::string& InPlaceTarget::PathOf(const std::string& file_term) const {
  static const std::string kNone;
  auto it = paths_.find(file_term);
  return it == paths_.end() ? kNone : it->second;
}

std::string InPlaceTarget::ShownHolder(const Xapian::Document& doc,
                                       const std::vector<std::string>& holders) const {
  std::string stored = StoredPath(doc);
  for (const std::string& h : holders) {
    if (CameFrom(stored, PathOf(h))) return h;
  }
  return std::string();
}

Status InPlaceTarget::Add(const std::string& id_term, Xapian::Document doc) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    std::vector<std::string> mine = TermsWithPrefix(doc, schema::kPrefixFile);
    Xapian::PostingIterator pl = db_.postlist_begin(id_term);
    if (pl == db_.postlist_end(id_term)) {  // a new id
      if (!in_memory_) AddSpellings(db_, doc);
      Noted(story::MarkArticle(db_, db_.replace_document(id_term, doc)));
      return Status::OK();
    }
    Xapian::docid did = *pl;
    Xapian::Document old = db_.get_document(did);
    if (mine.empty()) {  // not from a file: this copy replaces whatever is there
      ReplaceCopy(did, old, std::move(doc));
      return Status::OK();
    }
    const std::string& file = mine.front();
    std::vector<std::string> holders = TermsWithPrefix(old, schema::kPrefixFile);
    std::string shown = ShownHolder(old, holders);
    // The copy of the holder whose path sorts last is shown, the last added
    // within a file; a copy whose file no longer holds the id gives way.
    if (shown.empty() || shown == file || PathOf(file) >= PathOf(shown)) {
      for (const std::string& h : holders) doc.add_boolean_term(h);
      ReplaceCopy(did, old, std::move(doc));
    } else if (!std::binary_search(holders.begin(), holders.end(), file)) {
      old.add_boolean_term(file);  // one more holder; the copy shown stays
      db_.replace_document(did, old);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing to " + name_);
  }
  return Status::OK();
}

// The same words and date give the same story: the key stays, and there is
// nothing to settle. Otherwise the article's story is found again, and the
// story it leaves (if any) is regrouped without it.
void InPlaceTarget::ReplaceCopy(Xapian::docid did, const Xapian::Document& old,
                                Xapian::Document doc) {
  if (!in_memory_) AddSpellings(db_, doc);
  const std::string key = story::KeyOf(old);
  const std::string sig = old.get_value(schema::kSlotStorySignature);
  if (!key.empty() && !sig.empty() && sig == doc.get_value(schema::kSlotStorySignature)) {
    doc.add_boolean_term(schema::kPrefixStory + key);
    doc.add_value(schema::kSlotStory, key);
    db_.replace_document(did, doc);
    return;
  }
  for (std::string& note : story::MarkUnsettledNeighbours(db_, did, old)) Noted(std::move(note));
  db_.replace_document(did, doc);
  Noted(story::MarkStory(db_, key));
  Noted(story::MarkArticle(db_, did));
}

Status InPlaceTarget::StartFile(const std::string& file_term, bool known) {
  try {
    if (!known) {
      // A record before the first article: a run killed in this file would
      // otherwise leave articles of a file with no record, which no later
      // run would release if the file changed or went (found by IdRuleModel).
      // Hash 0 and mtime -1 make the next run read it; RecordFile then
      // writes the real record.
      const std::string& path = PathOf(file_term);
      if (!path.empty()) db_.set_metadata(FileRecordKey(path), EncodeFileRecord({0, 0, -1, path}));
    }
    // The file's old holds (also those of a killed run that had no record);
    // its new articles follow.
    Release(file_term);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "deleting from " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::RecordFile(const std::string& key, const std::string& value) {
  return SetMetadata(key, value);
}

Status InPlaceTarget::SetMetadata(const std::string& key, const std::string& value) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    db_.set_metadata(key, value);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing to " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::RemoveFile(const std::string& file_term, const std::string& key) {
  try {
    Release(file_term);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "deleting from " + name_);
  }
  return RecordFile(key, "");  // an empty value deletes the key
}

// The documents are collected before any is changed: changing documents
// while a posting list of the term is open lets one of Xapian's automatic
// flushes (XAPIAN_FLUSH_THRESHOLD) land in the middle of it, which left
// copies behind or failed with "Unexpected end of posting list" (as
// delete_document by term did). One file's documents are held at a time.
void InPlaceTarget::Release(const std::string& file_term) {
  std::vector<Xapian::docid> docs;
  for (auto it = db_.postlist_begin(file_term); it != db_.postlist_end(file_term); ++it) {
    docs.push_back(*it);
  }
  for (Xapian::docid did : docs) {
    Xapian::Document doc = db_.get_document(did);
    std::vector<std::string> holders = TermsWithPrefix(doc, schema::kPrefixFile);
    if (holders.size() <= 1) {  // held by this file alone
      // Its copies are regrouped without it.
      Noted(story::MarkStory(db_, story::KeyOf(doc)));
      for (std::string& note : story::MarkUnsettledNeighbours(db_, did, doc)) {
        Noted(std::move(note));
      }
      db_.delete_document(did);
      continue;
    }
    std::string shown = ShownHolder(doc, holders);
    doc.remove_term(file_term);
    db_.replace_document(did, doc);
    if (shown.empty() || shown == file_term) {
      // Another holder's copy must be shown now: noted on disk, so that a
      // run killed before it reads that holder leaves the note to the next.
      std::vector<std::string> id = TermsWithPrefix(doc, schema::kPrefixId);
      if (!id.empty()) db_.set_metadata(kMetaOrphanPrefix + id.front(), "1");
    }
  }
}

Status InPlaceTarget::Rereads(std::vector<std::string>* paths) {
  paths->clear();
  const std::string prefix = kMetaOrphanPrefix;
  try {
    std::vector<std::string> keys;
    for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
      keys.push_back(*k);
    }
    for (const std::string& key : keys) {
      std::string id_term = key.substr(prefix.size());
      Xapian::PostingIterator pl = db_.postlist_begin(id_term);
      std::string want;  // the holder whose copy must be shown
      if (pl != db_.postlist_end(id_term)) {
        Xapian::Document doc = db_.get_document(*pl);
        std::vector<std::string> holders = TermsWithPrefix(doc, schema::kPrefixFile);
        for (const std::string& h : holders) {
          if (!PathOf(h).empty() && (want.empty() || PathOf(h) > PathOf(want))) want = h;
        }
        if (!want.empty() && ShownHolder(doc, holders) == want) want.clear();
      }
      if (want.empty()) {
        db_.set_metadata(key, "");  // settled (or the id is gone): the note goes
      } else {
        paths->push_back(PathOf(want));  // the note stays until that file is read
      }
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading " + name_);
  }
  std::sort(paths->begin(), paths->end());
  paths->erase(std::unique(paths->begin(), paths->end()), paths->end());
  return Status::OK();
}

Status InPlaceTarget::Remove(const std::string& term) {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    // By docid, collected first: see Release.
    std::vector<Xapian::docid> docs(db_.postlist_begin(term), db_.postlist_end(term));
    for (Xapian::docid d : docs) {
      Xapian::Document doc = db_.get_document(d);
      Noted(story::MarkStory(db_, story::KeyOf(doc)));
      for (std::string& note : story::MarkUnsettledNeighbours(db_, d, doc)) Noted(std::move(note));
      db_.delete_document(d);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "deleting from " + name_);
  }
  return Status::OK();
}

Status InPlaceTarget::Commit() {
  if (Status s = MarkFormat(); !s.ok()) return s;
  try {
    // The stories of what was written; stopped by a signal, the notes stay
    // for the next run (which settles them even if nothing else changed).
    story::PassStats stats;
    if (in_memory_) {
      if (story::SettleStories(db_, cancel_, &stats, &memory_notes_)) memory_notes_.clear();
    } else {
      story::SettleStories(db_, cancel_, &stats);
    }
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
