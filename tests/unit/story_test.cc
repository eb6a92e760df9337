// Stories: the copy rule on signatures, and the keys IndexPaths writes in a
// build from nothing and keeps right through updates in place.
#include "index/story.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "byline/analyzer.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "index/document_builder.h"
#include "testutil.h"

namespace byline {
namespace {

const char kStory[] =
    "LONDON, March 3 - The Bank of England said it had provided the money market with "
    "a further 437 mln stg of assistance this afternoon, bringing its total help so far "
    "today to 1.02 billion stg. The central bank purchased bills outright in band two at "
    "ten and seven sixteenths pct and in band three at ten and three eighths pct. Dealers "
    "said the shortage was larger than forecast because of heavy tax payments to the "
    "Exchequer and a rise in the note circulation ahead of the weekend.";

Article Make(const std::string& id, const std::string& title, const std::string& body,
             const std::string& date) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  a.date = date;
  a.lang = "en";
  return a;
}

story::Signature SignatureOf(const Article& a) {
  Analyzer analyzer;
  Xapian::Document doc = BuildDocument(a, analyzer, schema::kTitleWdf);
  story::Signature sig;
  story::DecodeSignature(doc.get_value(schema::kSlotStorySignature), &sig);
  return sig;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  return s.replace(s.find(from), from.size(), to);
}

TEST(StoryTest, SignatureRoundTripsAndHasSixteenBandTerms) {
  story::Signature sig =
      SignatureOf(Make("1", "U.K. MONEY MARKET GIVEN HELP", kStory, "1987-03-03"));
  ASSERT_NE(sig.exact, 0u);
  story::Signature back;
  ASSERT_TRUE(story::DecodeSignature(story::EncodeSignature(sig), &back));
  EXPECT_EQ(back.exact, sig.exact);
  EXPECT_EQ(back.day, sig.day);
  EXPECT_EQ(back.mins, sig.mins);
  std::vector<std::string> terms = story::BandTerms(sig);
  ASSERT_EQ(terms.size(), story::kBands);
  for (const std::string& t : terms) {
    EXPECT_EQ(t.compare(0, 2, schema::kPrefixStoryBand), 0) << t;
    EXPECT_EQ(t.size(), 11u) << t;
  }
  EXPECT_FALSE(story::DecodeSignature("short", &back));
  // No words, no signature, no band terms.
  EXPECT_EQ(SignatureOf(Make("2", "", "", "")).exact, 0u);
}

TEST(StoryTest, TheRuleTellsCopiesFromOtherStories) {
  const Article base = Make("1", "U.K. MONEY MARKET GIVEN HELP", kStory, "1987-03-03");
  struct Case {
    const char* what;
    Article other;
    bool copy;
  };
  const Case cases[] = {
      {"an exact repeat", Make("2", base.title, base.body, base.date), true},
      {"an exact repeat a year later", Make("2", base.title, base.body, "1988-03-03"), true},
      {"another headline", Make("2", "BANK OF ENGLAND ADDS MONEY", base.body, base.date), true},
      {"a corrected paragraph",
       Make("2", "CORRECTED - " + base.title, Replace(base.body, "larger than", "smaller than"),
            base.date),
       true},
      {"another dateline and credit, next day",
       Make("2", base.title, Replace(base.body, "LONDON, March 3 -", "NEW YORK (AP) -"),
            "1987-03-04"),
       true},
      {"the last sentence cut",
       Make("2", base.title, std::string(base.body, 0, base.body.find(" Dealers said")), base.date),
       true},
      {"a light edit two weeks later",
       Make("2", "BANK OF ENGLAND ADDS MONEY", base.body, "1987-03-17"), false},
      {"another story the same day",
       Make("2", "U.K. MONEY MARKET GIVEN HELP",
            "LONDON, March 3 - Sterling rose against the dollar in quiet trading as "
            "dealers awaited the budget next week, and the pound closed at 1.5420 dlrs "
            "after 1.5365 yesterday. Gilts were steady.",
            base.date),
       false},
  };
  story::Signature a = SignatureOf(base);
  for (const Case& c : cases) {
    story::Signature b = SignatureOf(c.other);
    EXPECT_EQ(story::AreCopies(a, b), c.copy)
        << c.what << ": estimated Jaccard " << story::EstimatedJaccard(a, b);
    EXPECT_EQ(story::AreCopies(b, a), c.copy) << c.what << " (the other way round)";
  }
}

TEST(StoryTest, KeysDependOnTheSmallestIdOnly) {
  EXPECT_EQ(story::StoryKey("Q1"), story::StoryKey("Q1"));
  EXPECT_NE(story::StoryKey("Q1"), story::StoryKey("Q2"));
  EXPECT_EQ(story::StoryKey("Q1").size(), 16u);
}

// A folder of JSON Lines files, each line an article.
class StoryIndexTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::vector<Article>& articles) {
    std::ofstream out(dir_.path() / "in" / name);
    for (const Article& a : articles) {
      out << nlohmann::json{{"id", a.id}, {"title", a.title}, {"body", a.body}, {"date", a.date}}
                 .dump()
          << "\n";
    }
  }
  void Remove(const std::string& name) { std::filesystem::remove(dir_.path() / "in" / name); }

  IndexStats Index(const std::string& db, bool rebuild = false) {
    IndexOptions options;
    options.db_path = (dir_.path() / db).string();
    options.rebuild = rebuild;
    options.threads = 1;
    auto stats = IndexPaths({(dir_.path() / "in").string()}, options);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? *stats : IndexStats{};
  }

  // Every article's key, by id, checked against its XK term.
  std::map<std::string, std::string> Keys(const std::string& db_name) {
    std::map<std::string, std::string> out;
    Xapian::Database db((dir_.path() / db_name).string());
    for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
      Xapian::Document doc = db.get_document(*db.postlist_begin(*t));
      std::string key = doc.get_value(schema::kSlotStory);
      std::vector<std::string> terms;
      for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if ((*it).compare(0, 2, schema::kPrefixStory) == 0) terms.push_back(*it);
      }
      if (key.empty()) {
        EXPECT_TRUE(terms.empty()) << *t;
      } else {
        EXPECT_EQ(terms, std::vector<std::string>{schema::kPrefixStory + key}) << *t;
        EXPECT_EQ(db.get_termfreq(schema::kPrefixStory + key) > 1, true) << *t << " alone";
      }
      out[(*t).substr(1)] = key;
    }
    return out;
  }

  void SetUp() override { std::filesystem::create_directories(dir_.path() / "in"); }

  test::TempDir dir_;
};

TEST_F(StoryIndexTest, BuildsThenKeepsKeysThroughUpdates) {
  const Article a1 = Make("a1", "U.K. MONEY MARKET GIVEN HELP", kStory, "1987-03-03");
  const Article a2 = Make("a2", a1.title, a1.body, a1.date);  // an exact repeat
  const Article a3 = Make("a3", "BANK OF ENGLAND ADDS MONEY", a1.body, "1987-03-04");
  // A weekly template: one headline, other numbers, a week apart.
  const Article t1 = Make("t1", "FRANKLIN SETS MONTHLY PAYOUT",
                          "SAN MATEO, Calif., April 13 - Mthly div 6.5 cts vs 6.5 cts prior. Pay "
                          "April 30. Record April 15. Note: Franklin Insured Tax-Free Income Fund.",
                          "1987-04-13");
  const Article t2 = Make("t2", t1.title,
                          "SAN MATEO, Calif., April 20 - Mthly div 7.1 cts vs 6.5 cts prior. Pay "
                          "May 7. Record April 22. Note: Franklin Insured Tax-Free Income Fund.",
                          "1987-04-20");
  const Article u1 =
      Make("u1", "OPEC OUTPUT STEADY", "VIENNA, March 3 - OPEC output was steady.", "1987-03-03");
  Write("one.jsonl", {a1, t1, u1});
  Write("two.jsonl", {a2, t2});
  Write("three.jsonl", {a3});
  Index("db");
  auto keys = Keys("db");
  ASSERT_EQ(keys.size(), 6u);
  EXPECT_FALSE(keys["a1"].empty());
  EXPECT_EQ(keys["a1"], story::StoryKey("Qa1"));
  EXPECT_EQ(keys["a2"], keys["a1"]);
  EXPECT_EQ(keys["a3"], keys["a1"]);
  EXPECT_EQ(keys["t1"], "");
  EXPECT_EQ(keys["t2"], "");
  EXPECT_EQ(keys["u1"], "");

  // An update in place: the copy with the smallest id is edited into another
  // story; the other two stay one story, under a new key.
  Article other =
      Make("a1", "OPEC OUTPUT STEADY", "VIENNA, March 3 - OPEC output was steady.", "1987-03-03");
  Write("one.jsonl", {other, t1, u1});
  Index("db");
  keys = Keys("db");
  EXPECT_EQ(keys["a2"], story::StoryKey("Qa2"));
  EXPECT_EQ(keys["a3"], keys["a2"]);
  // The edited a1 is now an exact repeat of u1.
  EXPECT_EQ(keys["a1"], story::StoryKey("Qa1"));
  EXPECT_EQ(keys["u1"], keys["a1"]);
  EXPECT_EQ(keys["t1"], "");

  // A copy removed: a2 is alone, so it has no key.
  Remove("three.jsonl");
  Index("db");
  keys = Keys("db");
  EXPECT_EQ(keys.count("a3"), 0u);
  EXPECT_EQ(keys["a2"], "");

  // A copy added back under another id: one story again.
  Write("four.jsonl", {Make("a0", a3.title, a3.body, a3.date)});
  Index("db");
  keys = Keys("db");
  EXPECT_EQ(keys["a2"], story::StoryKey("Qa0"));
  EXPECT_EQ(keys["a0"], keys["a2"]);

  // Whatever the history, the keys are those of a clean build.
  Index("clean");
  EXPECT_EQ(Keys("clean"), keys);
}

}  // namespace
}  // namespace byline

namespace byline {
namespace {

// A writer that stops before its story pass (as a killed run would, once
// Xapian has flushed its documents) leaves notes, and the next commit
// settles them.
TEST(StoryNotesTest, AWriterClosedBeforeItsPassLeavesTheStoriesToTheNext) {
  test::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto w = IndexWriter::Open(path, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Add(Make("b", "U.K. MONEY MARKET GIVEN HELP", kStory, "1987-03-03")));
    ASSERT_BYLINE_OK((*w)->Add(Make("a", "BANK OF ENGLAND HELPS", kStory, "1987-03-03")));
  }  // closed without Commit: Xapian commits the documents and the notes, no pass
  {
    Xapian::Database db(path);
    EXPECT_EQ(db.get_termfreq(schema::kPrefixStory + story::StoryKey("Qa")), 0u);
    EXPECT_NE(db.metadata_keys_begin(schema::kMetaStoryPrefix),
              db.metadata_keys_end(schema::kMetaStoryPrefix));
  }
  {
    auto w = IndexWriter::Open(path, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Commit());
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_termfreq(schema::kPrefixStory + story::StoryKey("Qa")), 2u);
  EXPECT_EQ(db.metadata_keys_begin(schema::kMetaStoryPrefix),
            db.metadata_keys_end(schema::kMetaStoryPrefix));
  // Removing one copy leaves the other alone, without a key.
  {
    auto w = IndexWriter::Open(path, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Remove("a"));
    ASSERT_BYLINE_OK((*w)->Commit());
  }
  db.reopen();
  EXPECT_EQ(db.get_termfreq(schema::kPrefixStory + story::StoryKey("Qa")), 0u);
  Xapian::Document b = db.get_document(*db.postlist_begin("Qb"));
  EXPECT_EQ(b.get_value(schema::kSlotStory), "");
}

}  // namespace
}  // namespace byline
