/** @file database.h
 *  @brief Where the commands find the database when --db is not given.
 */
#ifndef BYLINE_CLI_DATABASE_H
#define BYLINE_CLI_DATABASE_H

#include <string>

namespace byline {

/// Where `byline` keeps its database unless told otherwise: $BYLINE_DB if
/// set, else $XDG_DATA_HOME/byline/index, else ~/.local/share/byline/index.
std::string DefaultDatabasePath();

}  // namespace byline

#endif  // BYLINE_CLI_DATABASE_H
