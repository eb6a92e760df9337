/** @file report.h
 *  @brief How every command tells the user something failed: one line on
 *  stderr, "byline: <message>", and the exit code for it.
 */
#ifndef BYLINE_CLI_REPORT_H
#define BYLINE_CLI_REPORT_H

#include <CLI/CLI.hpp>

#include <ostream>
#include <string_view>

#include "byline/status.h"

namespace byline {

/// Writes "byline: " and `message`, made safe for a terminal (no control
/// characters or escape sequences), and a newline to `err`.
void ReportError(std::ostream& err, std::string_view message);

/// ReportError to std::cerr.
void ReportError(std::string_view message);

/// Reports a failed `status` to std::cerr and returns its exit code
/// (exit_code::ForStatus).
int Report(const Status& status);

/// Reports a failed `status` to std::cerr and returns `exit_code`, for a
/// failure whose exit code the command decides (a bad input file named on
/// the command line is a usage error, whatever the status says).
int Report(const Status& status, int exit_code);

/// What a command-line parse error means: CLI11 prints the help, version or
/// error to `out` or `err`; returns 0 for --help and --version, else
/// exit_code::kUsage.
int ReportParseError(const CLI::App& app, const CLI::ParseError& e, std::ostream& out,
                     std::ostream& err);

}  // namespace byline

#endif  // BYLINE_CLI_REPORT_H
