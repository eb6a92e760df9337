// Known-item evaluation: the file reader, the scores (values worked out by
// hand) and the run file.
#include "byline/measure/known_items.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testutil.h"

namespace byline {
namespace {

struct ReaderCase {
  const char* name;
  const char* content;
  // What a good file gives: "query|id|tag|note|line" per item, or the
  // start of the error after "FILE:".
  std::vector<std::string> items;
  const char* error;
};

std::string Describe(const KnownItem& k) {
  return k.query + "|" + k.expected_id + "|" + k.tag + "|" + k.note + "|" + std::to_string(k.line);
}

TEST(KnownItemsTest, ReadsFilesAndNamesTheBadLine) {
  const ReaderCase cases[] = {
      {"two columns", "Qamishli water\twire-1\n", {"Qamishli water|wire-1|||1"}, nullptr},
      {"tag and note", "Hajin\tw-2\tword\tdf=1\n", {"Hajin|w-2|word|df=1|1"}, nullptr},
      {"comments, blanks, CRLF",
       "# query\tid\ttag\n\n   \n  # indented comment\r\nflood barrier\tw-3\tphrase\r\n",
       {"flood barrier|w-3|phrase||5"},
       nullptr},
      {"empty tag column", "a b\tx\t\tnote\n", {"a b|x||note|1"}, nullptr},
      {"ids and queries kept as written",
       " \"al qaeda\" \tdir/f.txt:3\n",
       {" \"al qaeda\" |dir/f.txt:3|||1"},
       nullptr},
      {"no tab", "ok\tid\nno tab here\n", {}, ":2: expected query<TAB>expected id"},
      {"empty query", "\tid\n", {}, ":1: empty query"},
      {"blank query", "  \tid\tword\n", {}, ":1: empty query"},
      {"empty id", "q\t\tword\n", {}, ":1: empty expected id"},
      {"five columns", "q\tid\tword\tnote\textra\n", {}, ":1: 5 tab-separated columns"},
      {"nothing but comments", "# only\n\n", {}, ": no known-item queries"},
  };
  test::TempDir dir;
  for (const ReaderCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.Write("k.tsv", c.content);
    auto items = LoadKnownItems(path);
    if (c.error) {
      ASSERT_FALSE(items.ok());
      EXPECT_EQ(items.status().code(), StatusCode::kCorruption);
      EXPECT_EQ(items.status().message().rfind(path + c.error, 0), 0u) << items.status().message();
      continue;
    }
    ASSERT_TRUE(items.ok()) << items.status().message();
    std::vector<std::string> got;
    for (const KnownItem& k : *items) got.push_back(Describe(k));
    EXPECT_EQ(got, c.items);
  }
  auto absent = LoadKnownItems((dir.path() / "absent.tsv").string());
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
}

KnownItemOutcome Ranked(std::size_t rank) {
  KnownItemOutcome o;
  o.rank = rank;
  return o;
}
KnownItemOutcome Missing() {
  KnownItemOutcome o;
  o.missing = true;
  return o;
}
KnownItemOutcome Rejected() {
  KnownItemOutcome o;
  o.rejected = true;
  o.error = "bad query";
  return o;
}

struct ScoreCase {
  const char* name;
  std::vector<KnownItemOutcome> outcomes;
  int scored, missing, rejected;
  double mrr10, success1, success10;
};

TEST(KnownItemsTest, ScoresOverScoredQueriesOnly) {
  const ScoreCase cases[] = {
      {"all first", {Ranked(1), Ranked(1)}, 2, 0, 0, 1.0, 1.0, 1.0},
      {"ranks 1, 2, 4, 10",
       {Ranked(1), Ranked(2), Ranked(4), Ranked(10)},
       4,
       0,
       0,
       (1 + 0.5 + 0.25 + 0.1) / 4,
       0.25,
       1.0},
      {"not in the top 10", {Ranked(0), Ranked(2)}, 2, 0, 0, 0.25, 0, 0.5},
      // A rank past the depth (a caller's mistake) is not a success either.
      {"rank 11", {Ranked(11), Ranked(1)}, 2, 0, 0, 0.5, 0.5, 0.5},
      // Missing ids are reported apart, not counted as misses.
      {"missing left out",
       {Missing(), Ranked(1), Missing(), Ranked(3)},
       2,
       2,
       0,
       (1 + 1.0 / 3) / 2,
       0.5,
       1.0},
      // A rejected query found nothing: a miss.
      {"rejected is a miss", {Rejected(), Ranked(1)}, 2, 0, 1, 0.5, 0.5, 0.5},
      {"nothing scored", {Missing()}, 0, 1, 0, 0, 0, 0},
  };
  for (const ScoreCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<KnownItem> items(c.outcomes.size());
    KnownItemSummary s = ScoreKnownItems(items, c.outcomes);
    EXPECT_EQ(s.overall.queries, static_cast<int>(c.outcomes.size()));
    EXPECT_EQ(s.overall.scored, c.scored);
    EXPECT_EQ(s.overall.missing, c.missing);
    EXPECT_EQ(s.overall.rejected, c.rejected);
    EXPECT_NEAR(s.overall.mrr10, c.mrr10, 1e-12);
    EXPECT_NEAR(s.overall.success1, c.success1, 1e-12);
    EXPECT_NEAR(s.overall.success10, c.success10, 1e-12);
    EXPECT_TRUE(s.per_tag.empty());  // untagged queries count overall only
  }
}

TEST(KnownItemsTest, ScoresPerTagInTheOrderTagsFirstAppear) {
  std::vector<KnownItem> items(5);
  items[0].tag = "word";
  items[1].tag = "phrase";
  items[2].tag = "word";
  items[3].tag = "";  // overall only
  items[4].tag = "phrase";
  KnownItemSummary s =
      ScoreKnownItems(items, {Ranked(1), Ranked(0), Ranked(2), Ranked(1), Missing()});
  ASSERT_EQ(s.per_tag.size(), 2u);
  EXPECT_EQ(s.per_tag[0].first, "word");
  EXPECT_EQ(s.per_tag[1].first, "phrase");
  EXPECT_EQ(s.per_tag[0].second.queries, 2);
  EXPECT_NEAR(s.per_tag[0].second.mrr10, 0.75, 1e-12);
  EXPECT_NEAR(s.per_tag[0].second.success1, 0.5, 1e-12);
  EXPECT_EQ(s.per_tag[1].second.queries, 2);
  EXPECT_EQ(s.per_tag[1].second.missing, 1);
  EXPECT_EQ(s.per_tag[1].second.scored, 1);
  EXPECT_EQ(s.per_tag[1].second.mrr10, 0);
  EXPECT_EQ(s.overall.queries, 5);
  EXPECT_EQ(s.overall.scored, 4);
  EXPECT_NEAR(s.overall.mrr10, (1 + 0 + 0.5 + 1) / 4, 1e-12);
  EXPECT_NEAR(s.overall.success10, 0.75, 1e-12);
}

TEST(KnownItemsTest, RunFileHasOneLinePerQueryInFileOrder) {
  EXPECT_EQ(KnownItemRankText(Ranked(3)), "3");
  EXPECT_EQ(KnownItemRankText(Ranked(0)), "-");
  EXPECT_EQ(KnownItemRankText(Rejected()), "-");
  EXPECT_EQ(KnownItemRankText(Missing()), "missing");
  test::TempDir dir;
  std::vector<KnownItem> items(3);
  items[0] = {"flood barrier", "w-1", "phrase", "", 1};
  items[1] = {"Hajin", "w-2", "word", "df=1", 2};
  items[2] = {"zeppelin", "gone", "", "", 4};
  const std::string path = (dir.path() / "run.tsv").string();
  ASSERT_BYLINE_OK(WriteKnownItemRun(path, items, {Ranked(1), Ranked(0), Missing()}));
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(),
            "# query\texpected id\ttag\trank (- = not in the top 10, missing = not in the "
            "database)\n"
            "flood barrier\tw-1\tphrase\t1\n"
            "Hajin\tw-2\tword\t-\n"
            "zeppelin\tgone\t\tmissing\n");
  EXPECT_FALSE(WriteKnownItemRun((dir.path() / "no/such/dir/run.tsv").string(), items,
                                 {Ranked(1), Ranked(0), Missing()})
                   .ok());
}

}  // namespace
}  // namespace byline
