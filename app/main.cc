/** @file main.cc
 *  @brief `byline`: one program, one subcommand per front end.
 */
#include <CLI/CLI.hpp>

#include <iostream>

#include "byline/cli/exit_codes.h"
#include "indexer/index_command.h"
#include "searcher/bench_command.h"
#include "searcher/eval_command.h"
#include "searcher/search_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Byline: full-text search for news archives."};
  app.set_version_flag("--version", std::string("byline ") + BYLINE_VERSION);
  app.require_subcommand(1);
  byline::IndexCommandOptions index_opts;
  byline::SearchCommandOptions search_opts;
  CLI::App* index = byline::SetupIndexCommand(app, &index_opts);
  CLI::App* search = byline::SetupSearchCommand(app, &search_opts);
  byline::EvalCommandOptions eval_opts;
  CLI::App* eval = byline::SetupEvalCommand(app, &eval_opts);
  byline::BenchCommandOptions bench_opts;
  CLI::App* bench = byline::SetupBenchCommand(app, &bench_opts);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : byline::exit_code::kUsage;
  }
  try {
    if (index->parsed()) return byline::RunIndexCommand(index_opts);
    if (search->parsed()) return byline::RunSearchCommand(search_opts);
    if (eval->parsed()) return byline::RunEvalCommand(eval_opts);
    if (bench->parsed()) return byline::RunBenchCommand(bench_opts);
  } catch (const std::exception& e) {
    // Library calls report expected failures as Status; this is a bug.
    std::cerr << "byline: internal error: " << e.what() << "\n";
    return byline::exit_code::kFatal;
  }
  return byline::exit_code::kUsage;
}
