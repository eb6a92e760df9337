/** @file eval_command.h
 *  @brief `byline eval`: relevance of the search path on judged topics, or
 *  known-item search (does a query find the one article it names?).
 */
#ifndef BYLINE_EVALUATOR_EVAL_COMMAND_H
#define BYLINE_EVALUATOR_EVAL_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "byline/ranker.h"

namespace byline {

/// Collection of all options of `byline eval`.
struct EvalCommandOptions {
  std::vector<std::string> db;  ///< none: the default; several: searched as one
  std::string topics, qrels, run, tag = "byline";
  std::string known_items;  ///< known-item file: the alternative to topics and qrels
  std::size_t depth = 1000;
  bool per_topic = false, json = false;
  bool as_search = false;  // topics as typed into `byline search`, not as prose
  std::string op = "or";
  std::string stop_words = "on";
  /// The ranking switches (--k1, --expand, ...): a value for each row of
  /// the table in eval_command.cc, in its order, -1 until given. Those not
  /// given keep the ranking's own defaults (see ApplyRankingSwitches).
  std::vector<double> ranking;
};

/// Adds the `eval` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupEvalCommand(CLI::App& app, EvalCommandOptions* opts);

/// `ranking` with the ranking switches of `opts` that were given set
/// (README, "Ranking"); the others keep their values.
RankingOptions ApplyRankingSwitches(const EvalCommandOptions& opts, RankingOptions ranking);

/// Runs it; returns the process exit code.
int RunEvalCommand(const EvalCommandOptions& opts);

}  // namespace byline

#endif  // BYLINE_EVALUATOR_EVAL_COMMAND_H
