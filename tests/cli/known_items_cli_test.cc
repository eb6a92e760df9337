// End-to-end: `byline eval --known-items` on the sample corpus/ with the
// committed tests/cli/corpus-known-items.tsv. Label `cli`.
#include <gtest/gtest.h>

#include <string>

#include "process.h"
#include "sample_corpus.h"
#include "testutil.h"

namespace {

using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;
using byline::test::Slurp;

const std::string kItems = std::string(BYLINE_SOURCE_DIR) + "/tests/cli/corpus-known-items.tsv";

class KnownItemsCli : public byline::test::SampleCorpusTest {};

TEST_F(KnownItemsCli, ScoresPerTagAndWritesEachQuerysRank) {
  byline::test::TempDir dir;
  const std::string run = (dir.path() / "run.tsv").string();
  RunResult r = Byline({"eval", "--db", Db(), "--known-items", kItems, "--run", run});
  ASSERT_EQ(r.code, 0) << r.err;
  // word: ranks 1 1 1 - -; phrase: 1 2 and a missing id; overall 9 scored,
  // reciprocal ranks summing to 6.5.
  EXPECT_NE(r.out.find("tag            queries missing   MRR@10 success@1 success@10\n"
                       "word                 5       0   0.6000    0.6000     0.6000\n"
                       "variant              1       0   1.0000    1.0000     1.0000\n"
                       "phrase               3       1   0.7500    0.5000     1.0000\n"
                       "zh-word              1       0   1.0000    1.0000     1.0000\n"
                       "all                 10       1   0.7222    0.6667     0.7778\n"),
            std::string::npos)
      << r.out;
  // The missing id and the rejected query are named, with file and line.
  EXPECT_NE(r.err.find("corpus-known-items.tsv:17: 'no-such-article' is not in the database"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("corpus-known-items.tsv:15: query rejected (scored as not found)"),
            std::string::npos)
      << r.err;
  const std::string text = Slurp(run);
  EXPECT_NE(text.find("\nmackerel\twire-2019-0101\tword\t1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nfishing nets\twire-2019-0101\tphrase\t2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nzeppelin\twire-2019-0102\tword\t-\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tno-such-article\tphrase\tmissing\n"), std::string::npos) << text;
}

TEST_F(KnownItemsCli, JsonForScripts) {
  RunResult r = Byline({"eval", "--db", Db(), "--known-items", kItems, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const auto& j = lines[0];
  EXPECT_EQ(j["queries"], 10);
  EXPECT_EQ(j["missing"], 1);
  EXPECT_EQ(j["scored"], 9);
  EXPECT_EQ(j["rejected"], 1);
  EXPECT_NEAR(j["mrr_10"].get<double>(), 6.5 / 9, 1e-9);
  EXPECT_NEAR(j["success_1"].get<double>(), 6.0 / 9, 1e-9);
  EXPECT_NEAR(j["success_10"].get<double>(), 7.0 / 9, 1e-9);
  EXPECT_NEAR(j["tags"]["phrase"]["mrr_10"].get<double>(), 0.75, 1e-9);
  EXPECT_EQ(j["missing_ids"], nlohmann::json::array({"no-such-article"}));
}

TEST_F(KnownItemsCli, BadFilesAndOptionsAreUsageErrors) {
  byline::test::TempDir dir;
  const std::string bad = dir.Write("bad.tsv", "# fine\nmackerel\twire-2019-0101\nmackerel\n");
  RunResult r = Byline({"eval", "--db", Db(), "--known-items", bad});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.tsv:3: expected query<TAB>expected id"), std::string::npos) << r.err;
  RunResult both = Byline(
      {"eval", "--db", Db(), "--known-items", kItems, "--topics", kItems, "--qrels", kItems});
  EXPECT_EQ(both.code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
  RunResult neither = Byline({"eval", "--db", Db()});
  EXPECT_EQ(neither.code, 2);
  EXPECT_NE(neither.err.find("--topics and --qrels, or --known-items is required"),
            std::string::npos)
      << neither.err;
}

}  // namespace
