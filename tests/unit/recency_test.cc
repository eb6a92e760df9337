// SearchRequest::recent_days: a date bonus that reorders near ties towards
// the newest articles (the newest date in the database, not today), and the
// date arithmetic under it.
#include "search/recency.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "byline/index_writer.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

TEST(DaysOfDateKey, CountsDaysFromTheEpoch) {
  const struct {
    const char* key;
    long want;
  } cases[] = {
      {"19700101", 0},     {"19700102", 1},    {"19691231", -1},         {"20000229", 11016},
      {"20000301", 11017}, {"19870226", 6265}, {"20181114T0930", 17849},
  };
  for (const auto& c : cases) {
    auto days = DaysOfDateKey(c.key);
    ASSERT_TRUE(days.has_value()) << c.key;
    EXPECT_EQ(*days, c.want) << c.key;
  }
  for (const char* bad : {"", "2018", "2018111", "2018-11-14", "20181314", "20181100"}) {
    EXPECT_FALSE(DaysOfDateKey(bad).has_value()) << bad;
  }
}

std::string Line(const std::string& id, const std::string& date, const std::string& body) {
  return "{\"id\":\"" + id + "\",\"title\":\"Report " + id + "\",\"date\":\"" + date +
         "\",\"lang\":\"en\",\"body\":\"" + body + "\"}\n";
}

class RecencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    std::string lines;
    // "old" matches a little better than "new"; the newest article in the
    // database (which does not match) is two days after "new", years
    // before today.
    lines += Line("old", "2015-01-10", "The harbour strike goes on. Harbour pickets stay.");
    lines += Line("new", "2015-06-28", "The harbour strike goes on. Pickets stay out.");
    lines += Line("undated", "", "The harbour was quiet all week.");
    lines += Line("latest", "2015-06-30", "Rain fell on the allotments all week.");
    for (int i = 0; i < 8; ++i) {
      lines += Line("filler" + std::to_string(i), "2015-03-0" + std::to_string(i + 1),
                    "Ferries sailed and buses ran on time in the valley.");
    }
    ASSERT_EQ(test::IndexLines(*dir_, lines), Db());
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return (dir_->path() / "db").string(); }

  static std::vector<std::string> Ids(double recent_days, std::vector<double>* scores = nullptr) {
    auto s = Searcher::Open(Db());
    EXPECT_TRUE(s.ok()) << s.status().message();
    SearchRequest req;
    req.query = "harbour strike";
    req.recent_days = recent_days;
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> ids;
    for (const Hit& h : r->hits) {
      ids.push_back(h.article.id);
      if (scores) scores->push_back(h.score);
    }
    return ids;
  }
  static test::TempDir* dir_;
};
test::TempDir* RecencyTest::dir_ = nullptr;

TEST_F(RecencyTest, ANearTieGoesToTheNewerArticle) {
  std::vector<double> plain_scores;
  const auto plain = Ids(0, &plain_scores);
  ASSERT_EQ(plain.size(), 3u);
  ASSERT_EQ(plain[0], "old");
  // The tie is near enough for the bonus to matter.
  ASSERT_GT(plain_scores[1], plain_scores[0] * (1 - kRecencyShare));
  const auto recent = Ids(30);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0], "new");
  EXPECT_EQ(recent[1], "old");
  EXPECT_EQ(recent[2], "undated");  // no date, no bonus
}

TEST_F(RecencyTest, AHalfLifeOfCenturiesChangesNoOrder) { EXPECT_EQ(Ids(0), Ids(1e6)); }

}  // namespace
}  // namespace byline
