/** @file database.h
 *  @brief `--db`: the database option every command shares, and its default.
 */
#ifndef BYLINE_CLI_DATABASE_H
#define BYLINE_CLI_DATABASE_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace byline {

/// Where `byline` keeps its database unless told otherwise: $BYLINE_DB if
/// set, else $XDG_DATA_HOME/byline/index, else ~/.local/share/byline/index.
std::string DefaultDatabasePath();

/// Adds `--db DIR` to `cmd`, stored in `*db` ("" when not given), with the
/// help text every command shows.
CLI::Option* AddDatabaseOption(CLI::App& cmd, std::string* db);

/// The database a command uses: `db` as given, or DefaultDatabasePath()
/// when it is empty. Read when the command runs, not when it is set up.
std::string ResolveDatabasePath(const std::string& db);

/// Adds `--db DB` to a command that reads: given several times, the
/// databases (folders or stubs) are searched as one, as the shards of a
/// stub are. Stored in `*dbs` (empty when not given).
CLI::Option* AddDatabaseOption(CLI::App& cmd, std::vector<std::string>* dbs);

/// The databases a reading command opens: `dbs` as given, or
/// DefaultDatabasePath() alone when none was.
std::vector<std::string> ResolveDatabasePaths(const std::vector<std::string>& dbs);

/// The databases as messages and JSON name them: the paths joined by " + ".
std::string DatabaseLabel(const std::vector<std::string>& dbs);

}  // namespace byline

#endif  // BYLINE_CLI_DATABASE_H
