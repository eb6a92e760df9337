/** @file eval_command.cc
 *  @brief `byline eval --db DB --topics T --qrels Q`: MAP, nDCG@10, P@10, R@1000.
 */
#include "eval_command.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/measure/evaluation.h"
#include "byline/searcher.h"

namespace byline {

CLI::App* SetupEvalCommand(CLI::App& app, EvalCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand(
      "eval", "Measure ranking quality on judged topics (trec_eval definitions)");
  AddDatabaseOption(*cmd, &opts->db);
  cmd->add_option("--topics", opts->topics, "Topics file: qid<TAB>query per line")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--qrels", opts->qrels, "TREC qrels file: qid iter docid relevance")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--run", opts->run, "Also write the TREC run file here");
  cmd->add_option("--tag", opts->tag, "Run tag written in the run file");
  cmd->add_option("--depth", opts->depth, "Documents retrieved per topic")
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--as-search", opts->as_search,
                "Run topics as `byline search` queries (query syntax, interactive ranking) "
                "instead of natural-language requests");
  cmd->add_option("--op", opts->op, "With --as-search: default operator, or (default) or and")
      ->check(CLI::IsMember({"and", "or"}));
  cmd->add_flag("--per-topic", opts->per_topic, "Print the metrics of every topic");
  cmd->add_flag("--json", opts->json, "Print one JSON object");
  cmd->add_option("--k1", opts->k1, "BM25 k1 (default 1.6)")->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--b", opts->b, "BM25 b (default 0.5)")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--title-boost", opts->title_weight,
                  "Weight of title matches over body matches (0: off)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--stop-words", opts->stop_words,
                  "Drop function words from topics: on (default), off")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--proximity", opts->proximity,
                  "Bonus for neighbouring query words found near each other (default 0.1; 0: off)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option(
         "--proximity-window", opts->proximity_window,
         "Positions within which neighbouring query words earn the proximity bonus (default 3)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--expand", opts->expand_terms,
                  "Pseudo-relevance feedback: expansion terms to add (default 20; 0: off)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--expand-docs", opts->expand_docs, "Feedback documents for --expand")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--expand-weight", opts->expand_weight, "Weight of expansion terms")
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--feedback-overlap", opts->feedback_overlap,
                  "Feedback articles with the same title and at least this share of stemmed "
                  "terms as one above count once (default 0.5; 0: off)")
      ->check(CLI::Range(0.0, 1.0));
  return cmd;
}

int RunEvalCommand(const EvalCommandOptions& opts) {
  const std::string db = ResolveDatabasePath(opts.db);
  auto topics = LoadTopics(opts.topics);
  if (!topics.ok()) return Report(topics.status(), exit_code::kUsage);
  auto qrels = LoadQrels(opts.qrels);
  if (!qrels.ok()) return Report(qrels.status(), exit_code::kUsage);
  auto searcher = Searcher::Open(db);
  if (!searcher.ok()) return Report(searcher.status());
  SearchRequest req;
  req.limit = opts.depth;
  if (opts.as_search) {
    req.default_operator = opts.op == "and" ? DefaultOperator::kAnd : DefaultOperator::kOr;
  } else {
    req.natural_language = true;  // topics are requests in prose, not query syntax
    req.ranking = NaturalLanguageRanking();
  }
  req.drop_stop_words = opts.stop_words == "on";
  if (opts.k1 >= 0) req.ranking.k1 = opts.k1;
  if (opts.b >= 0) req.ranking.b = opts.b;
  if (opts.title_weight >= 0) req.ranking.title_weight = opts.title_weight;
  if (opts.proximity >= 0) req.ranking.proximity_weight = opts.proximity;
  if (opts.proximity_window > 0)
    req.ranking.proximity_window = static_cast<unsigned>(opts.proximity_window);
  if (opts.expand_terms >= 0) req.ranking.expand_terms = static_cast<unsigned>(opts.expand_terms);
  if (opts.expand_docs >= 0) req.ranking.expand_docs = static_cast<unsigned>(opts.expand_docs);
  if (opts.expand_weight >= 0) req.ranking.expand_weight = opts.expand_weight;
  if (opts.feedback_overlap >= 0) req.ranking.feedback_overlap = opts.feedback_overlap;
  auto run = RunTopics(**searcher, *topics, req);
  if (!run.ok()) return Report(run.status());
  if (!opts.run.empty()) {
    if (Status s = WriteTrecRun(opts.run, *topics, *run, opts.tag); !s.ok()) {
      return Report(s, exit_code::kFatal);
    }
  }
  EvalSummary sum = Evaluate(*run, *qrels);
  if (opts.json) {
    nlohmann::json j = {{"topics", sum.topics},
                        {"map", sum.map},
                        {"ndcg_10", sum.ndcg10},
                        {"p_10", sum.p10},
                        {"recall_1000", sum.recall1000},
                        {"db", db},
                        {"depth", opts.depth}};
    if (opts.per_topic) {
      nlohmann::json per = nlohmann::json::array();
      for (const auto& [qid, m] : sum.per_topic) {
        per.push_back({{"qid", qid},
                       {"ap", m.ap},
                       {"ndcg_10", m.ndcg10},
                       {"p_10", m.p10},
                       {"recall_1000", m.recall1000},
                       {"relevant", m.relevant},
                       {"retrieved", m.retrieved}});
      }
      j["per_topic"] = per;
    }
    std::cout << j.dump() << "\n";
    return exit_code::kOk;
  }
  if (opts.per_topic) {
    std::printf("%-8s %8s %8s %8s %8s %6s %6s\n", "qid", "AP", "nDCG@10", "P@10", "R@1000", "rel",
                "ret");
    for (const auto& [qid, m] : sum.per_topic) {
      std::printf("%-8s %8.4f %8.4f %8.4f %8.4f %6d %6d\n", qid.c_str(), m.ap, m.ndcg10, m.p10,
                  m.recall1000, m.relevant, m.retrieved);
    }
    std::printf("\n");
  }
  std::printf("topics %d  MAP %.4f  nDCG@10 %.4f  P@10 %.4f  R@1000 %.4f\n", sum.topics, sum.map,
              sum.ndcg10, sum.p10, sum.recall1000);
  return exit_code::kOk;
}

}  // namespace byline
