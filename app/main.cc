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
#include <vector>

#include "byline/cli/exit_codes.h"
#include "byline/cli/help.h"
#include "byline/cli/report.h"
#include "byline/cli/terminal.h"
#include "evaluator/bench_command.h"
#include "evaluator/eval_command.h"
#include "indexer/index_command.h"
#include "searcher/info_command.h"
#include "searcher/search_command.h"
#include "searcher/show_command.h"
#include "searcher/similar_command.h"
#include "searcher/timeline_command.h"

namespace {

// One subcommand: where CLI11 put it, its --color (nullptr if it has none:
// then "auto"), and how to run it once parsed.
struct Command {
  CLI::App* cmd;
  const byline::TerminalOptions* terminal;
  std::function<int(const byline::Terminal&)> run;
};

// `byline help [COMMAND]`: the overview, or COMMAND --help.
CLI::App* SetupHelpCommand(CLI::App& app, std::string* topic) {
  CLI::App* cmd =
      app.add_subcommand("help", "The commands, or one command's options: byline help search");
  cmd->add_option("command", *topic, "The command to explain");
  return cmd;
}

int RunHelpCommand(const CLI::App& app, const std::string& topic) {
  if (topic.empty()) {
    std::cout << byline::Overview(app);
    return byline::exit_code::kOk;
  }
  if (std::string page = byline::CommandHelp(app, topic); !page.empty()) {
    std::cout << page;
    return byline::exit_code::kOk;
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  const std::string hint = byline::DidYouMean(topic, names);
  byline::ReportError("help: no command '" + topic + "'" +
                      (hint.empty() ? "" : ": did you mean " + hint + "?") +
                      " (byline help lists the commands)");
  return byline::exit_code::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Byline: full-text search for news archives."};
  byline::SetupHelp(app);  // before the subcommands: they inherit it
  app.set_version_flag("--version", std::string("byline ") + BYLINE_VERSION);
  app.require_subcommand(0, 1);
  byline::IndexCommandOptions index_opts;
  byline::SearchCommandOptions search_opts;
  byline::ShowCommandOptions show_opts;
  byline::TimelineCommandOptions timeline_opts;
  byline::EvalCommandOptions eval_opts;
  byline::BenchCommandOptions bench_opts;
  byline::SimilarCommandOptions similar_opts;
  byline::InfoCommandOptions info_opts;
  std::string help_topic;
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
      {byline::SetupInfoCommand(app, &info_opts), nullptr,
       [&](const byline::Terminal& t) { return byline::RunInfoCommand(info_opts, t); }},
      {byline::SetupEvalCommand(app, &eval_opts), nullptr,
       [&](const byline::Terminal&) { return byline::RunEvalCommand(eval_opts); }},
      {byline::SetupBenchCommand(app, &bench_opts), nullptr,
       [&](const byline::Terminal&) { return byline::RunBenchCommand(bench_opts); }},
      {SetupHelpCommand(app, &help_topic), nullptr,
       [&](const byline::Terminal&) { return RunHelpCommand(app, help_topic); }},
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
  // `byline` alone: what the commands are and what to try first.
  std::cout << byline::Overview(app);
  return byline::exit_code::kOk;
}
