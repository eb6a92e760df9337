// Option parsing of the front ends: an argv in, the options struct out,
// without running anything.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "evaluator/bench_command.h"
#include "evaluator/eval_command.h"
#include "indexer/index_command.h"
#include "searcher/search_command.h"

namespace byline {
namespace {

// Parses `args` (after the program name) as `byline` would; returns the exit
// code a parse error maps to, or -1 if parsing succeeded.
int Parse(CLI::App& app, std::vector<std::string> args, std::string* err_text = nullptr) {
  std::vector<char*> argv;
  std::string program = "byline";
  argv.push_back(program.data());
  for (std::string& a : args) argv.push_back(a.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    int code = ReportParseError(app, e, out, err);
    if (err_text) *err_text = err.str();
    return code;
  }
  return -1;
}

TEST(SearchOptionsTest, ArgvFillsTheOptions) {
  CLI::App app;
  SearchCommandOptions opts;
  CLI::App* cmd = SetupSearchCommand(app, &opts);
  ASSERT_EQ(Parse(app, {"search",    "--db",      "/tmp/db", "-n",    "25",       "--offset",
                        "5",         "--json",    "--color", "never", "--since",  "2018",
                        "--until",   "2019-06",   "--op",    "and",   "--expand", "7",
                        "--explain", "title:fed", "rate",    "hike"}),
            -1);
  EXPECT_TRUE(cmd->parsed());
  EXPECT_EQ(opts.query_words, (std::vector<std::string>{"title:fed", "rate", "hike"}));
  EXPECT_EQ(opts.db, std::vector<std::string>{"/tmp/db"});
  EXPECT_EQ(opts.limit, 25u);
  EXPECT_EQ(opts.offset, 5u);
  EXPECT_TRUE(opts.json);
  EXPECT_EQ(opts.terminal.color, "never");
  EXPECT_EQ(opts.since, "2018");
  EXPECT_EQ(opts.until, "2019-06");
  EXPECT_EQ(opts.op, "and");
  EXPECT_EQ(opts.expand, 7u);
  EXPECT_TRUE(opts.explain);
  // A negative offset is refused (it wrapped round to 18446744073709551615).
  SearchCommandOptions negative;
  CLI::App app2;
  SetupSearchCommand(app2, &negative);
  EXPECT_EQ(Parse(app2, {"search", "--offset", "-1", "water"}), exit_code::kUsage);
}

TEST(SearchOptionsTest, DefaultsAndTheDatabaseFromBylineDb) {
  setenv("BYLINE_DB", "/from/env", 1);
  CLI::App app;
  SearchCommandOptions opts;
  SetupSearchCommand(app, &opts);
  ASSERT_EQ(Parse(app, {"search", "earnings"}), -1);
  EXPECT_EQ(opts.query_words, std::vector<std::string>{"earnings"});
  EXPECT_EQ(opts.limit, 10u);
  EXPECT_EQ(opts.offset, 0u);
  EXPECT_FALSE(opts.json);
  EXPECT_EQ(opts.terminal.color, "auto");
  EXPECT_EQ(opts.op, "or");
  EXPECT_TRUE(opts.db.empty());
  EXPECT_EQ(ResolveDatabasePaths(opts.db), std::vector<std::string>{"/from/env"});
}

// --db given several times: every path, one a --db (the query's words are
// not taken as databases).
TEST(SearchOptionsTest, SeveralDatabases) {
  CLI::App app;
  SearchCommandOptions opts;
  SetupSearchCommand(app, &opts);
  ASSERT_EQ(Parse(app, {"search", "--db", "a", "--db", "b.stub", "ferry", "strike"}), -1);
  EXPECT_EQ(opts.db, (std::vector<std::string>{"a", "b.stub"}));
  EXPECT_EQ(opts.query_words, (std::vector<std::string>{"ferry", "strike"}));
  EXPECT_EQ(ResolveDatabasePaths(opts.db), opts.db);
  EXPECT_EQ(DatabaseLabel(opts.db), "a + b.stub");
}

TEST(SearchOptionsTest, BadValuesAreUsageErrors) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"search", "--color", "sometimes", "q"},
                                             {"search", "--op", "xor", "q"},
                                             {"search", "-n", "100001", "q"},
                                             {"search", "--expand", "101", "q"},
                                             {"search", "--sort", "random", "q"},
                                             {"search", "--format", "xml", "q"}}) {
    SCOPED_TRACE(args[1]);
    CLI::App app;
    SearchCommandOptions opts;
    SetupSearchCommand(app, &opts);
    std::string err;
    EXPECT_EQ(Parse(app, args, &err), exit_code::kUsage);
    EXPECT_FALSE(err.empty());
  }
  CLI::App app;
  SearchCommandOptions opts;
  SetupSearchCommand(app, &opts);
  std::string err;
  ASSERT_EQ(Parse(app, {"search", "--color", "sometimes", "q"}, &err), exit_code::kUsage);
  EXPECT_NE(err.find("--color"), std::string::npos) << err;
}

TEST(IndexOptionsTest, ArgvFillsTheOptions) {
  CLI::App app;
  IndexCommandOptions opts;
  SetupIndexCommand(app, &opts);
  const std::string here = BYLINE_SOURCE_DIR;
  ASSERT_EQ(Parse(app, {"index", here + "/corpus", "--rebuild", "--title-weight", "5", "--threads",
                        "2", "-q", "--shards", "4"}),
            -1);
  EXPECT_EQ(opts.paths, (std::vector<std::string>{here + "/corpus"}));
  EXPECT_TRUE(opts.rebuild);
  EXPECT_TRUE(opts.quiet);
  EXPECT_EQ(opts.title_weight, 5u);
  EXPECT_EQ(opts.threads, 2u);
  EXPECT_EQ(opts.shards, 4u);
  EXPECT_EQ(opts.db, "");
  CLI::App missing;
  IndexCommandOptions none;
  SetupIndexCommand(missing, &none);
  EXPECT_EQ(Parse(missing, {"index", here + "/no-such-folder"}), exit_code::kUsage);
}

TEST(EvalBenchOptionsTest, ArgvFillsTheOptions) {
  const std::string file = std::string(BYLINE_SOURCE_DIR) + "/CMakeLists.txt";
  CLI::App app;
  app.require_subcommand(1);
  EvalCommandOptions eval;
  BenchCommandOptions bench;
  SetupEvalCommand(app, &eval);
  CLI::App* bench_cmd = SetupBenchCommand(app, &bench);
  ASSERT_EQ(Parse(app, {"eval", "--db", "d", "--topics", file, "--qrels", file, "--depth", "100",
                        "--as-search", "--k1", "1.2", "--per-topic"}),
            -1);
  EXPECT_EQ(eval.db, std::vector<std::string>{"d"});
  EXPECT_EQ(eval.depth, 100u);
  EXPECT_TRUE(eval.as_search);
  const RankingOptions ranking = ApplyRankingSwitches(eval, RankingOptions{});
  EXPECT_DOUBLE_EQ(ranking.k1, 1.2);
  EXPECT_DOUBLE_EQ(ranking.b, RankingOptions{}.b);  // not given: the ranking's own default
  EXPECT_TRUE(eval.per_topic);
  EXPECT_FALSE(bench_cmd->parsed());
  ASSERT_EQ(Parse(app, {"bench", "--queries", file, "--threads", "4", "--repeat", "2", "--json"}),
            -1);
  EXPECT_EQ(bench.queries, file);
  EXPECT_EQ(bench.threads, 4u);
  EXPECT_EQ(bench.repeat, 2u);
  EXPECT_EQ(bench.warmup, 1u);
  EXPECT_TRUE(bench.json);
  EXPECT_FALSE(bench.exact_count);
  EXPECT_FALSE(bench.all_copies);
  EXPECT_FALSE(bench.suggest);
  ASSERT_EQ(Parse(app, {"bench", "--queries", file, "--exact-count", "--all-copies", "--suggest"}),
            -1);
  EXPECT_TRUE(bench.exact_count);
  EXPECT_TRUE(bench.all_copies);
  EXPECT_TRUE(bench.suggest);
  EXPECT_EQ(Parse(app, {"bench", "--queries", file, "--threads", "0"}), exit_code::kUsage);
}

// Every ranking switch of `byline eval` sets its own field of the ranking
// and no other; a count takes whole numbers only, and each has its range.
// Where the help states no default, the one shown is that of both rankings
// (topics and --as-search).
TEST(EvalOptionsTest, EachRankingSwitchSetsItsField) {
  using Get = double (*)(const RankingOptions&);
  struct Case {
    const char* name;
    const char* value;
    double want;
    Get get;
    const char* bad;  // a value outside its range, or not a whole number for a count
  } cases[] = {
      {"--k1", "1.2", 1.2, [](const RankingOptions& r) { return r.k1; }, "101"},
      {"--b", "0.3", 0.3, [](const RankingOptions& r) { return r.b; }, "1.5"},
      {"--title-boost", "2", 2, [](const RankingOptions& r) { return r.title_weight; }, "-1"},
      {"--proximity", "0.4", 0.4, [](const RankingOptions& r) { return r.proximity_weight; },
       "101"},
      {"--proximity-window", "4", 4,
       [](const RankingOptions& r) { return double(r.proximity_window); }, "0"},
      {"--proximity-depth", "30", 30,
       [](const RankingOptions& r) { return double(r.proximity_depth); }, "2.5"},
      {"--expand", "7", 7, [](const RankingOptions& r) { return double(r.expand_terms); }, "1001"},
      {"--expand-docs", "5", 5, [](const RankingOptions& r) { return double(r.expand_docs); }, "0"},
      {"--expand-weight", "0.5", 0.5, [](const RankingOptions& r) { return r.expand_weight; },
       "11"},
      {"--feedback-overlap", "0.25", 0.25,
       [](const RankingOptions& r) { return r.feedback_overlap; }, "2"},
      {"--feedback-gate", "0.6", 0.6, [](const RankingOptions& r) { return r.feedback_gate; },
       "1.1"},
      {"--feedback-gate-width", "0.1", 0.1,
       [](const RankingOptions& r) { return r.feedback_gate_width; }, "-0.1"},
      {"--feedback-long-query", "5", 5,
       [](const RankingOptions& r) { return double(r.feedback_long_query); }, "x"},
      {"--feedback-short-terms", "12", 12,
       [](const RankingOptions& r) { return double(r.feedback_short_terms); }, "3.5"},
      {"--feedback-short-docs", "3", 3,
       [](const RankingOptions& r) { return double(r.feedback_short_docs); }, "-1"},
      {"--feedback-term-share", "1.5", 1.5,
       [](const RankingOptions& r) { return r.feedback_term_share; }, "10.5"},
      {"--feedback-max-df", "0.05", 0.05, [](const RankingOptions& r) { return r.feedback_max_df; },
       "1.01"},
      {"--feedback-query-share", "2", 2,
       [](const RankingOptions& r) { return r.feedback_query_share; }, "100.5"},
      {"--feedback-min-overlap", "0.3", 0.3,
       [](const RankingOptions& r) { return r.feedback_min_overlap; }, "1.5"},
      {"--feedback-keep-top", "3", 3,
       [](const RankingOptions& r) { return double(r.feedback_keep_top); }, "2.5"},
      {"--feedback-keep-below", "0.9", 0.9,
       [](const RankingOptions& r) { return r.feedback_keep_below; }, "2.5"},
  };
  const std::string file = std::string(BYLINE_SOURCE_DIR) + "/CMakeLists.txt";
  std::size_t switches = 0;
  {
    CLI::App app;
    EvalCommandOptions opts;
    SetupEvalCommand(app, &opts);
    switches = opts.ranking.size();
  }
  EXPECT_EQ(switches, std::size(cases));  // every switch has its row here
  const RankingOptions base, topics = NaturalLanguageRanking();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CLI::App app;
    EvalCommandOptions opts;
    CLI::App* cmd = SetupEvalCommand(app, &opts);
    ASSERT_EQ(Parse(app, {"eval", "--known-items", file, c.name, c.value}), -1);
    const RankingOptions set = ApplyRankingSwitches(opts, base);
    EXPECT_DOUBLE_EQ(c.get(set), c.want);
    // No other field moved: with this one put back, the ranking is the base.
    std::size_t moved = 0;
    for (const Case& other : cases)
      moved += c.get != other.get && other.get(set) != other.get(base);
    EXPECT_EQ(moved, 0u);
    const CLI::Option* opt = cmd->get_option(c.name);
    if (opt->get_description().find("default") == std::string::npos) {
      EXPECT_EQ(c.get(base), c.get(topics)) << "the default shown is not the topics' ranking's";
      std::ostringstream shown;
      shown << c.get(base);
      EXPECT_EQ(opt->get_default_str(), shown.str());
    }
    CLI::App bad_app;
    EvalCommandOptions bad;
    SetupEvalCommand(bad_app, &bad);
    EXPECT_EQ(Parse(bad_app, {"eval", "--known-items", file, c.name, c.bad}), exit_code::kUsage)
        << c.bad;
  }
}

}  // namespace
}  // namespace byline
