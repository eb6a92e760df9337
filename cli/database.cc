/** @file database.cc
 *  @brief The `--db` option and the default database path.
 */
#include "byline/cli/database.h"

#include <cstdlib>

namespace byline {

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("BYLINE_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/byline/index";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/byline/index";
  }
  return ".byline-index";
}

CLI::Option* AddDatabaseOption(CLI::App& cmd, std::string* db) {
  return cmd
      .add_option("--db", *db,
                  "Database folder (default: $BYLINE_DB or ~/.local/share/byline/index)")
      ->type_name("DIR");
}

std::string ResolveDatabasePath(const std::string& db) {
  return db.empty() ? DefaultDatabasePath() : db;
}

CLI::Option* AddDatabaseOption(CLI::App& cmd, std::vector<std::string>* dbs) {
  return cmd
      .add_option("--db", *dbs,
                  "Database folder or stub (default: $BYLINE_DB or ~/.local/share/byline/index); "
                  "several --db are searched as one")
      ->type_name("DB")
      ->expected(1)
      ->allow_extra_args(false)  // one path a --db: the query's words follow
      ->take_all();
}

std::vector<std::string> ResolveDatabasePaths(const std::vector<std::string>& dbs) {
  if (dbs.empty()) return {DefaultDatabasePath()};
  return dbs;
}

std::string DatabaseLabel(const std::vector<std::string>& dbs) {
  std::string label;
  for (const std::string& db : dbs) label += (label.empty() ? "" : " + ") + db;
  return label;
}

}  // namespace byline
