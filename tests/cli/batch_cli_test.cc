// `byline search --batch` (and the other ways of seeing an archive's
// coverage) end to end: the real binary on the sample corpus/. Label `cli`.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.h"
#include "sample_corpus.h"
#include "testutil.h"

namespace {

using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;
using nlohmann::json;

class BatchCli : public byline::test::SampleCorpusTest {
 protected:
  byline::test::TempDir dir_;  // the batch files
};

// Each query's count is the one `search --count` gives; a bad query on line
// 4 is reported with its line and the next still runs; exit status 3.
TEST_F(BatchCli, BatchCountsEachLineAndGoesOnPastABadOne) {
  const std::string file = dir_.Write("queries.txt",
                                      "# names\n"
                                      "Qamishli water\n"
                                      "\n"
                                      "(-strike) NOT ferry\n"
                                      "\"crane operations\"\n"
                                      "zzyzzyva\n");
  RunResult r = Byline({"search", "--db", Db(), "--batch", file, "--json"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("queries.txt:4: bad query at position 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 of 4 queries failed"), std::string::npos) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  const std::vector<int> want_lines = {2, 4, 5, 6};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["type"], "batch");
    EXPECT_EQ(lines[i]["line"], want_lines[i]);
    if (lines[i].contains("error")) continue;
    RunResult count =
        Byline({"search", "--db", Db(), "--count", lines[i]["query"].get<std::string>()});
    ASSERT_EQ(count.code, 0) << count.err;
    EXPECT_EQ(std::to_string(lines[i]["count"].get<int>()) + "\n", count.out) << lines[i];
    EXPECT_LE(lines[i]["hits"].size(), 3u);  // the batch's default -n
  }
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_GE(lines[0]["hits"].size(), 1u);
  EXPECT_EQ(lines[3]["count"], 0);
  EXPECT_TRUE(lines[3]["hits"].empty());
  // What a batch does not do is refused, not silently left undone.
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {"--facets", "year"}, {"--offset", "2"}, {"--count"}, {"--explain"}}) {
    std::vector<std::string> args = {"search", "--db", Db(), "--batch", file};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult refused = Byline(args);
    EXPECT_EQ(refused.code, 2) << extra[0];
    EXPECT_NE(refused.err.find("--batch does not take " + extra[0]), std::string::npos)
        << refused.err;
  }
  // A file that fails midway is an error, not an empty list of names.
  if (std::filesystem::exists("/proc/self/mem")) {
    RunResult bad = Byline({"search", "--db", Db(), "--batch", "/proc/self/mem"});
    EXPECT_EQ(bad.code, 1) << bad.err;
    EXPECT_NE(bad.err.find("cannot read the batch file /proc/self/mem: "), std::string::npos)
        << bad.err;
    EXPECT_EQ(bad.out, "");
  }
  // A missing one is a usage error, as a missing --synonyms file is.
  RunResult missing = Byline({"search", "--db", Db(), "--batch", "/nonexistent/names.txt"});
  EXPECT_EQ(missing.code, 2) << missing.err;
  EXPECT_NE(missing.err.find("/nonexistent/names.txt: No such file or directory"),
            std::string::npos)
      << missing.err;
}

// RFC 4180: a header, one CRLF row per hit, quotes doubled inside quoted
// fields, and a row with empty hit columns for a query without hits.
TEST_F(BatchCli, BatchCsvHasARowPerHitAndOneForNone) {
  const std::string file = dir_.Write("csv.txt", "crane \"operations\"\nzzyzzyva, nothing\n");
  RunResult r = Byline({"search", "--db", Db(), "--batch", file, "--format", "csv", "-n", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("query,count,rank,id,title,date,source,error\r\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\r\n\"crane \"\"operations\"\"\","), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",1,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\n\"zzyzzyva, nothing\",0,,,,,,\r\n"), std::string::npos) << r.out;
  RunResult csv = Byline({"search", "--db", Db(), "--format", "csv", "crane"});
  EXPECT_EQ(csv.code, 2);
  EXPECT_NE(csv.err.find("--format csv is for --batch"), std::string::npos) << csv.err;
}

// `byline similar`: the listing of search, without the article itself; an
// unknown id is exit status 1.
TEST_F(BatchCli, SimilarListsOthersLikeTheArticle) {
  RunResult top = Byline({"search", "--db", Db(), "--format", "ids", "-n", "1", "crane", "strike"});
  ASSERT_EQ(top.code, 0) << top.err;
  ASSERT_FALSE(top.out.empty());
  const std::string id = top.out.substr(0, top.out.find('\n'));
  RunResult r = Byline({"similar", "--db", Db(), "--json", "-n", "5", id});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_GE(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines.back()["type"], "summary");
  EXPECT_EQ(lines.back()["sort"], "relevance");
  EXPECT_EQ(lines.back()["query"], "similar:" + id);  // what the query is made from
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_NE(lines[i]["id"], id) << r.out;
  RunResult text = Byline({"similar", "--db", Db(), "--color", "never", id});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(lines[0]["title"].get<std::string>()), std::string::npos) << text.out;
  RunResult missing = Byline({"similar", "--db", Db(), "no-such-id"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no article with id 'no-such-id'"), std::string::npos) << missing.err;
}

}  // namespace
