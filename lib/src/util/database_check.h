/** @file database_check.h
 *  @brief Internal: is what sits at a database path a Byline database that
 *  this version can read?
 *
 *  Every open, for searching and for writing, asks first, so that each wrong
 *  case (a file, a folder of other files, another program's database, a
 *  damaged one, a newer Byline's) gets one line that names the path and says
 *  what is wrong, and so that `byline index` never writes into a folder that
 *  is not its own: a first build or a --rebuild swaps the folder at the path
 *  away whole and deletes it, which would take a user's files with it.
 */
#ifndef BYLINE_UTIL_DATABASE_CHECK_H
#define BYLINE_UTIL_DATABASE_CHECK_H

#include <xapian.h>

#include <string>
#include <vector>

#include "byline/status.h"

namespace byline {

/// What is at a database path, seen from the file system alone.
enum class DatabasePlace {
  kMissing,        ///< nothing: a writer creates the database, a reader has none
  kEmptyFolder,    ///< an empty folder (or one with only a lock file): likewise
  kGlass,          ///< a folder with a glass database's version file, `iamglass`
  kTablesOnly,     ///< glass table files without the version file: damaged
  kOtherDatabase,  ///< a database of another backend (chert, honey): never Byline's
  kOtherFiles,     ///< a folder of files that are no database
  kNotAFolder,     ///< a plain file (or a device, a FIFO, ...) that is no stub
  kStub,           ///< a Xapian stub file listing shards: read with OpenStub, never written
};

/// Looks at `path` without opening a database (a plain file is read: a
/// small text file whose first line that is not blank or a `#` comment
/// starts with a stub keyword, `auto `, `glass `, `chert `, `remote ` or
/// `inmemory`, is kStub): kIOError, naming the path, if
/// it or its folder cannot be read.
Result<DatabasePlace> InspectDatabasePlace(const std::string& path);

/// Why no database can be opened at a place: kNotOurDatabase for
/// kNotAFolder, kOtherFiles and kOtherDatabase, kDamaged for kTablesOnly;
/// kInvalidArgument for kStub, which only readers open (through OpenStub),
/// so a writer is told to index each shard's folder; OK for the other places.
Status RefusePlace(DatabasePlace place, const std::string& path);

/// One database listed in a Xapian 1.4 stub file (Xapian's dbfactory.cc,
/// open_stub): `auto PATH`, `glass PATH`, `chert PATH` (a relative PATH is
/// relative to the stub's folder), `remote HOST:PORT` (xapian-tcpsrv),
/// `remote :PROG ARGS` (a program speaking the protocol on its stdin and
/// stdout, e.g. `ssh host xapian-progsrv DB`), `inmemory`.
struct StubShard {
  enum class Kind { kLocal, kTcp, kProg, kInMemory };
  Kind kind = Kind::kLocal;
  unsigned line = 0;    ///< its line in the stub, from 1
  std::string text;     ///< the line as written, for messages
  std::string backend;  ///< kLocal: auto, glass or chert
  std::string path;     ///< kLocal: the folder, resolved; kProg: the program
  std::string host;     ///< kTcp
  unsigned port = 0;    ///< kTcp
  std::string args;     ///< kProg
};

/// Reads the stub file at `path`: its shards in order, or kInvalidArgument
/// naming the first line that is no stub line (Xapian itself would skip a
/// `remote` line without a colon: here it is an error) or a stub that lists
/// none; kIOError if it cannot be read.
Result<std::vector<StubShard>> ReadStub(const std::string& path);

/// Opens every shard of the stub at `path` and checks it is a Byline
/// database this version reads, then returns them searched as one. The
/// first shard that cannot be opened, reached or read fails the whole open
/// with an error naming its line (`STUB:2 (remote 10.0.0.2:7001): ...`) and
/// what to do: Xapian 1.4 has no partial results, and an answer silently
/// missing a part of the archive would look complete.
Result<Xapian::Database> OpenStub(const std::string& path);

/// After a remote shard failed while a search ran (a Xapian::NetworkError:
/// its server stopped, its machine went, it timed out): the error of the
/// first remote shard of the stubs among `paths` that cannot be reached now,
/// named as OpenStub names it, or `fallback` if every one answers again.
Status NameLostShard(const std::vector<std::string>& paths, const Status& fallback);

/// Checks the value of schema::kMetaFormat: OK for a format this Byline
/// reads (1 to schema::kFormatVersion); kNotOurDatabase for a greater one
/// ("written by a newer Byline (format 2; this one reads up to 1)") or one
/// that is not a number.
Status CheckFormatVersion(const std::string& value, const std::string& path);

/// Checks that the open database at `path` is Byline's, in a format this
/// version reads: its format key, or, without one (it was written before the
/// key existed), that it is empty or holds Byline's file records or stored
/// articles. Reads a little of the database; may throw Xapian::Error.
Status CheckDatabaseFormat(const Xapian::Database& db, const std::string& path);

/// The Status for a Xapian error thrown while opening the database at
/// `path` (or first reading it): the lock held by another writer, no
/// permission, a damaged or unreadable database. Call only from a catch block.
Status StatusFromOpenError(const Xapian::Error& e, const std::string& path, bool writing);

}  // namespace byline

#endif  // BYLINE_UTIL_DATABASE_CHECK_H
