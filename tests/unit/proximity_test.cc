// The proximity bonus's pairs (search/proximity.h): which neighbouring words
// pair, which pairs are dropped as common, and that the search's statistics
// (a word's stems bound its articles) decide exactly as looking every word up
// does. Articles are built by the indexer's own BuildDocument.
#include "search/proximity.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "byline/analyzer.h"
#include "byline/document.h"
#include "byline/query_parser.h"
#include "byline/schema.h"
#include "index/document_builder.h"

namespace byline {
namespace {

class ProximityPairsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    // A word is common in more than 1,000 articles and 5% of them: "report",
    // "number" and the stem of "market" and "markets" are in all 1,200, the
    // word "markets" in 400 (common by its stem, not by itself), "crude oil"
    // in 600, "opec" in one.
    for (int i = 0; i < 1200; ++i) {
      Article a;
      a.id = "a" + std::to_string(i);
      a.lang = "en";
      a.body = std::string(i % 2 == 0 ? "crude oil " : "") + (i % 3 == 0 ? "markets " : "market ") +
               "report number " + std::to_string(i) + (i == 7 ? " opec" : "");
      db_.add_document(BuildDocument(a, analyzer_, schema::kTitleWdf));
    }
    // Chinese: 科技 ("technology") and 公司 ("company") in all 1,200, but
    // as words in 10 only; elsewhere 科技 is a piece of 高科技, which has
    // no stemmed term for it.
    for (int i = 0; i < 1200; ++i) {
      Article a;
      a.id = "z" + std::to_string(i);
      a.lang = "zh";
      a.body = i < 10 ? "科技公司" : "高科技。子公司。";
      db_.add_document(BuildDocument(a, analyzer_, schema::kTitleWdf));
    }
    db_.commit();
  }

  // The pairs of `query` as "first+second", with the search's statistics
  // when `with_stats`.
  std::vector<std::string> Pairs(const std::string& query, bool with_stats,
                                 bool* may_have = nullptr) {
    auto node = ParseQuery(query, analyzer_, QueryParseOptions());
    EXPECT_TRUE(node.ok()) << query;
    CompileContext ctx;
    ctx.analyzer = &analyzer_;
    ctx.languages = {"en", "zh"};
    ctx.languages_cover_articles = true;
    ctx.db = &db_;
    ctx.ranking.proximity_max_share = 0.05;
    if (may_have) *may_have = MayHaveProximityPairs(*node, ctx);
    Xapian::Enquire enquire(db_);
    enquire.set_query(CompileQuery(*node, ctx));
    Xapian::MSet found = enquire.get_mset(0, 10);
    std::vector<std::string> out;
    for (const ProximityPair& p : ProximityPairs(*node, ctx, with_stats ? &found : nullptr)) {
      out.push_back(p.first + "+" + p.second);
    }
    return out;
  }

  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
};

TEST_F(ProximityPairsTest, StatisticsDecideAsLookingUpDoes) {
  struct Case {
    const char* query;
    std::vector<std::string> pairs;  // kept
    bool may_have;                   // MayHaveProximityPairs: before any look-up
  };
  const Case cases[] = {
      {"crude oil", {"crude+oil"}, true},
      {"crude oil market", {"crude+oil", "oil+market"}, true},
      {"report number", {}, true},                   // both common
      {"markets report", {"markets+report"}, true},  // "markets" alone is not
      {"opec", {}, false},
      {"+crude +oil", {}, false},  // no OR: no pairs
      {"crude -oil", {}, false},   // the excluded word pairs with nothing
      {"title:crude oil", {}, false},
      {"科技公司", {}, true},  // both common, though 科技's stem is in 10
  };
  for (const Case& c : cases) {
    bool may_have = false;
    EXPECT_EQ(Pairs(c.query, false, &may_have), c.pairs) << c.query;
    EXPECT_EQ(Pairs(c.query, true), c.pairs) << c.query << " (statistics)";
    EXPECT_EQ(may_have, c.may_have) << c.query;
  }
}

}  // namespace
}  // namespace byline
