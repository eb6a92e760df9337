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
  kNotAFolder,     ///< a plain file (or a device, a FIFO, ...)
};

/// Looks at `path` without opening a database: kIOError, naming the path, if
/// it or its folder cannot be read.
Result<DatabasePlace> InspectDatabasePlace(const std::string& path);

/// Why no database can be opened at a place: kNotOurDatabase for
/// kNotAFolder, kOtherFiles and kOtherDatabase, kDamaged for kTablesOnly; OK
/// for the other places.
Status RefusePlace(DatabasePlace place, const std::string& path);

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
