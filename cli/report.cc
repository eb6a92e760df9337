/** @file report.cc
 *  @brief "byline: <message>" on stderr, and exit codes.
 */
#include "byline/cli/report.h"

#include <iostream>

#include "byline/cli/exit_codes.h"
#include "byline/text.h"

namespace byline {

void ReportError(std::ostream& err, std::string_view message) {
  err << "byline: " << SafeForTerminal(message) << "\n";
}

void ReportError(std::string_view message) { ReportError(std::cerr, message); }

int Report(const Status& status) { return Report(status, exit_code::ForStatus(status)); }

int Report(const Status& status, int exit_code) {
  ReportError(status.message());
  return exit_code;
}

int ReportParseError(const CLI::App& app, const CLI::ParseError& e, std::ostream& out,
                     std::ostream& err) {
  int code = app.exit(e, out, err);
  return code == 0 ? exit_code::kOk : exit_code::kUsage;
}

}  // namespace byline
