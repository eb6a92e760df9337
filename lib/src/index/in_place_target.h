/** @file in_place_target.h
 *  @brief Internal: a WriteTarget that updates an open database directly.
 */
#ifndef BYLINE_INDEX_IN_PLACE_TARGET_H
#define BYLINE_INDEX_IN_PLACE_TARGET_H

#include <xapian.h>

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/write_target.h"

namespace byline {

/// Writes into one Xapian::WritableDatabase, which it holds open (and so
/// holds its lock) until destroyed; closing it then commits what is pending.
///
/// Keeps the rule for ids held by several files (file_manifest.h): an article
/// document carries the file term of every file holding its id, and shows the
/// copy of the holder whose path sorts last. Add merges a new copy into the
/// document already there; StartFile and RemoveFile take a file's term off
/// its documents (a document with no holder left goes) and note, under
/// kMetaOrphanPrefix, each id whose shown copy came from that file; Rereads
/// names the files to read again so that the right copy is shown.
class InPlaceTarget : public WriteTarget {
 public:
  /// Opens (creating if needed) the glass database at `path`; kLocked if
  /// another writer holds it. Refuses (kNotOurDatabase) a file, a folder of
  /// other files, another program's database and a newer Byline's, and
  /// (kDamaged) a damaged one; with `rebuild`, a damaged or newer Byline
  /// database is overwritten. The first change (or commit) sets the format
  /// key, schema::kMetaFormat.
  static Result<std::unique_ptr<InPlaceTarget>> Open(const std::string& path, bool rebuild);
  /// An empty database in memory (Xapian's in-memory backend), for tests.
  static Result<std::unique_ptr<InPlaceTarget>> OpenInMemory();
  ~InPlaceTarget() override;

  Status ReadRecords(std::map<std::string, FileRecord>* records) override;
  Status Add(const std::string& id_term, Xapian::Document doc) override;
  Status StartFile(const std::string& file_term, bool known) override;
  Status RecordFile(const std::string& key, const std::string& value) override;
  Status RemoveFile(const std::string& file_term, const std::string& key) override;
  /// Commits; returns the number of articles.
  Result<std::uint64_t> Finish() override;
  Status Rereads(std::vector<std::string>* paths) override;

  /// Needed to order holders by path.
  void SetFilePaths(std::unordered_map<std::string, std::string> by_term) override {
    paths_ = std::move(by_term);
  }

  /// Stops the story pass of Commit when `cancel` becomes non-zero
  /// (IndexOptions::cancel); its notes then wait for the next run.
  void SetCancel(const std::atomic<int>* cancel) { cancel_ = cancel; }

  /// Sets the metadata `key` to `value` ("" removes it), with the documents'
  /// next commit.
  Status SetMetadata(const std::string& key, const std::string& value);
  /// Deletes every document with `term` (an id or file term).
  Status Remove(const std::string& term);
  /// Settles the stories of the articles written and removed so far
  /// (index/story.h), then commits everything.
  Status Commit();
  /// Articles in the database, committed or not.
  Result<std::uint64_t> ArticleCount() const;

 private:
  InPlaceTarget(Xapian::WritableDatabase db, std::string name);
  /// Sets schema::kMetaFormat, once, before the first change.
  Status MarkFormat();
  // Takes `file_term` off the documents that hold it (throws Xapian::Error).
  void Release(const std::string& file_term);
  // Writes `doc` over the article `did` (whose document was `old`), keeping
  // its story key or noting what the story pass must settle.
  void ReplaceCopy(Xapian::docid did, const Xapian::Document& old, Xapian::Document doc);
  // The path of a file term ("" if unknown).
  const std::string& PathOf(const std::string& file_term) const;
  // The file term among `holders` that gave the copy `doc` shows ("" if none).
  std::string ShownHolder(const Xapian::Document& doc,
                          const std::vector<std::string>& holders) const;

  Xapian::WritableDatabase db_;
  std::string name_;  // the path, for messages
  bool format_marked_ = false;
  std::unordered_map<std::string, std::string> paths_;
  const std::atomic<int>* cancel_ = nullptr;
  // Xapian's in-memory backend cannot list metadata keys: its story notes
  // are kept here too (tests only: a database on disk keeps nothing per
  // article in memory).
  bool in_memory_ = false;
  std::vector<std::string> memory_notes_;
  void Noted(std::string note) {
    if (in_memory_ && !note.empty()) memory_notes_.push_back(std::move(note));
  }
};

}  // namespace byline

#endif  // BYLINE_INDEX_IN_PLACE_TARGET_H
