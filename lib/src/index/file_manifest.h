/** @file file_manifest.h
 *  @brief Internal: what a run records about each file, and the plan of a run.
 *
 *  Every file indexed is recorded as Xapian metadata under
 *  schema::kMetaFilePrefix: its size, mtime, content hash and path. The next
 *  run compares the files it lists with these records to decide what to read.
 *
 *  An article id may be held by several files (copies, a folder indexed under
 *  two names, a JSON id repeated). Its document carries the file term (XF) of
 *  every file that holds it (its holders) and shows the copy of the holder
 *  whose path sorts last (the last copy within that file): a clean build reads
 *  files in path order and keeps the last copy, so an update must agree. When
 *  a file stops holding an id whose shown copy it gave, and other holders
 *  remain, the id is noted under kMetaOrphanPrefix (on disk, so a killed run
 *  leaves the note) and the holder that must now be shown is read again.
 */
#ifndef BYLINE_INDEX_FILE_MANIFEST_H
#define BYLINE_INDEX_FILE_MANIFEST_H

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "byline/corpus_reader.h"
#include "byline/status.h"

namespace byline {

/// What a run recorded about one file.
struct FileRecord {
  std::uint64_t size = 0, hash = 0;  ///< bytes, and Fnv1a64 of them
  std::int64_t mtime_ns = 0;
  std::string path;
  /// Problems met when the file was read (bad lines, a corrupt .gz...), and
  /// the first one's message: while the file is unchanged it is not read
  /// again, and every run reports these again from the record (RecordedProblems).
  std::uint64_t problems = 0;
  std::string first_problem{};  // "{}": {size, hash, mtime, path} may leave both out
};

/// The metadata value of `r`: "size mtime hash path", then, if it had
/// problems, "\0count first-message" (a path has no NUL; records written
/// before problems were recorded decode with none).
std::string EncodeFileRecord(const FileRecord& r);

/// Parses a value made by EncodeFileRecord into *r; false if malformed.
bool DecodeFileRecord(const std::string& value, FileRecord* r);

/// What a run says of a file it does not read because it is unchanged, when
/// reading it last met r.problems problems: how many, and the first. Every
/// run names every file whose content is not wholly in the database, read
/// or not, so that a re-run's report agrees with the first run's.
Status RecordedProblems(const FileRecord& r);

/// The first problem's message is kept up to this many bytes.
inline constexpr std::size_t kMaxRecordedProblemBytes = 400;

/// The metadata key of the record of the file at `path`.
std::string FileRecordKey(const std::string& path);

/// Reads every file record in `db` into *records, by path; malformed ones
/// are skipped (the file is then read again as if new).
Status ReadFileRecords(const Xapian::Database& db, std::map<std::string, FileRecord>* records);

/// A file to read, with what the last run recorded about it (if anything).
struct FileJob {
  CorpusFile file;
  bool known = false;   ///< an earlier run indexed it
  FileRecord previous;  ///< its record then, when known
  /// Read (and its articles replaced) even if its content hash is the
  /// recorded one: it holds ids whose shown copy must come from it again.
  bool reread = false;
};

/// What a run does with the files it listed.
struct RunPlan {
  std::vector<FileJob> read;    ///< new or possibly changed files, in listing order
  std::uint64_t unchanged = 0;  ///< same size and mtime as recorded: not even read
  /// The records of the unchanged files that had problems when read, in
  /// listing order: reported again (RecordedProblems).
  std::vector<FileRecord> unchanged_with_problems;
  std::vector<FileRecord> vanished;  ///< recorded under a root, no longer there: removed
};

/// Metadata key prefix of an id whose shown copy lost its file while other
/// holders remain (key: prefix + id term, value empty-but-present "1"): the
/// next pass or run reads the holder whose path sorts last again.
inline constexpr char kMetaOrphanPrefix[] = "orphan:";

/// Jobs that read the files at `paths` again (as known files, whatever their
/// hash), with their `known` records; paths that are gone or no longer
/// regular files are left out. Sorted by path, like a listing.
std::vector<FileJob> PlanRereads(const std::vector<std::string>& paths,
                                 const std::map<std::string, FileRecord>& known);

/// The absolute, normalised paths of the `roots` that exist (a root that is
/// missing, e.g. an unmounted disk, must not make its files count as gone).
std::vector<std::string> ExistingRoots(const std::vector<std::string>& roots);

/// Plans a run over `listed` (in order) given the `known` records and the
/// existing `roots` (as ExistingRoots returns them); does no I/O.
RunPlan PlanRun(const std::vector<CorpusFile>& listed,
                const std::map<std::string, FileRecord>& known,
                const std::vector<std::string>& roots);

}  // namespace byline

#endif  // BYLINE_INDEX_FILE_MANIFEST_H
