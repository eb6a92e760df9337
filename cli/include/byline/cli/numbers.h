/** @file numbers.h
 *  @brief Numbers as messages show them: thousands separators, sizes, and
 *  the singular or the plural of what is counted ("1 file", "2 files").
 */
#ifndef BYLINE_CLI_NUMBERS_H
#define BYLINE_CLI_NUMBERS_H

#include <cstdint>
#include <string>

namespace byline {

/// `n` with commas between thousands: 1234567 -> "1,234,567".
std::string Thousands(std::uint64_t n);

/// A size in bytes: "812 B", "12.3 kB", "4.5 MB", "1.20 GB" (powers of 1000).
std::string FormatBytes(std::uint64_t bytes);

/// Thousands(n) and `one` if n is 1, else `many`: Count(1, "file", "files")
/// is "1 file", Count(2, ...) "2 files", Count(0, ...) "0 files".
std::string Count(std::uint64_t n, const std::string& one, const std::string& many);

}  // namespace byline

#endif  // BYLINE_CLI_NUMBERS_H
