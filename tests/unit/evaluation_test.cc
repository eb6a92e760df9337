// Metrics checked against values computed by hand with trec_eval's rules.
#include "byline/measure/evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "testutil.h"

namespace byline {
namespace {

const std::map<std::string, int> kJudged = {{"d1", 1}, {"d2", 2}, {"d3", 1}, {"d4", 0}};

TEST(EvaluationTest, OneTopicWithTiesBrokenLikeTrecEval) {
  // Scores tie for d5 and d2: trec_eval orders ties by docid descending, so
  // d5 comes before d2 whatever ranks a run file says: d1 d5 d2 d3.
  std::vector<RunEntry> run = {{"d1", 3}, {"d2", 2}, {"d5", 2}, {"d3", 1}};
  TopicMetrics m = EvaluateTopic(run, kJudged);
  EXPECT_EQ(m.relevant, 3);
  EXPECT_EQ(m.retrieved, 4);
  EXPECT_EQ(m.relevant_retrieved, 3);
  EXPECT_NEAR(m.ap, (1.0 / 1 + 2.0 / 3 + 3.0 / 4) / 3, 1e-9);  // 0.805556
  // Graded gain, discount log2(rank + 1): 1/1 + 0 + 2/2 + 1/log2(5);
  // ideal 2/1 + 1/log2(3) + 1/2.
  double dcg = 1.0 + 2.0 / 2.0 + 1.0 / std::log2(5.0);
  double idcg = 2.0 + 1.0 / std::log2(3.0) + 1.0 / 2.0;
  EXPECT_NEAR(m.ndcg10, dcg / idcg, 1e-9);  // 0.776343
  EXPECT_NEAR(m.p10, 0.3, 1e-12);
  EXPECT_NEAR(m.recall1000, 1.0, 1e-12);
}

TEST(EvaluationTest, NothingRelevantRetrieved) {
  TopicMetrics m = EvaluateTopic({{"x", 2}, {"y", 1}}, kJudged);
  EXPECT_EQ(m.ap, 0);
  EXPECT_EQ(m.ndcg10, 0);
  EXPECT_EQ(m.p10, 0);
  EXPECT_EQ(m.recall1000, 0);
  TopicMetrics empty = EvaluateTopic({}, kJudged);
  EXPECT_EQ(empty.ap, 0);
  EXPECT_EQ(empty.retrieved, 0);
}

TEST(EvaluationTest, CutoffsAtTenAndAThousand) {
  std::vector<RunEntry> run;
  for (int i = 0; i < 1001; ++i) run.push_back({"n" + std::to_string(i), 2000.0 - i});
  run.back().docid = "d1";  // the only relevant one retrieved, at rank 1001
  TopicMetrics m = EvaluateTopic(run, {{"d1", 1}});
  EXPECT_NEAR(m.ap, 1.0 / 1001, 1e-12);
  EXPECT_EQ(m.recall1000, 0);
  EXPECT_EQ(m.p10, 0);
  run[9].docid = "d1";  // now at rank 10 too (the same doc twice is the run's problem)
  TopicMetrics m10 = EvaluateTopic(run, {{"d1", 1}});
  EXPECT_NEAR(m10.p10, 0.1, 1e-12);
  EXPECT_NEAR(m10.ndcg10, 1.0 / std::log2(11.0), 1e-12);
}

TEST(EvaluationTest, AveragesOverJudgedTopicsCountingMissingRunsAsZero) {
  Qrels qrels = {{"t1", kJudged}, {"t2", {{"x", 1}}}, {"t3", {{"q", 1}}}, {"t4", {{"a", 0}}}};
  TopicRuns run = {{"t1", {{"d1", 3}, {"d2", 2}, {"d5", 2}, {"d3", 1}}}, {"t2", {{"y", 1}}}};
  EvalSummary s = Evaluate(run, qrels);
  EXPECT_EQ(s.topics, 3);  // t4 has no relevant document: not averaged
  EXPECT_NEAR(s.map, (1.0 / 1 + 2.0 / 3 + 3.0 / 4) / 3 / 3, 1e-9);
  EXPECT_NEAR(s.p10, 0.1, 1e-12);
  ASSERT_EQ(s.per_topic.size(), 3u);
  EXPECT_EQ(s.per_topic[2].first, "t3");
}

TEST(EvaluationTest, ReadsTopicsAndQrelsAndReportsBadLines) {
  test::TempDir dir;
  auto topics = LoadTopics(dir.Write("t.tsv", "1\tquarterly earnings\r\n\n2\tmergers\n"));
  ASSERT_TRUE(topics.ok());
  ASSERT_EQ(topics->size(), 2u);
  EXPECT_EQ((*topics)[0].query, "quarterly earnings");
  auto bad_topics = LoadTopics(dir.Write("b.tsv", "1\tok\nno tab here\n"));
  ASSERT_FALSE(bad_topics.ok());
  EXPECT_NE(bad_topics.status().message().find("b.tsv:2:"), std::string::npos);
  auto qrels = LoadQrels(dir.Write("q.txt", "1 0 d1 1\n1 0 d2 0\n2 0 d9 3\n"));
  ASSERT_TRUE(qrels.ok());
  EXPECT_EQ((*qrels)["2"]["d9"], 3);
  auto bad = LoadQrels(dir.Write("bq.txt", "1 0 d1 1\n1 0 d2 high\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bq.txt:2:"), std::string::npos);
  EXPECT_FALSE(LoadQrels((dir.path() / "missing").string()).ok());
}

TEST(EvaluationTest, WritesTrecRunFiles) {
  test::TempDir dir;
  std::string path = (dir.path() / "run.txt").string();
  TopicRuns run = {{"2", {{"b", 1.5}}}, {"1", {{"a", 9.25}, {"c", 3}}}};
  ASSERT_BYLINE_OK(WriteTrecRun(path, {{"1", "q1"}, {"2", "q2"}}, run, "tag"));
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "1 Q0 a 1 9.250000 tag\n1 Q0 c 2 3.000000 tag\n2 Q0 b 1 1.500000 tag\n");
}

}  // namespace
}  // namespace byline
