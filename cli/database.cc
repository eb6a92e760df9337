/** @file database.cc
 *  @brief The default database path.
 */
#include "cli/database.h"

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

}  // namespace byline
