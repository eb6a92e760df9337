// Searcher::Similar: articles like one article, without it and its copies.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

std::string Line(const std::string& id, const std::string& source, const std::string& title,
                 const std::string& body) {
  return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"date\":\"2015-05-01\"," +
         "\"source\":\"" + source + "\",\"lang\":\"en\",\"body\":\"" + body + "\"}\n";
}

constexpr const char* kStrike =
    "Dockers at the northern harbour walked out on Monday over pay, leaving cranes idle and "
    "container ships waiting offshore. Pickets gathered at the gates while the port authority "
    "said talks with the union would resume. Shipping lines warned of delays to cargo.";

class SimilarTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    std::string lines;
    lines += Line("strike", "Wire", "Harbour dockers strike", kStrike);
    lines += Line("strike-copy", "Courier", "Harbour dockers strike", kStrike);
    lines += Line("strike-later", "Wire", "Port talks fail",
                  "Talks between the union and the port authority failed; dockers stay out and "
                  "cranes at the harbour remain idle as container ships queue offshore.");
    lines += Line("museum", "Courier", "Museum reopens",
                  "The town museum reopened after repairs with a new gallery of paintings.");
    lines += Line("harvest", "Courier", "Harvest early",
                  "Farmers began the wheat harvest early after a dry, warm spring.");
    ASSERT_EQ(test::IndexLines(*dir_, lines), Db());
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return (dir_->path() / "db").string(); }
  static test::TempDir* dir_;
};
test::TempDir* SimilarTest::dir_ = nullptr;

TEST_F(SimilarTest, FindsTheSameStoryLaterButNotItselfOrItsCopies) {
  // The copy is one: the index put both in one story.
  Xapian::Database db(Db());
  auto story = [&](const std::string& id) {
    return db.get_document(*db.postlist_begin(IdTerm(id))).get_value(schema::kSlotStory);
  };
  ASSERT_FALSE(story("strike").empty());
  ASSERT_EQ(story("strike"), story("strike-copy"));
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok()) << s.status().message();
  SearchRequest req;
  auto r = (*s)->Similar("strike", req);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> ids;
  for (const Hit& h : r->hits) ids.push_back(h.article.id);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], "strike-later");
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "strike"), 0);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "strike-copy"), 0);
  EXPECT_EQ(r->sort, SortOrder::kRelevance);
}

TEST_F(SimilarTest, AnUnknownIdIsNotFoundAndDatesFilter) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  auto missing = (*s)->Similar("no-such-id", SearchRequest{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("no article with id 'no-such-id'"), std::string::npos)
      << missing.status().message();
  SearchRequest later;
  later.since = "2016";
  auto none = (*s)->Similar("strike", later);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->hits.empty());
}

// Articles in scripts other than Latin have words to go on too (their
// stems start with a UTF-8 byte above 0x7F, which once compared as a
// negative char and left none): Russian, Arabic, Chinese.
TEST(SimilarScriptsTest, ArticlesInEveryScriptFindTheirLikes) {
  const struct {
    const char* lang;
    const char* first;
    const char* like;
    const char* other;
  } cases[] = {
      {"ru", "Новая станция метро открылась в центре города, пассажиры довольны.",
       "Пассажиры метро хвалят новую станцию в центре города.",
       "Футбольный клуб выиграл кубок страны в субботу."},
      {"ar", "افتتحت محطة المترو الجديدة في وسط المدينة وسط ترحيب الركاب.",
       "الركاب يشيدون بمحطة المترو الجديدة في وسط المدينة.",
       "فاز النادي بكأس البطولة يوم السبت بعد مباراة صعبة."},
      {"zh", "市中心的新地铁站今天开通，乘客们很满意。", "乘客称赞市中心新开通的地铁站。",
       "足球俱乐部周六赢得了全国杯赛冠军。"},
  };
  for (const auto& c : cases) {
    test::TempDir dir;
    auto line = [&](const char* id, const char* body) {
      return std::string("{\"id\":\"") + id + "\",\"lang\":\"" + c.lang + "\",\"body\":\"" + body +
             "\"}\n";
    };
    const std::string db =
        test::IndexLines(dir, line("first", c.first) + line("like", c.like) +
                                  line("other", c.other) + line("filler", "x y z"));
    ASSERT_FALSE(db.empty());
    auto s = Searcher::Open(db);
    ASSERT_TRUE(s.ok()) << s.status().message();
    auto r = (*s)->Similar("first", SearchRequest{});
    ASSERT_TRUE(r.ok()) << c.lang << ": " << r.status().message();
    ASSERT_FALSE(r->hits.empty()) << c.lang;
    EXPECT_EQ(r->hits[0].article.id, "like") << c.lang;
  }
}

}  // namespace
}  // namespace byline
