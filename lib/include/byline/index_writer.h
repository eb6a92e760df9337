/** @file index_writer.h
 *  @brief Writing articles into a Byline (Xapian) database.
 */
#ifndef BYLINE_INDEX_WRITER_H
#define BYLINE_INDEX_WRITER_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "byline/corpus_reader.h"
#include "byline/document.h"
#include "byline/schema.h"
#include "byline/status.h"
#include "byline/synonyms.h"

namespace byline {

/// The unique id term of an article id (long ids are shortened with a hash
/// so the term stays within Xapian's term length limit).
std::string IdTerm(const std::string& article_id);

/// A database opened for writing, one article at a time. (IndexPaths is the
/// whole run over files: it also keeps the per-file records that make runs
/// incremental.)
class IndexWriter {
 public:
  /// Opens (creating if needed) the database at `path` for writing. Fails
  /// with kLocked if another writer holds it, kNotOurDatabase if `path` is a
  /// file, a folder of other files, another program's database or a newer
  /// Byline's, kDamaged if it is damaged. `rebuild` does not empty it
  /// (IndexPaths builds the new content aside and swaps it in whole); it
  /// only lets a damaged or newer Byline database be overwritten.
  /// `title_wdf`: how many times a title word counts in the body field
  /// (schema::kTitleWdf unless measuring another value).
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path, bool rebuild,
                                                   unsigned title_wdf = schema::kTitleWdf);
  /// Opens an empty database that lives in memory only (for tests).
  static Result<std::unique_ptr<IndexWriter>> OpenInMemory(unsigned title_wdf = schema::kTitleWdf);
  /// Closes the database, which commits what was added since the last Commit().
  ~IndexWriter();

  /// Adds `article`, replacing any article with the same id.
  Status Add(const Article& article);
  /// Removes the article with `article_id`, if there is one.
  Status Remove(const std::string& article_id);
  /// Stores `table` (its text) in the database, replacing the synonyms
  /// stored before; every later search applies it (Searcher). nullptr or an
  /// empty table clears them. Durable with the next Commit().
  Status SetSynonyms(const SynonymTable* table);
  /// Makes everything added so far durable and visible to readers.
  Status Commit();
  /// Articles in the database (as of the last commit plus pending ones).
  std::uint64_t ArticleCount() const;

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Progress of an IndexPaths run, reported a few times a second.
struct IndexProgress {
  std::uint64_t articles = 0;  ///< articles indexed so far
  /// bytes of files finished, plus how far the file being indexed was read
  /// (its raw bytes, as on disk: compressed for a .gz)
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;  ///< bytes of all files to read
  std::uint64_t files_done = 0, files_total = 0;
  double seconds = 0;
};

/// What an IndexPaths run did.
struct IndexStats {
  std::uint64_t files = 0;            ///< files of a supported type found
  std::uint64_t files_added = 0;      ///< files indexed for the first time
  std::uint64_t files_updated = 0;    ///< changed files whose articles were replaced
  std::uint64_t files_unchanged = 0;  ///< files skipped: same size, mtime or content
  std::uint64_t files_removed = 0;    ///< files gone from the folders: articles removed
  /// unchanged files read again because they hold an id whose shown copy
  /// came from a file that was removed or changed (README, indexing)
  std::uint64_t files_reread = 0;
  std::uint64_t articles = 0;         ///< articles indexed
  std::uint64_t skipped_unknown = 0;  ///< files skipped for their type
  /// files or lines that could not be read, with those recorded of the
  /// unchanged files not read again (FileRecord::problems)
  std::uint64_t problems = 0;
  std::uint64_t bytes = 0;           ///< bytes of files read
  std::uint64_t total_articles = 0;  ///< articles in the database afterwards
  /// Shards written in parallel and merged (0: the database was updated in place).
  unsigned shards = 0;
  std::uint64_t segments = 0;  ///< databases the shards wrote, merged at the end
  /// Databases of the shard set written (IndexOptions::shards; 0: one database).
  unsigned databases = 0;
  double merge_seconds = 0;  ///< time spent merging the shards
  double seconds = 0;
};

/// Options of IndexPaths.
struct IndexOptions {
  std::string db_path;  ///< the database to write
  /// Write a shard set of this many databases (README, "Shards"): db_path
  /// is then the stub that opens them as one, and the shards are folders
  /// beside it. 0: one database, or the shard set db_path's stub names, with
  /// its number of shards. A set of another number is refused unless
  /// `rebuild`, which builds it anew in this many.
  unsigned shards = 0;
  bool rebuild = false;                    ///< start from an empty database
  unsigned title_wdf = schema::kTitleWdf;  ///< title words count this many times
  /// Text-analysis threads (0: one per core); a build into an empty
  /// database (or a rebuild) also writes this many shards in parallel.
  /// Reading has a thread of its own besides.
  unsigned threads = 0;
  /// Updating a database in place: documents Xapian keeps in memory before
  /// writing them out. Fewer, larger flushes leave a smaller database.
  unsigned flush_every = 50000;
  /// Building into an empty database: each shard commits every
  /// `shard_batch` documents and starts a fresh database (a segment) every
  /// `segment_size` documents; the segments are merged at the end. Xapian
  /// 1.4's cost per posting grows with the batch, and a commit into a small
  /// database merges less; the final merge (compact) leaves the database
  /// about as small as one big batch would (benchmarks/README.md).
  unsigned shard_batch = 250;
  unsigned segment_size = 10000;
  /// Segments merged at a time: more are merged in groups first (Xapian
  /// keeps a few files open per source being merged).
  unsigned merge_fan_in = 32;
  /// Articles and events (problems, file starts and ends) at most between
  /// reading and writing; the reader waits beyond that. An analysed article
  /// takes about 42 KB (measured on a 1,000,000-article build, where without
  /// a cap 11.3 GB waited for the writers), so 1024 hold about 43 MB, and
  /// that is enough to keep the analysis threads busy: indexing reuters21578
  /// took as long as with no cap and peaked at 108 MB instead of 413 MB.
  unsigned max_in_flight = 1024;
  ReadLimits limits;
  /// Called for every file or line that could not be read (never fatal).
  std::function<void(const Status&)> on_problem;
  /// Called for every file in the folders that is skipped for its type
  /// (kUnknownTypeReason), with its path: `byline index -v` names them.
  std::function<void(const std::string& path)> on_unknown_type;
  /// Called a few times a second while indexing, and once at the end.
  std::function<void(const IndexProgress&)> on_progress;
  /// on_progress comes at most this often (0: after every article or event).
  unsigned progress_ms = 200;
  /// When this points at a non-zero value (a signal handler of the front end
  /// sets it), the run stops: reading stops, what is in flight is applied,
  /// an update in place commits it, and a bulk build (or rebuild) is
  /// discarded, leaving the database as it was. IndexPaths then fails with
  /// kCancelled and a message that says which. Read only, from any thread.
  const std::atomic<int>* cancel = nullptr;
};

/// Indexes every article under `roots` into options.db_path and commits.
/// Into an empty database, or with options.rebuild, the articles are written
/// to shards in parallel next to it (DB.building/), merged with Xapian's
/// compact, and the result swapped in place of the database in one atomic
/// rename: readers see the old content until then, and a run that is killed
/// leaves the database as it was.
/// Incremental: a file with the size and mtime recorded by the last run is
/// not read; a changed file (by content hash) has its articles replaced as a
/// set; a file that is gone from under a root has its articles removed. A file
/// that cannot be read keeps what was indexed from it before.
/// Bad files are reported through on_problem and skipped. A file read with
/// problems (bad lines, corrupt gzip, binary data, over a cap) is recorded
/// with them and, while unchanged, not read again, but reported again by
/// every run (RecordedProblems), with its count in IndexStats::problems; one
/// that could not be opened is tried again by every run. A non-OK result
/// means the database itself could not be written (the message then ends
/// "the database is as of its last commit"; a full disk says "disk full" and
/// what was being written), or kCancelled: the run was stopped through
/// options.cancel.
Result<IndexStats> IndexPaths(const std::vector<std::string>& roots, const IndexOptions& options);

}  // namespace byline

#endif  // BYLINE_INDEX_WRITER_H
