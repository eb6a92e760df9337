/** @file database.h
 *  @brief `--db`: the database option every command shares, and its default.
 */
#ifndef BYLINE_CLI_DATABASE_H
#define BYLINE_CLI_DATABASE_H

#include <CLI/CLI.hpp>

#include <string>

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

}  // namespace byline

#endif  // BYLINE_CLI_DATABASE_H
