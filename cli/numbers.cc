/** @file numbers.cc
 *  @brief Thousands, sizes and plurals for messages.
 */
#include "byline/cli/numbers.h"

#include <cstdio>

namespace byline {

std::string Thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) {
    s.insert(static_cast<std::size_t>(i), ",");
  }
  return s;
}

std::string FormatBytes(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f kB", bytes / 1e3);
  } else if (bytes < 1000ull * 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
  }
  return buf;
}

std::string Count(std::uint64_t n, const std::string& one, const std::string& many) {
  return Thousands(n) + " " + (n == 1 ? one : many);
}

}  // namespace byline
