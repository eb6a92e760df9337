/** @file main.cc
 *  @brief `byline`: one program, one subcommand per front end.
 *
 *  A table of commands, one parse, the terminal resolved once, one run and
 *  one catch. Everything else is in the front-end libraries below.
 */
#include <CLI/CLI.hpp>

#include <exception>
#include <functional>
#include <iostream>
#include <string>

#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/cli/terminal.h"
#include "evaluator/bench_command.h"
#include "evaluator/eval_command.h"
#include "indexer/index_command.h"
#include "searcher/search_command.h"
#include "searcher/show_command.h"
#include "searcher/timeline_command.h"
#include "searcher/similar_command.h"

namespace {

// One subcommand: where CLI11 put it, its --color (nullptr if it has none:
// then "auto"), and how to run it once parsed.
struct Command {
  CLI::App* cmd;
  const byline::TerminalOptions* terminal;
  std::function<int(const byline::Terminal&)> run;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Byline: full-text search for news archives."};
  app.set_version_flag("--version", std::string("byline ") + BYLINE_VERSION);
  app.require_subcommand(1);
  byline::IndexCommandOptions index_opts;
  byline::SearchCommandOptions search_opts;
  byline::ShowCommandOptions show_opts;
  byline::TimelineCommandOptions timeline_opts;
  byline::EvalCommandOptions eval_opts;
  byline::BenchCommandOptions bench_opts;
  byline::SimilarCommandOptions similar_opts;
  const Command commands[] = {
      {byline::SetupIndexCommand(app, &index_opts), nullptr,
       [&](const byline::Terminal& t) { return byline::RunIndexCommand(index_opts, t); }},
      {byline::SetupSearchCommand(app, &search_opts), &search_opts.terminal,
       [&](const byline::Terminal& t) { return byline::RunSearchCommand(search_opts, t); }},
      {byline::SetupShowCommand(app, &show_opts), &show_opts.terminal,
       [&](const byline::Terminal& t) { return byline::RunShowCommand(show_opts, t); }},
      {byline::SetupTimelineCommand(app, &timeline_opts), &timeline_opts.terminal,
       [&](const byline::Terminal& t) { return byline::RunTimelineCommand(timeline_opts, t); }},
      {byline::SetupSimilarCommand(app, &similar_opts), &similar_opts.terminal,
       [&](const byline::Terminal& t) { return byline::RunSimilarCommand(similar_opts, t); }},
      {byline::SetupEvalCommand(app, &eval_opts), nullptr,
       [&](const byline::Terminal&) { return byline::RunEvalCommand(eval_opts); }},
      {byline::SetupBenchCommand(app, &bench_opts), nullptr,
       [&](const byline::Terminal&) { return byline::RunBenchCommand(bench_opts); }},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return byline::ReportParseError(app, e, std::cout, std::cerr);
  }
  try {
    for (const Command& c : commands) {
      if (!c.cmd->parsed()) continue;
      const byline::TerminalOptions terminal_opts =
          c.terminal ? *c.terminal : byline::TerminalOptions{};
      return c.run(byline::ResolveTerminal(terminal_opts, byline::ProbeTerminal()));
    }
  } catch (const std::exception& e) {
    // Library calls report expected failures as Status; this is a bug.
    byline::ReportError(std::string("internal error: ") + e.what());
    return byline::exit_code::kFatal;
  }
  return byline::exit_code::kUsage;
}
