/** @file eval_command.h
 *  @brief `byline eval`: relevance of the search path on judged topics, or
 *  known-item search (does a query find the one article it names?).
 */
#ifndef BYLINE_EVALUATOR_EVAL_COMMAND_H
#define BYLINE_EVALUATOR_EVAL_COMMAND_H

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

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
  // Ranking switches (see README, "Ranking").
  double k1 = -1, b = -1, title_weight = -1;
  std::string stop_words = "on";
  double proximity = -1;
  int proximity_window = -1;
  int proximity_depth = -1;
  int expand_terms = -1, expand_docs = -1;
  double expand_weight = -1;
  double feedback_overlap = -1;
  double feedback_gate = -1, feedback_gate_width = -1;
  int feedback_long_query = -1, feedback_short_terms = -1, feedback_short_docs = -1;
  double feedback_term_share = -1, feedback_query_share = -1, feedback_min_overlap = -1;
  double feedback_max_df = -1;
};

/// Adds the `eval` subcommand to `app`, filling `opts` when parsed.
CLI::App* SetupEvalCommand(CLI::App& app, EvalCommandOptions* opts);

/// Runs it; returns the process exit code.
int RunEvalCommand(const EvalCommandOptions& opts);

}  // namespace byline

#endif  // BYLINE_EVALUATOR_EVAL_COMMAND_H
