/** @file write_target.h
 *  @brief Internal: where an indexing run writes, one interface for both ways.
 *
 *  A run either updates a database in place (InPlaceTarget) or, into an
 *  empty database or on --rebuild, builds segments aside and swaps the merged
 *  result in (SegmentBuild). The pipeline and IndexPaths see only this.
 */
#ifndef BYLINE_INDEX_WRITE_TARGET_H
#define BYLINE_INDEX_WRITE_TARGET_H

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "byline/status.h"
#include "index/file_manifest.h"

namespace byline {

/// The receiving end of an indexing run. Called from one thread, in reading
/// order; the first non-OK status ends the run.
class WriteTarget {
 public:
  virtual ~WriteTarget() = default;

  /// The file records of earlier runs that this run may rely on (none when
  /// the content is being rebuilt from nothing).
  virtual Status ReadRecords(std::map<std::string, FileRecord>* records) = 0;

  /// Adds the document of one article (with the file term of its file, or
  /// none), merging it with any document with the same id term: the copy
  /// shown is the one from the holder whose path sorts last, the last added
  /// within one file.
  virtual Status Add(const std::string& id_term, Xapian::Document doc) = 0;

  /// A file's new articles follow: it first stops holding its old articles
  /// (those with `file_term`: an earlier run's if it is `known`, else a
  /// killed run's).
  virtual Status StartFile(const std::string& file_term, bool known) = 0;

  /// Records a file's record (FileRecordKey, EncodeFileRecord); the last
  /// value given for a key wins.
  virtual Status RecordFile(const std::string& key, const std::string& value) = 0;

  /// Removes a vanished file: it stops holding its articles (with
  /// `file_term`; those it alone held go) and its record goes.
  virtual Status RemoveFile(const std::string& file_term, const std::string& key) = 0;

  /// Makes everything durable and visible; returns the number of articles.
  virtual Result<std::uint64_t> Finish() = 0;

  /// Files to read again (as FileJob::reread) because an id they hold lost
  /// the file its shown copy came from (file_manifest.h); called after a
  /// pass, until it names none. A build from nothing has none.
  virtual Status Rereads(std::vector<std::string>* paths) {
    paths->clear();
    return Status::OK();
  }

  /// The paths of the files the run may meet, by file term (FileTerm): the
  /// recorded ones and the listed ones; an update in place orders holders
  /// by path. A build from nothing needs none.
  virtual void SetFilePaths(std::unordered_map<std::string, std::string> /*by_term*/) {}

  /// Shard writers running in parallel (0: written in place).
  virtual unsigned Shards() const { return 0; }
  /// Segments written and merged (after Finish).
  virtual std::uint64_t Segments() const { return 0; }
};

}  // namespace byline

#endif  // BYLINE_INDEX_WRITE_TARGET_H
