// Tests of query-log reading and latency percentiles.
#include "byline/measure/bench.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace byline {
namespace {

TEST(BenchTest, ReadsPlainAndJsonLinesLogs) {
  test::TempDir dir;
  auto plain =
      LoadQueryLog(dir.Write("q.txt", "griffith observatory\n\n\"bowel obstruction\"\r\n"));
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->size(), 2u);
  EXPECT_EQ((*plain)[1].query, "\"bowel obstruction\"");
  EXPECT_EQ((*plain)[1].query_class, "all");
  auto tagged =
      LoadQueryLog(dir.Write("q.jsonl",
                             "{\"query\": \"+a +b\", \"tags\": [\"intersection\", \"global\"]}\n"
                             "{\"query\": \"c\"}\n"));
  ASSERT_TRUE(tagged.ok());
  EXPECT_EQ((*tagged)[0].query_class, "intersection");
  EXPECT_EQ((*tagged)[1].query_class, "all");
  auto bad = LoadQueryLog(dir.Write("bad.jsonl", "{\"query\": \"ok\"}\n{\"q\": 1}\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.jsonl:2:"), std::string::npos);
}

TEST(BenchTest, NearestRankPercentiles) {
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);  // 1..100 ms, unsorted
  LatencyStats s = SummarizeLatencies(&v);
  EXPECT_EQ(s.count, 100u);
  EXPECT_EQ(s.p50_ms, 50);
  EXPECT_EQ(s.p90_ms, 90);
  EXPECT_EQ(s.p99_ms, 99);
  EXPECT_EQ(s.max_ms, 100);
  EXPECT_DOUBLE_EQ(s.mean_ms, 50.5);
  std::vector<double> three = {3, 1, 2};
  LatencyStats t = SummarizeLatencies(&three);
  EXPECT_EQ(t.p50_ms, 2);  // ceil(1.5) = 2nd
  EXPECT_EQ(t.p99_ms, 3);
  std::vector<double> none;
  EXPECT_EQ(SummarizeLatencies(&none).count, 0u);
}

}  // namespace
}  // namespace byline
