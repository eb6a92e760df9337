/** @file show_command.cc
 *  @brief `byline show [--db DIR] [--json] [--no-pager] ID...`.
 */
#include "show_command.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <vector>

#include "article_printer.h"
#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/searcher.h"
#include "pager.h"
#include "wrap.h"

namespace byline {

CLI::App* SetupShowCommand(CLI::App& app, ShowCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand("show", "Print whole articles by the ids `search` prints");
  cmd->add_option("id", opts->ids, "Article ids, as `byline search` prints them")->required();
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_flag("--json", opts->json, "One JSON object per article, every field and the body");
  cmd->add_flag("--no-pager", opts->no_pager,
                "Never page (by default a text longer than the terminal goes through $PAGER)");
  AddColorOption(*cmd, &opts->terminal);
  return cmd;
}

int RunShowCommand(const ShowCommandOptions& opts, const Terminal& terminal) {
  auto searcher = Searcher::Open(ResolveDatabasePaths(opts.db));
  if (!searcher.ok()) return Report(searcher.status());
  // Everything is written to `out` first: its length decides the pager, and
  // the failures are reported after it, where the user sees them once the
  // pager is closed.
  std::ostringstream out;
  std::vector<Status> failures;
  bool first = true;
  for (const std::string& id : opts.ids) {
    auto article = (*searcher)->Get(id);
    if (!article.ok()) {
      failures.push_back(article.status());
      continue;
    }
    if (opts.json) {
      WriteArticleJson(out, *article);
      continue;
    }
    if (!first) {
      std::string rule;
      for (std::size_t i = 0; i < terminal.width; ++i) rule += "\u2500";
      out << "\n"
          << (terminal.color ? ansi::kDim : "") << rule << (terminal.color ? ansi::kReset : "")
          << "\n\n";
    }
    first = false;
    WriteArticleText(out, *article, terminal.color, terminal.width);
  }
  const std::string text = out.str();
  bool paged = false;
  if (!opts.json && ShouldPage(terminal, opts.no_pager, ScreenLines(text, terminal.width))) {
    const Status s = RunPager(PagerCommand(std::getenv("PAGER"), FoundOnPath("less")), text);
    paged = s.ok();
    if (!paged) ReportError(s.message() + "; printing instead");
  }
  if (!paged) std::cout << text << std::flush;
  int code = exit_code::kOk;
  for (const Status& failure : failures) {
    const int c = Report(failure);
    if (code == exit_code::kOk) code = c;
  }
  return code;
}

}  // namespace byline
