/** @file eval_command.cc
 *  @brief `byline eval --db DB --topics T --qrels Q`: MAP, nDCG@10, P@10, R@1000;
 *  `byline eval --db DB --known-items F`: MRR@10, success@1 and @10 per tag.
 */
#include "eval_command.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>
#include <type_traits>
#include <variant>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/measure/evaluation.h"
#include "byline/measure/known_items.h"
#include "byline/searcher.h"

namespace byline {

namespace {

// One ranking switch: the RankingOptions field it sets (a weight or share,
// or a count, which takes a whole number), its option, its range and help.
struct RankingSwitch {
  std::variant<double RankingOptions::*, unsigned RankingOptions::*> field;
  const char* name;
  double min, max;
  const char* help;
};

// Every ranking switch, in the order --help lists them. The defaults the
// help states are those of the rankings for topics (NaturalLanguageRanking)
// and for --as-search (RankingOptions); a switch not given keeps them.
const RankingSwitch kRankingSwitches[] = {
    {&RankingOptions::k1, "--k1", 0, 100, "BM25 k1 (default 1.6)"},
    {&RankingOptions::b, "--b", 0, 1, "BM25 b (default 0.5)"},
    {&RankingOptions::title_weight, "--title-boost", 0, 100,
     "Weight of title matches over body matches (0: off)"},
    {&RankingOptions::proximity_weight, "--proximity", 0, 100,
     "Bonus for neighbouring query words found near each other (default 0.1; 0: off)"},
    {&RankingOptions::proximity_window, "--proximity-window", 1, 1000,
     "Positions within which neighbouring query words earn the proximity bonus (default 3)"},
    {&RankingOptions::proximity_depth, "--proximity-depth", 0, 100000,
     "Results at the top of the ranking that the proximity bonus reorders "
     "(default: all for topics, 20 with --as-search; 0: all)"},
    {&RankingOptions::expand_terms, "--expand", 0, 1000,
     "Pseudo-relevance feedback: expansion terms to add (default 20; 0: off)"},
    {&RankingOptions::expand_docs, "--expand-docs", 1, 1000, "Feedback documents for --expand"},
    {&RankingOptions::expand_weight, "--expand-weight", 0, 10, "Weight of expansion terms"},
    {&RankingOptions::feedback_overlap, "--feedback-overlap", 0, 1,
     "Feedback articles with the same title and at least this share of stemmed "
     "terms as one above count once (default 0.5; 0: off)"},
    {&RankingOptions::feedback_gate, "--feedback-gate", 0, 1,
     "Expand only when the last feedback hit scores at least this share of the "
     "first (default 0.7; 0: every query in full, as before)"},
    {&RankingOptions::feedback_gate_width, "--feedback-gate-width", 0, 1,
     "Ramp the expansion weight in over this much above --feedback-gate (0: all "
     "or nothing)"},
    {&RankingOptions::feedback_long_query, "--feedback-long-query", 0, 1000,
     "Expand a query of at least this many stemmed words whatever --feedback-gate "
     "says (default 4; 0: the gate decides for every query)"},
    {&RankingOptions::feedback_short_terms, "--feedback-short-terms", 0, 1000,
     "Expansion terms for a query shorter than --feedback-long-query (0: as many as "
     "--expand; default 15)"},
    {&RankingOptions::feedback_short_docs, "--feedback-short-docs", 0, 1000,
     "Feedback articles for a query shorter than --feedback-long-query: its best "
     "this many hits (0: --expand-docs)"},
    {&RankingOptions::feedback_term_share, "--feedback-term-share", 0, 10,
     "Weigh each expansion term of a query shorter than --feedback-long-query by "
     "the share of feedback articles holding it, raised to this power (0: every "
     "term the same; default 0.25 for topics, 0 with --as-search)"},
    {&RankingOptions::feedback_keep_top, "--feedback-keep-top", 0, 1000,
     "An expanded query shorter than --feedback-long-query keeps its first pass's "
     "best this many hits on top, in their order (0: the expansion orders all; "
     "default 1)"},
    {&RankingOptions::feedback_keep_below, "--feedback-keep-below", 0, 2,
     "Keep them (--feedback-keep-top) only when the first pass's 10th hit scores "
     "less than this share of its first (above 1: always; default 0.95 for topics)"},
    {&RankingOptions::feedback_max_df, "--feedback-max-df", 0, 1,
     "Leave out expansion terms in more than this share of the articles (0: none)"},
    {&RankingOptions::feedback_query_share, "--feedback-query-share", 0, 100,
     "The expansion weighs at most this many times the query's own words "
     "(0: no cap)"},
    {&RankingOptions::feedback_min_overlap, "--feedback-min-overlap", 0, 1,
     "Keep the expansion only if its top hits hold at least this share of the "
     "first pass's (0: always)"},
};

// Registers every row of kRankingSwitches, its value in `values` (-1: not
// given). A count is read as a whole number, and its CLI::Range takes
// integer bounds, so a bad one is reported as for any integer option. The
// default shown where the help states none is the ranking's own (the same
// for topics and --as-search: EvalOptionsTest checks it).
void AddRankingSwitches(CLI::App& cmd, std::vector<double>* values) {
  const RankingOptions defaults;
  values->assign(std::size(kRankingSwitches), -1);
  for (std::size_t i = 0; i < std::size(kRankingSwitches); ++i) {
    const RankingSwitch& row = kRankingSwitches[i];
    double& value = (*values)[i];
    std::visit(
        [&](auto field) {
          std::ostringstream shown;
          shown << defaults.*field;
          CLI::Option* opt;
          if constexpr (std::is_same_v<decltype(field), unsigned RankingOptions::*>) {
            opt = cmd.add_option<double, int>(row.name, value, row.help)
                      ->check(CLI::Range(static_cast<int>(row.min), static_cast<int>(row.max)));
          } else {
            opt = cmd.add_option(row.name, value, row.help)->check(CLI::Range(row.min, row.max));
          }
          opt->default_str(shown.str());
        },
        row.field);
  }
}

// Keys in a fixed order, and tags in the order of the file (ordered_json).
nlohmann::ordered_json ScoresJson(const KnownItemScores& s) {
  return {{"queries", s.queries},     {"missing", s.missing}, {"scored", s.scored},
          {"rejected", s.rejected},   {"mrr_10", s.mrr10},    {"success_1", s.success1},
          {"success_10", s.success10}};
}

void PrintScores(const std::string& name, const KnownItemScores& s) {
  std::printf("%-14s %7d %7d %8.4f %9.4f %10.4f\n", name.c_str(), s.queries, s.missing, s.mrr10,
              s.success1, s.success10);
}

// `byline eval --known-items FILE`: every query as typed into `byline
// search` (default options unless a switch is given), scored by the rank of
// its article in the first page.
int RunKnownItemEval(const EvalCommandOptions& opts, const std::vector<std::string>& dbs) {
  const std::string db = DatabaseLabel(dbs);
  auto items = LoadKnownItems(opts.known_items);
  if (!items.ok()) return Report(items.status(), exit_code::kUsage);
  auto searcher = Searcher::Open(dbs);
  if (!searcher.ok()) return Report(searcher.status());
  SearchRequest req;  // the defaults of `byline search`
  req.default_operator = opts.op == "and" ? DefaultOperator::kAnd : DefaultOperator::kOr;
  req.ranking = ApplyRankingSwitches(opts, req.ranking);
  auto outcomes = RunKnownItems(**searcher, *items, req);
  if (!outcomes.ok()) {
    return Report(
        Status(outcomes.status().code(), opts.known_items + ": " + outcomes.status().message()));
  }
  if (!opts.run.empty()) {
    if (Status s = WriteKnownItemRun(opts.run, *items, *outcomes); !s.ok()) {
      return Report(s, exit_code::kFatal);
    }
  }
  // Missing ids and rejected queries are named on stderr (a few of each), so
  // that a wrong --db or a stale file is seen at once.
  constexpr int kShown = 5;
  int missing_shown = 0, rejected_shown = 0;
  nlohmann::json missing_ids = nlohmann::json::array();
  for (std::size_t i = 0; i < items->size(); ++i) {
    const KnownItem& item = (*items)[i];
    const KnownItemOutcome& o = (*outcomes)[i];
    const std::string where = opts.known_items + ":" + std::to_string(item.line) + ": ";
    if (o.missing) {
      missing_ids.push_back(item.expected_id);
      if (missing_shown++ < kShown) {
        ReportError("note: " + where + "'" + item.expected_id +
                    "' is not in the database; not scored");
      }
    } else if (o.rejected && rejected_shown++ < kShown) {
      ReportError("note: " + where + "query rejected (scored as not found): " + o.error);
    }
  }
  if (missing_shown > kShown) {
    ReportError("note: " + std::to_string(missing_shown - kShown) +
                " more expected ids not in the database");
  }
  if (rejected_shown > kShown) {
    ReportError("note: " + std::to_string(rejected_shown - kShown) + " more queries rejected");
  }
  KnownItemSummary sum = ScoreKnownItems(*items, *outcomes);
  if (opts.json) {
    nlohmann::ordered_json tags = nlohmann::ordered_json::object();
    for (const auto& [tag, s] : sum.per_tag) tags[tag] = ScoresJson(s);
    nlohmann::ordered_json j = ScoresJson(sum.overall);
    j["tags"] = tags;
    j["missing_ids"] = missing_ids;
    j["depth"] = kKnownItemDepth;
    j["db"] = db;
    std::cout << j.dump() << "\n";
    return exit_code::kOk;
  }
  std::printf("%-14s %7s %7s %8s %9s %10s\n", "tag", "queries", "missing", "MRR@10", "success@1",
              "success@10");
  for (const auto& [tag, s] : sum.per_tag) PrintScores(tag, s);
  PrintScores("all", sum.overall);
  return exit_code::kOk;
}

}  // namespace

CLI::App* SetupEvalCommand(CLI::App& app, EvalCommandOptions* opts) {
  CLI::App* cmd = app.add_subcommand(
      "eval", "Measure ranking quality on judged topics (trec_eval definitions)");
  AddDatabaseOption(*cmd, &opts->db);
  CLI::Option* topics =
      cmd->add_option("--topics", opts->topics, "Topics file: qid<TAB>query per line")
          ->check(CLI::ExistingFile);
  CLI::Option* qrels =
      cmd->add_option("--qrels", opts->qrels, "TREC qrels file: qid iter docid relevance")
          ->check(CLI::ExistingFile);
  topics->needs(qrels);
  qrels->needs(topics);
  CLI::Option* known =
      cmd->add_option("--known-items", opts->known_items,
                      "Known-item file (query<TAB>expected id[<TAB>tag]), instead of "
                      "--topics/--qrels: MRR@10, success@1 and @10 of `byline search`")
          ->check(CLI::ExistingFile)
          ->excludes(topics)
          ->excludes(qrels);
  cmd->callback([topics, known] {
    if (topics->count() == 0 && known->count() == 0) {
      throw CLI::RequiredError("--topics and --qrels, or --known-items");
    }
  });
  cmd->add_option("--run", opts->run,
                  "Also write the TREC run file here (with --known-items: each query's rank)");
  cmd->add_option("--tag", opts->tag, "Run tag written in the run file");
  cmd->add_option("--depth", opts->depth, "Documents retrieved per topic")
      ->check(CLI::Range(1, 100000))
      ->excludes(known);
  cmd->add_flag("--as-search", opts->as_search,
                "Run topics as `byline search` queries (query syntax, interactive ranking) "
                "instead of natural-language requests")
      ->excludes(known);
  cmd->add_option("--op", opts->op,
                  "With --as-search or --known-items: default operator, or (default) or and")
      ->check(CLI::IsMember({"and", "or"}));
  cmd->add_flag("--per-topic", opts->per_topic, "Print the metrics of every topic")
      ->excludes(known);
  cmd->add_flag("--json", opts->json, "Print one JSON object");
  cmd->add_option("--stop-words", opts->stop_words,
                  "Drop function words from topics: on (default), off")
      ->check(CLI::IsMember({"on", "off"}));
  AddRankingSwitches(*cmd, &opts->ranking);
  return cmd;
}

RankingOptions ApplyRankingSwitches(const EvalCommandOptions& opts, RankingOptions ranking) {
  for (std::size_t i = 0; i < std::size(kRankingSwitches) && i < opts.ranking.size(); ++i) {
    const double value = opts.ranking[i];
    if (value < 0) continue;  // not given: every switch's range starts at 0 or 1
    std::visit(
        [&](auto field) {
          using Value = std::remove_reference_t<decltype(ranking.*field)>;
          ranking.*field = static_cast<Value>(value);
        },
        kRankingSwitches[i].field);
  }
  return ranking;
}

int RunEvalCommand(const EvalCommandOptions& opts) {
  const std::vector<std::string> dbs = ResolveDatabasePaths(opts.db);
  const std::string db = DatabaseLabel(dbs);
  if (!opts.known_items.empty()) return RunKnownItemEval(opts, dbs);
  auto topics = LoadTopics(opts.topics);
  if (!topics.ok()) return Report(topics.status(), exit_code::kUsage);
  auto qrels = LoadQrels(opts.qrels);
  if (!qrels.ok()) return Report(qrels.status(), exit_code::kUsage);
  auto searcher = Searcher::Open(dbs);
  if (!searcher.ok()) return Report(searcher.status());
  SearchRequest req;
  req.limit = opts.depth;
  // Judgements are per article, copies included (reuters21578 judges each of
  // its 383 repeats): a collapsed run would drop judged copies and lower MAP
  // for a reason that is not ranking (0.5615 -> 0.5322 on reuters21578).
  req.collapse = false;
  if (opts.as_search) {
    req.default_operator = opts.op == "and" ? DefaultOperator::kAnd : DefaultOperator::kOr;
  } else {
    req.natural_language = true;  // topics are requests in prose, not query syntax
    req.ranking = NaturalLanguageRanking();
  }
  req.drop_stop_words = opts.stop_words == "on";
  req.ranking = ApplyRankingSwitches(opts, req.ranking);
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
