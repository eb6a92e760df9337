// What a search returns beyond ranking: the order (relevance, newest,
// oldest), browsing by filters alone, one hit per story with its copies,
// paging, exact counts, derived titles and the proximity bonus. The articles
// are the test's own; the stories (schema::kSlotStory and the kPrefixStory
// term) are set here with a WritableDatabase, as the index side would.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

std::string Line(const std::string& id, const std::string& title, const std::string& date,
                 const std::string& source, const std::string& body) {
  return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"date\":\"" + date +
         "\",\"source\":\"" + source + "\",\"lang\":\"en\",\"body\":\"" + body + "\"}\n";
}

// A filler of `n` words that no query below searches.
std::string Filler(int n) {
  static const char* words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
  std::string s;
  for (int i = 0; i < n; ++i) s += std::string(i ? " " : "") + words[i % 6];
  return s;
}

class SearchResultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    std::string lines;
    // Story k1: three copies of one wire story.
    lines += Line("k1-reuters", "Harbour cranes idle as strike spreads", "2020-01-01", "Reuters",
                  "Crane operators walked out at the harbour. " + Filler(10));
    lines += Line("k1-ap", "Harbour cranes idle as strike spreads", "2020-01-02", "AP",
                  "Crane operators walked out at the harbour today. " + Filler(10));
    lines += Line("k1-afp", "Harbour cranes idle as strike spreads", "2020-01-03", "AFP",
                  "Crane operators walked out at the harbour, unions said. " + Filler(10));
    lines += Line("crane-solo", "A crane for the museum", "2020-02-01", "Courier",
                  "The museum bought a crane. " + Filler(10));
    lines +=
        Line("crane-undated", "Crane hire prices", "", "Courier", "Crane hire rose. " + Filler(10));
    // Budget: 12 articles in 8 stories (four of two copies, four alone).
    for (int i = 0; i < 12; ++i) {
      lines += Line("budget-" + std::to_string(i), "Budget item " + std::to_string(i),
                    "2021-03-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1), "Ledger",
                    "The council budget " + Filler(i + 3));
    }
    // Proximity: the same words and length, side by side or far apart; the
    // far one first, so that without the bonus it would win the tie.
    lines += Line("far", "Report one", "2019-05-01", "Wire",
                  "The islamic " + Filler(20) + " state said. " + Filler(5));
    lines += Line("near", "Report two", "2019-05-02", "Wire",
                  "The islamic state " + Filler(20) + " said. " + Filler(5));
    // No title: one is derived from the body.
    lines += Line("untitled", "", "2019-06-01", "Wire",
                  "Ferries resume service after the storm. The port reopened on Monday.");
    ASSERT_EQ(test::IndexLines(*dir_, lines), Db());
    // The stories are the test's own: the indexer's (story.h) are cleared
    // first, since its filler text makes near-copies of the budget items.
    Xapian::WritableDatabase db(Db(), Xapian::DB_OPEN);
    std::vector<Xapian::docid> all(db.postlist_begin(""), db.postlist_end(""));
    for (Xapian::docid did : all) {
      Xapian::Document doc = db.get_document(did);
      if (doc.get_value(schema::kSlotStory).empty()) continue;
      doc.remove_value(schema::kSlotStory);
      std::vector<std::string> keys;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if ((*t).rfind(schema::kPrefixStory, 0) == 0) keys.push_back(*t);
      }
      for (const std::string& k : keys) doc.remove_term(k);
      db.replace_document(did, doc);
    }
    auto mark = [&](const std::string& id, const std::string& key) {
      Xapian::PostingIterator p = db.postlist_begin(IdTerm(id));
      ASSERT_NE(p, db.postlist_end(IdTerm(id))) << id;
      Xapian::docid did = *p;
      Xapian::Document doc = db.get_document(did);
      doc.add_value(schema::kSlotStory, key);
      doc.add_boolean_term(schema::kPrefixStory + key);
      db.replace_document(did, doc);
    };
    for (const char* id : {"k1-reuters", "k1-ap", "k1-afp"}) mark(id, "k1");
    for (int s = 0; s < 4; ++s) {
      mark("budget-" + std::to_string(2 * s), "b" + std::to_string(s));
      mark("budget-" + std::to_string(2 * s + 1), "b" + std::to_string(s));
    }
    db.commit();
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return (dir_->path() / "db").string(); }

  SearchResults Search(SearchRequest req) {
    auto s = Searcher::Open(Db());
    EXPECT_TRUE(s.ok()) << s.status().message();
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << req.query << ": " << r.status().message();
    return r.ok() ? *r : SearchResults{};
  }
  SearchResults Search(const std::string& q, std::size_t n = 50) {
    SearchRequest req;
    req.query = q;
    req.limit = n;
    return Search(req);
  }
  static std::vector<std::string> Ids(const SearchResults& r) {
    std::vector<std::string> ids;
    for (const Hit& h : r.hits) ids.push_back(h.article.id);
    return ids;
  }

  static test::TempDir* dir_;
};

test::TempDir* SearchResultsTest::dir_ = nullptr;

using IdList = std::vector<std::string>;

TEST_F(SearchResultsTest, OneHitPerStoryWithItsCopies) {
  SearchResults r = Search("crane");
  EXPECT_TRUE(r.collapsed);
  ASSERT_EQ(r.hits.size(), 3u) << ::testing::PrintToString(Ids(r));
  EXPECT_TRUE(r.exact());
  EXPECT_EQ(r.matches_lower, 3u);  // stories
  const Hit* story = nullptr;
  for (const Hit& h : r.hits) {
    if (h.article.id.rfind("k1-", 0) == 0)
      story = &h;
    else
      EXPECT_TRUE(h.copies.empty()) << h.article.id;
  }
  ASSERT_NE(story, nullptr);
  ASSERT_EQ(story->copies.size(), 2u);
  std::set<std::string> seen = {story->article.id};
  for (const Copy& c : story->copies) {
    seen.insert(c.id);
    EXPECT_FALSE(c.source.empty());
    EXPECT_EQ(c.date.substr(0, 7), "2020-01");
  }
  EXPECT_EQ(seen, (std::set<std::string>{"k1-reuters", "k1-ap", "k1-afp"}));
  // Only the copies that match the query are listed.
  SearchRequest req;
  req.query = "crane";
  req.until = "2020-01-02";
  SearchResults dated = Search(req);
  ASSERT_EQ(dated.hits.size(), 1u);
  EXPECT_EQ(dated.hits[0].copies.size(), 1u);
  // The copies listed are those the query matches, whether their terms and
  // positions decide it or the query is run again (NEAR): only AFP's copy says
  // "unions" ("harbour, unions said"), only AP's "harbour today".
  struct CopyCase {
    const char* query;
    const char* hit;               // the story's hit, "" for any copy
    std::set<std::string> copies;  // its copies listed
  };
  const CopyCase copy_cases[] = {
      {"+crane +unions", "k1-afp", {}},
      {"unions", "k1-afp", {}},
      {"crane -unions", "", {"k1-reuters", "k1-ap"}},
      {"crane source:ap", "k1-ap", {}},
      {"crane OR unions", "", {"k1-reuters", "k1-ap", "k1-afp"}},
      {"+crane +(unions OR today)", "", {"k1-ap", "k1-afp"}},
      {"\"operators walked\"", "", {"k1-reuters", "k1-ap", "k1-afp"}},
      {"\"harbour today\" OR \"harbour unions\"", "", {"k1-ap", "k1-afp"}},
      {"\"crane walked\"~1", "", {"k1-reuters", "k1-ap", "k1-afp"}},
      {"\"crane walked\" OR unions", "k1-afp", {}},
      {"harbour NEAR/2 unions", "k1-afp", {}},
  };
  for (const CopyCase& c : copy_cases) {
    SCOPED_TRACE(c.query);
    req = {};
    req.query = c.query;
    SearchResults r = Search(req);
    const Hit* hit = nullptr;
    for (const Hit& h : r.hits) {
      if (h.article.id.rfind("k1-", 0) == 0) hit = &h;
    }
    ASSERT_NE(hit, nullptr);
    if (*c.hit) {
      EXPECT_EQ(hit->article.id, c.hit);
    }
    std::set<std::string> want = c.copies, got;
    want.erase(hit->article.id);
    for (const Copy& copy : hit->copies) got.insert(copy.id);
    EXPECT_EQ(got, want);
  }
  // --all-copies: each copy is a hit, and nothing is listed as a copy.
  req = {};
  req.query = "crane";
  req.limit = 50;
  req.collapse = false;
  SearchResults all = Search(req);
  EXPECT_FALSE(all.collapsed);
  EXPECT_EQ(all.hits.size(), 5u);
  EXPECT_EQ(all.matches_lower, 5u);
  for (const Hit& h : all.hits) EXPECT_TRUE(h.copies.empty());
}

TEST_F(SearchResultsTest, PagesContinueWithNoStoryRepeated) {
  for (SortOrder order : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
    SCOPED_TRACE(SortOrderName(order));
    std::set<std::string> stories;
    std::size_t shown = 0;
    for (std::size_t offset = 0; offset < 12; offset += 3) {
      SearchRequest req;
      req.query = "budget";
      req.limit = 3;
      req.offset = offset;
      req.sort = order;
      SearchResults r = Search(req);
      for (const Hit& h : r.hits) {
        int n = std::stoi(h.article.id.substr(7));
        std::string story = n < 8 ? "b" + std::to_string(n / 2) : h.article.id;
        EXPECT_TRUE(stories.insert(story).second) << story << " again at offset " << offset;
        EXPECT_EQ(h.rank, offset + 1 + (&h - r.hits.data()));
        EXPECT_EQ(h.copies.size(), n < 8 ? 1u : 0u) << h.article.id;
        ++shown;
      }
    }
    EXPECT_EQ(shown, 8u);
    EXPECT_EQ(stories.size(), 8u);
  }
}

TEST_F(SearchResultsTest, SortOrdersWithUndatedLast) {
  SearchRequest req;
  req.query = "crane";
  req.collapse = false;
  req.sort = SortOrder::kNewest;
  EXPECT_EQ(Ids(Search(req)),
            (IdList{"crane-solo", "k1-afp", "k1-ap", "k1-reuters", "crane-undated"}));
  req.sort = SortOrder::kOldest;
  EXPECT_EQ(Ids(Search(req)),
            (IdList{"k1-reuters", "k1-ap", "k1-afp", "crane-solo", "crane-undated"}));
  req.sort = SortOrder::kAuto;  // words: relevance
  EXPECT_EQ(Search(req).sort, SortOrder::kRelevance);
}

// A searcher runs every search on one Enquire (searcher.cc, EnquireFor): each
// search must leave nothing behind for the next, whatever their order.
TEST_F(SearchResultsTest, OneSearcherAnswersEachRequestAsAFreshOne) {
  std::vector<SearchRequest> reqs;
  for (SortOrder order : {SortOrder::kOldest, SortOrder::kRelevance, SortOrder::kNewest}) {
    for (bool collapse : {true, false}) {
      for (const char* q : {"crane", "budget", "source:courier"}) {
        SearchRequest req;
        req.query = q;
        req.sort = order;
        req.collapse = collapse;
        req.limit = 4;
        reqs.push_back(req);
      }
    }
  }
  SearchRequest heavy;  // other BM25 parameters, then the defaults again
  heavy.query = "crane harbour";
  heavy.ranking.k1 = 2.0;
  heavy.ranking.b = 0.9;
  reqs.push_back(heavy);
  heavy.ranking = RankingOptions();
  reqs.push_back(heavy);
  auto shared = Searcher::Open(Db());
  ASSERT_TRUE(shared.ok()) << shared.status().message();
  for (int pass = 0; pass < 2; ++pass) {
    for (const SearchRequest& req : reqs) {
      SCOPED_TRACE(req.query + " " + SortOrderName(req.sort) +
                   (req.collapse ? " collapsed" : " all copies") +
                   " k1=" + std::to_string(req.ranking.k1));
      auto one = (*shared)->Search(req);
      ASSERT_TRUE(one.ok()) << one.status().message();
      SearchResults fresh = Search(req);
      ASSERT_EQ(Ids(*one), Ids(fresh));
      EXPECT_EQ(one->collapsed, fresh.collapsed);
      EXPECT_EQ(one->matches_estimated, fresh.matches_estimated);
      for (std::size_t i = 0; i < fresh.hits.size(); ++i) {
        EXPECT_DOUBLE_EQ(one->hits[i].score, fresh.hits[i].score);
      }
    }
  }
}

TEST_F(SearchResultsTest, DescribesTheQueryOnlyWhenAsked) {
  SearchRequest req;
  req.query = "crane -museum";
  EXPECT_FALSE(Search(req).query_description.empty());  // the default: described
  req.describe = false;
  SearchResults quiet = Search(req);
  EXPECT_TRUE(quiet.query_description.empty());
  EXPECT_FALSE(quiet.hits.empty());  // only the description is left out
}

TEST_F(SearchResultsTest, FiltersAloneListArticlesNewestFirst) {
  // source:courier has two articles, one undated.
  SearchResults courier = Search("source:courier");
  EXPECT_EQ(courier.sort, SortOrder::kNewest);
  EXPECT_EQ(Ids(courier), (IdList{"crane-solo", "crane-undated"}));
  EXPECT_TRUE(courier.exact());
  // '*' lists every article: 20 articles, 14 stories.
  SearchResults all = Search("*", 100);
  EXPECT_EQ(all.hits.size(), 14u);
  EXPECT_EQ(all.hits[0].article.id, "budget-11");  // the newest
  EXPECT_EQ(all.hits.back().article.id, "crane-undated");
  // A blank query within --since/--until lists the articles of the period.
  SearchRequest req;
  req.since = "2019-05";
  req.until = "2019-06";
  req.limit = 50;
  EXPECT_EQ(Ids(Search(req)), (IdList{"untitled", "near", "far"}));
  req.sort = SortOrder::kOldest;
  EXPECT_EQ(Ids(Search(req)), (IdList{"far", "near", "untitled"}));
  // A blank query with no dates is still an error.
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest blank;
  blank.query = "  ";
  EXPECT_FALSE((*s)->Search(blank).ok());
}

TEST_F(SearchResultsTest, ExactCountsAndPagesPastTheEnd) {
  SearchRequest req;
  req.query = "budget OR crane";
  req.limit = 0;
  req.exact_count = true;
  SearchResults count = Search(req);
  EXPECT_TRUE(count.hits.empty());
  EXPECT_TRUE(count.exact()) << count.matches_lower << " " << count.matches_estimated << " "
                             << count.matches_upper;
  EXPECT_EQ(count.matches_lower, 11u);  // 8 budget stories, 3 crane stories
  req.collapse = false;
  EXPECT_EQ(Search(req).matches_lower, 17u);
  // A page past the end still counts, exactly.
  req = {};
  req.query = "budget";
  req.offset = 300;
  SearchResults past = Search(req);
  EXPECT_TRUE(past.hits.empty());
  EXPECT_TRUE(past.exact());
  EXPECT_EQ(past.matches_upper, 8u);
  EXPECT_EQ(past.offset, 300u);
}

// A count that is not exact is bounded by what Xapian saw of the articles
// too: collapsing folds away at most every copy but one (here 11 articles
// in 5 stories: at most 10), so the stories are at least the articles seen
// less 10, however few stories reached the top of the ranking.
TEST_F(SearchResultsTest, StoryCountsAreBoundedByTheArticlesSeen) {
  for (const char* query : {"*", "budget OR crane", "council budget"}) {
    for (SortOrder sort : {SortOrder::kNewest, SortOrder::kRelevance}) {
      SearchRequest req;
      req.query = query;
      req.sort = sort;
      req.exact_count = true;
      req.limit = 0;
      const std::uint64_t stories = Search(req).matches_lower;
      req.collapse = false;
      const std::uint64_t articles = Search(req).matches_lower;
      for (std::size_t limit : {1, 3}) {
        req = {};
        req.query = query;
        req.sort = sort;
        req.limit = limit;
        const SearchResults r = Search(req);
        const std::string at = std::string(query) + " -n " + std::to_string(limit);
        EXPECT_TRUE(r.collapsed) << at;
        EXPECT_LE(r.matches_lower, stories) << at;
        EXPECT_GE(r.matches_upper, stories) << at;
        EXPECT_LE(r.matches_lower, r.matches_estimated) << at;
        EXPECT_LE(r.matches_estimated, r.matches_upper) << at;
        EXPECT_GE(r.matches_lower + 10, articles) << at;
      }
    }
  }
}

TEST_F(SearchResultsTest, MissingTitlesAreDerivedFromTheBody) {
  for (bool snippets : {true, false}) {
    SearchRequest req;
    req.query = "ferries";
    req.snippets = snippets;
    SearchResults r = Search(req);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_TRUE(r.hits[0].article.title_derived);
    EXPECT_EQ(r.hits[0].article.title, "Ferries resume service after the storm.");
    EXPECT_EQ(r.hits[0].title.text, "Ferries resume service after the storm.");
  }
  EXPECT_FALSE(Search("crane").hits[0].article.title_derived);
}

TEST_F(SearchResultsTest, WordsSideBySideRankAboveTheSameWordsFarApart) {
  SearchResults r = Search("islamic state");
  EXPECT_EQ(Ids(r), (IdList{"near", "far"}));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_GT(r.hits[0].score, r.hits[1].score * 1.05);
  // Without the bonus the two tie: the bonus is what puts "near" on top.
  SearchRequest req;
  req.query = "islamic state";
  req.ranking.proximity_weight = 0;
  SearchResults plain = Search(req);
  ASSERT_EQ(plain.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(plain.hits[0].score, plain.hits[1].score);
}

// CountCoverage counts what Search counts: stories (each once, under its
// first copy's date and source) or, without collapsing, every copy.
TEST_F(SearchResultsTest, CoverageCountsEveryMatchByDayAndFacet) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok()) << s.status().message();
  SearchRequest req;
  req.query = "crane";
  req.exact_count = true;
  for (bool collapse : {true, false}) {
    req.collapse = collapse;
    auto c = (*s)->CountCoverage(req, {"source", "year", "month", "lang", "author"});
    ASSERT_TRUE(c.ok()) << c.status().message();
    auto r = (*s)->Search(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(c->collapsed, collapse);
    EXPECT_EQ(c->matches, r->matches_lower) << collapse;
    EXPECT_EQ(c->matches, collapse ? 3u : 5u);
    EXPECT_EQ(c->undated, 1u);  // crane-undated
    std::uint64_t dated = 0;
    for (const auto& [day, n] : c->days) dated += n;
    EXPECT_EQ(dated, c->matches - 1);
    EXPECT_EQ(c->days.at("20200201"), 1u);  // crane-solo
    ASSERT_EQ(c->facets.size(), 5u);
    const FacetCounts& source = c->facets[0];
    EXPECT_EQ(source.name, "source");
    EXPECT_TRUE(source.available);
    ASSERT_FALSE(source.values.empty());
    EXPECT_EQ(source.values[0].value, "Courier");  // whole value, most first
    EXPECT_EQ(source.values[0].count, 2u);
    EXPECT_EQ(source.values.size(), collapse ? 2u : 4u);  // the story under one source
    const FacetCounts& year = c->facets[1];
    ASSERT_EQ(year.values.size(), 1u);
    EXPECT_EQ(year.values[0].value, "2020");
    EXPECT_EQ(year.values[0].count, c->matches - 1);
    EXPECT_EQ(year.missing, 1u);
    const FacetCounts& month = c->facets[2];
    ASSERT_EQ(month.values.size(), 2u);
    EXPECT_EQ(month.values[0].value, "2020-01");
    EXPECT_EQ(month.values[0].count, collapse ? 1u : 3u);
    const FacetCounts& lang = c->facets[3];
    ASSERT_EQ(lang.values.size(), 1u);
    EXPECT_EQ(lang.values[0].value, "en");
    EXPECT_EQ(lang.values[0].count, c->matches);
    const FacetCounts& author = c->facets[4];
    EXPECT_TRUE(author.available);  // no article has an author: nothing to rebuild for
    EXPECT_TRUE(author.values.empty());
    EXPECT_EQ(author.missing, c->matches);
  }
  auto bad = (*s)->CountCoverage(req, {"colour"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("no facet 'colour'"), std::string::npos);
}

// A database indexed before the source slot has XS terms but no values:
// the facet says so instead of showing nothing.
TEST_F(SearchResultsTest, CoverageSaysWhenSourceSlotsAreMissing) {
  test::TempDir tmp;
  const std::string db = (tmp.path() / "old").string();
  std::filesystem::copy(Db(), db);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    std::vector<Xapian::docid> all(w.postlist_begin(""), w.postlist_end(""));
    for (Xapian::docid did : all) {
      Xapian::Document doc = w.get_document(did);
      doc.remove_value(schema::kSlotSource);
      w.replace_document(did, doc);
    }
    w.commit();
  }
  auto s = Searcher::Open(db);
  ASSERT_TRUE(s.ok()) << s.status().message();
  SearchRequest req;
  req.query = "crane";
  auto c = (*s)->CountCoverage(req, {"source"});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_FALSE(c->facets[0].available);
}

}  // namespace
}  // namespace byline
