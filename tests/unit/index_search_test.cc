// Library-level tests: index the sample corpus, then search it.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

class IndexSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    IndexOptions opts;
    opts.db_path = (dir_->path() / "db").string();
    opts.on_problem = [](const Status& s) { ADD_FAILURE() << s.message(); };
    auto stats = IndexPaths({std::string(BYLINE_SOURCE_DIR) + "/corpus"}, opts);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    stats_ = *stats;
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Db() { return (dir_->path() / "db").string(); }

  SearchResults Search(const std::string& q, std::size_t n = 10,
                       DefaultOperator op = DefaultOperator::kOr) {
    auto s = Searcher::Open(Db());
    EXPECT_TRUE(s.ok()) << s.status().message();
    SearchRequest req;
    req.query = q;
    req.limit = n;
    req.default_operator = op;
    req.run_suggestion = false;  // what the words match, not what a spelling would
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
    return r.ok() ? *r : SearchResults{};
  }

  // The id (or file name) of the first hit.
  std::string Top(const std::string& q) {
    auto r = Search(q, 1);
    if (r.hits.empty()) return "(none)";
    const std::string& id = r.hits[0].article.id;
    std::size_t slash = id.rfind('/');
    return slash == std::string::npos ? id : id.substr(slash + 1);
  }

  static test::TempDir* dir_;
  static IndexStats stats_;
};

test::TempDir* IndexSearchTest::dir_ = nullptr;
IndexStats IndexSearchTest::stats_;

TEST_F(IndexSearchTest, IndexesEveryArticleOfTheSampleCorpus) {
  EXPECT_EQ(stats_.articles, 41u);
  EXPECT_EQ(stats_.total_articles, 41u);
  EXPECT_EQ(stats_.problems, 0u);
  EXPECT_EQ(stats_.skipped_unknown, 0u);
}

TEST_F(IndexSearchTest, FindsTheRightArticleFirst) {
  const std::pair<const char*, const char*> cases[] = {
      {"qamishli", "qamishli-water.txt"},
      {"Hajin", "hajin-returnees.txt"},
      {"\"al qaeda\"", "al-qaeda-trial.txt"},
      {"alqaeda", "al-qaeda-trial.txt"},
      {"U.S. soybeans", "us-tariffs-soybeans.txt"},
      {"crane operators", "harbour-crane-strike.txt"},
      {"title:\"tidal flood barrier\"", "flood-barrier-vote.txt"},
      {"brooch", "museum-brooch.html"},
      {"ransomware phishing", "hospital-ransomware.html"},
      {"car-free Sundays", "car-free-sundays.htm"},
      {"cycle bridge", "courier-2018-0412"},
      {"Straßenbahn Altstadt", "anzeiger-2019-0210"},
      {"strassenbahn", "anzeiger-2019-0210"},
      {"Hochwasser Rhein", "anzeiger-2019-0305"},
      {"vendange", "vendanges.html"},
      {"café port", "cafe-du-port.txt"},
      {"метро", "metro-stations.html"},
      {"高铁", "wire-2019-0107"},
      {"速铁", "wire-2019-0107"},  // across the words 高速|铁路
      {"缩", "wire-2019-0107"},    // a character of the word 缩短
      {"التمور", "wire-2019-0104"},
      {"honey hives", "bees-in-the-city.md"},
      {"chess", "chess-club.md"},
      {"ferry timetable", "ferry-timetable.txt.gz"},
      {"research vessels shipyard", "ledger-2017-0501"},
      {"mackerel", "wire-2019-0101"},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(Top(q), want) << "query: " << q;
}

TEST_F(IndexSearchTest, StemmingMatchesInflections) {
  EXPECT_EQ(Top("elect"), "(none)");  // no article is about elections
  EXPECT_EQ(Top("returning families"), "hajin-returnees.txt");
  EXPECT_EQ(Top("glaciers retreating"), "glacier-survey.md");
}

TEST_F(IndexSearchTest, FieldsAndFilters) {
  auto by_source = Search("source:\"Valley Courier\"", 50);
  EXPECT_EQ(by_source.hits.size(), 5u);
  for (const Hit& h : by_source.hits) EXPECT_EQ(h.article.source, "Valley Courier");
  auto by_author = Search("author:haddad", 50);
  EXPECT_EQ(by_author.hits.size(), 2u);
  auto german = Search("lang:de", 50);
  EXPECT_EQ(german.hits.size(), 3u);
  auto nov = Search("date:2018-11", 50);
  for (const Hit& h : nov.hits) EXPECT_EQ(h.article.date.substr(0, 7), "2018-11") << h.article.id;
  EXPECT_EQ(nov.hits.size(), 5u);
  auto not_wire = Search("families -source:\"byline wire\"", 50);
  for (const Hit& h : not_wire.hits) EXPECT_NE(h.article.source, "Byline Wire");
}

TEST_F(IndexSearchTest, SinceAndUntil) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "council";
  req.since = "2019";
  req.until = "2019-06";
  auto r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  for (const Hit& h : r->hits) {
    EXPECT_GE(h.article.date.substr(0, 10), "2019-01-01");
    EXPECT_LE(h.article.date.substr(0, 10), "2019-06-30");
  }
  // Every filter in force is in the description (--explain, JSON "query").
  EXPECT_EQ(r->query_description, "(council FILTER date:2019-01-01..2019-06-30)");
  req.until.clear();
  r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->query_description, "(council FILTER date:2019-01-01..)");
  req.since = "not a date";
  EXPECT_EQ((*s)->Search(req).status().code(), StatusCode::kInvalidArgument);
  // One date each, not a range (it used to leave both ends open: no matches).
  for (auto [since, until] :
       {std::pair<const char*, const char*>{"..2021", ""}, {"", "2019.."}, {"2018..2019", ""}}) {
    req.since = since;
    req.until = until;
    auto bad = (*s)->Search(req);
    ASSERT_FALSE(bad.ok()) << since << " / " << until;
    EXPECT_NE(bad.status().message().find("takes one date"), std::string::npos)
        << bad.status().message();
  }
}

TEST_F(IndexSearchTest, SinceAfterUntilIsAnErrorLikeAReversedDateRange) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "council";
  req.since = "2006";
  req.until = "2005";
  auto r = (*s)->Search(req);
  ASSERT_FALSE(r.ok());  // was: no filter at all, every article
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--since 2006 is after --until 2005"), std::string::npos)
      << r.status().message();
  // The same day at both ends is a one-day range, not an error.
  req.since = req.until = "2019-03-02";
  EXPECT_TRUE((*s)->Search(req).ok());
}

TEST_F(IndexSearchTest, RelaxesToOrWhenNoArticleHasEveryWord) {
  auto r = Search("mackerel brooch", 10, DefaultOperator::kAnd);
  EXPECT_TRUE(r.relaxed);
  EXPECT_EQ(r.hits.size(), 2u);
  auto strict = Search("mackerel quotas", 10, DefaultOperator::kAnd);
  EXPECT_FALSE(strict.relaxed);
  EXPECT_EQ(strict.hits.size(), 1u);
}

TEST_F(IndexSearchTest, FeedbackAddsArticlesThatShareTheTopHitsWords) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "mackerel";
  req.limit = 50;
  auto plain = (*s)->Search(req);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->hits.size(), 1u);
  req.ranking.expand_terms = 10;
  auto expanded = (*s)->Search(req);
  ASSERT_TRUE(expanded.ok());
  ASSERT_GT(expanded->hits.size(), 1u);  // articles that share "quota", "catch"...
  EXPECT_EQ(expanded->hits[0].article.id, "wire-2019-0101");
}

TEST_F(IndexSearchTest, ProximityBonusFavoursWordsSideBySide) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "night shift";
  auto plain = (*s)->Search(req);
  req.ranking.proximity_weight = 2.0;
  auto near = (*s)->Search(req);
  ASSERT_TRUE(plain.ok() && near.ok());
  ASSERT_FALSE(near->hits.empty());
  // "night-shift staffing" (crane strike) has the words side by side.
  EXPECT_EQ(near->hits[0].article.path.substr(near->hits[0].article.path.rfind('/') + 1),
            "harbour-crane-strike.txt");
  ASSERT_EQ(plain->hits.size(), near->hits.size());
  EXPECT_GT(near->hits[0].score, plain->hits[0].score);
}

// The bonus reorders the top of the ranking (searcher.cc, Rerank): an
// article whose two words stand side by side, as Xapian's own NEAR finds
// them, has its weight multiplied by 1 + proximity_weight; any other keeps
// its weight; and the hits come in the order of the new weights. With
// depth 0 the bonus is in the query and raises the same articles.
TEST_F(IndexSearchTest, ProximityBonusMultipliesTheWeightOfArticlesWithTheWordsNear) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  Xapian::Database db(Db());
  std::size_t raised = 0, kept = 0;
  // Window 2 (side by side) is answered by each article's pair filter;
  // window 4 reads positions (as for databases built before the filter).
  for (unsigned window : {2u, 4u})
    for (const char* q :
         {"night shift", "flood barrier", "tidal barrier", "pumping station", "water supply"}) {
      SCOPED_TRACE(window);
      SearchRequest req;
      req.query = q;
      req.limit = 100;
      req.collapse = false;
      req.ranking.proximity_window = window;
      req.ranking.proximity_weight = 0;
      auto plain = (*s)->Search(req);
      req.ranking.proximity_weight = 0.5;
      req.ranking.proximity_max_share = 1;
      req.ranking.proximity_depth = 1000;  // every hit
      auto near = (*s)->Search(req);
      // In the query (depth 0): each side-by-side article gains the weight of
      // the two words, times 0.5; the others keep theirs.
      req.ranking.proximity_depth = 0;
      auto in_query = (*s)->Search(req);
      ASSERT_TRUE(plain.ok() && near.ok() && in_query.ok()) << q;
      ASSERT_EQ(in_query->hits.size(), plain->hits.size()) << q;
      ASSERT_EQ(plain->hits.size(), near->hits.size()) << q;
      // The articles that hold the two words within the window, by Xapian.
      std::string text = q;
      std::string a = text.substr(0, text.find(' ')), b = text.substr(text.find(' ') + 1);
      Xapian::Query two[] = {Xapian::Query(a), Xapian::Query(b)};
      Xapian::Enquire e(db);
      e.set_query(Xapian::Query(Xapian::Query::OP_NEAR, two, two + 2, window));
      std::set<std::string> side_by_side;
      Xapian::MSet m = e.get_mset(0, db.get_doccount());
      for (auto it = m.begin(); it != m.end(); ++it) {
        Article art;
        ASSERT_TRUE(DecodeStoredArticle(it.get_document().get_data(), &art));
        side_by_side.insert(art.id);
      }
      std::map<std::string, double> before;
      for (const Hit& h : plain->hits) before[h.article.id] = h.score;
      for (std::size_t i = 0; i < near->hits.size(); ++i) {
        const Hit& h = near->hits[i];
        const double want = before[h.article.id] * (side_by_side.count(h.article.id) ? 1.5 : 1);
        EXPECT_NEAR(h.score, want, 1e-9) << q << ": " << h.article.id;
        if (i > 0) {
          EXPECT_GE(near->hits[i - 1].score, h.score) << q;
        }
        (side_by_side.count(h.article.id) ? raised : kept) += 1;
      }
      for (const Hit& h : in_query->hits) {
        if (side_by_side.count(h.article.id)) {
          EXPECT_GT(h.score, before[h.article.id] + 1e-9) << q << ": " << h.article.id;
        } else {
          EXPECT_NEAR(h.score, before[h.article.id], 1e-9) << q << ": " << h.article.id;
        }
      }
    }
  EXPECT_GT(raised, 3u);
  EXPECT_GT(kept, 3u);
}

TEST_F(IndexSearchTest, HitsCarrySnippetsWithHighlights) {
  auto r = Search("\"pumping station\"");
  ASSERT_EQ(r.hits.size(), 1u);
  const Snippet& s = r.hits[0].snippet;
  ASSERT_FALSE(s.highlights.empty());
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "pumping station");
  EXPECT_TRUE(r.hits[0].article.body.empty());  // bodies are not handed out
}

TEST_F(IndexSearchTest, BadQueryIsAnInvalidArgumentWithPositionWhenStrict) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "crane \"strike";
  req.strict = true;
  QueryError err;
  auto r = (*s)->Search(req, &err);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(err.offset, 6u);
}

TEST_F(IndexSearchTest, TextThatIsNotSyntaxIsSearchedAsWordsWithANotice) {
  auto r = Search("crane \"strike");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.query_description, "(crane OR strike)");
  ASSERT_EQ(r.notices.size(), 1u);
  EXPECT_EQ(r.notices[0].offset, 6u);
  EXPECT_EQ(r.notices[0].position, 7u);
  EXPECT_NE(r.notices[0].message.find("position 7: unclosed quote"), std::string::npos)
      << r.notices[0].message;
  EXPECT_TRUE(Search("crane strike").notices.empty());
}

TEST_F(IndexSearchTest, AnExclusionNeverMeansEverythingExcept) {
  auto count = [&](const std::string& q) { return Search(q, 100).hits.size(); };
  std::size_t flood = count("flood");
  ASSERT_GT(flood, 0u);
  // Each of these once matched (nearly) every article.
  EXPECT_EQ(count("bridge error code (-1)"), count("bridge error code"));
  EXPECT_LT(count("bridge error code (-1)"), 41u);
  EXPECT_EQ(count("bridge OR NOT flood"), count("bridge -flood"));
  EXPECT_EQ(count("barrier OR -flood"), count("barrier -flood"));
  // Everything but, when asked for.
  EXPECT_EQ(count("* -flood"), 41u - flood);
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "-flood NOT barrier";
  QueryError err;
  auto r = (*s)->Search(req, &err);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(err.offset, 0u);
  EXPECT_NE(err.message.find("(as in '* -flood NOT barrier')"), std::string::npos) << err.message;
}

TEST_F(IndexSearchTest, TheSameFilterTwiceMeansEither) {
  auto count = [&](const std::string& q) { return Search(q, 100).hits.size(); };
  std::size_t valley = count("source:\"valley courier\"");
  std::size_t ledger = count("source:\"northern ledger\"");
  ASSERT_GT(valley, 0u);
  ASSERT_GT(ledger, 0u);
  EXPECT_EQ(count("source:\"valley courier\" source:\"northern ledger\""), valley + ledger);
  std::size_t y2018 = count("date:2018"), y2019 = count("date:2019");
  EXPECT_EQ(count("date:2018 date:2019"), y2018 + y2019);
  EXPECT_EQ(count("date:2018..2019"), y2018 + y2019);
  EXPECT_EQ(count("2018..2019"), y2018 + y2019);  // a bare date range
  EXPECT_EQ(count("lang:en lang:de"), count("lang:en") + count("lang:de"));
  // Different fields: both.
  std::size_t ledger_2019 = count("source:\"northern ledger\" date:2019");
  EXPECT_GT(ledger_2019, 0u);
  EXPECT_LT(ledger_2019, ledger);
  EXPECT_EQ(ledger_2019 + count("source:\"northern ledger\" -date:2019"), ledger);
  // Field names in any case.
  EXPECT_EQ(count("Title:flood"), count("title:flood"));
  EXPECT_EQ(count("SOURCE:\"Valley Courier\""), valley);
}

TEST_F(IndexSearchTest, TrailingWildcardsWorkInFilters) {
  auto count = [&](const std::string& q) { return Search(q, 100).hits.size(); };
  EXPECT_EQ(count("author:haddad"), 2u);
  EXPECT_EQ(count("author:hadd*"), 2u);
  EXPECT_EQ(count("source:valley*"), count("source:\"valley courier\""));
  EXPECT_EQ(count("water author:hadd*"), count("water author:haddad"));
  // A leading wildcard is said, not silently dropped.
  auto r = Search("*amishli");
  ASSERT_EQ(r.notices.size(), 1u);
  EXPECT_NE(r.notices[0].message.find("leading wildcard"), std::string::npos);
}

TEST_F(IndexSearchTest, ProximityFuzzyBoostAndXor) {
  auto count = [&](const std::string& q) { return Search(q, 100).hits.size(); };
  EXPECT_EQ(Top("tidal NEAR/2 barrier"), "flood-barrier-vote.txt");
  EXPECT_EQ(Top("barrier NEAR/3 tidal"), "flood-barrier-vote.txt");  // any order
  EXPECT_EQ(count("barrier ADJ/3 tidal"), 0u);                       // in order only
  EXPECT_EQ(Top("\"tidal barrier\"~1"), "flood-barrier-vote.txt");
  // Fuzzy: a misspelling finds the word.
  EXPECT_EQ(count("qamushli"), 0u);
  EXPECT_EQ(Top("qamushli~"), "qamishli-water.txt");
  EXPECT_EQ(Top("Qamushli~1"), "qamishli-water.txt");
  EXPECT_EQ(count("qamushlo~1"), 0u);  // two edits away
  // A boost scales the weight, not the matches.
  auto plain = Search("flood barrier");
  auto boosted = Search("flood^3 barrier");
  ASSERT_EQ(plain.hits.size(), boosted.hits.size());
  ASSERT_FALSE(plain.hits.empty());
  EXPECT_GT(boosted.hits[0].score, plain.hits[0].score);
  // XOR: either but not both.
  std::size_t both = count("flood AND council"), flood = count("flood"), council = count("council");
  EXPECT_EQ(count("flood XOR council"), flood + council - 2 * both);
  EXPECT_EQ(count("flood SYN inundation"),
            flood + count("inundation") - count("flood AND inundation"));
}

// The hits of `query` in the database at `db` (none if it cannot be searched).
std::vector<Hit> HitsFor(const std::string& db, const std::string& query) {
  auto s = Searcher::Open(db);
  if (!s.ok()) return {};
  SearchRequest req;
  req.query = query;
  req.run_suggestion = false;  // what the words match, not what a spelling would
  auto r = (*s)->Search(req);
  return r.ok() ? r->hits : std::vector<Hit>{};
}

// The ids of the hits of `query`, best first.
std::vector<std::string> IdsFor(const std::string& db, const std::string& query) {
  std::vector<std::string> ids;
  for (const Hit& h : HitsFor(db, query)) ids.push_back(h.article.id);
  return ids;
}

TEST(SearcherTest, SymbolWordsAndUnicodeSpaces) {
  test::TempDir dir;
  const std::string db_path = test::IndexLines(
      dir,
      "{\"id\": \"cpp\", \"title\": \"Compilers\", \"body\": \"The new C++ compiler "
      "is fast.\"}\n"
      "{\"id\": \"c\", \"title\": \"Compilers\", \"body\": \"The new C compiler is "
      "fast, says C. C. Smith of block C.\"}\n"
      "{\"id\": \"csharp\", \"title\": \"Compilers\", \"body\": \"A C# compiler.\"}\n"
      "{\"id\": \"att\", \"title\": \"Phones\", \"body\": \"AT&T sells phones.\"}\n"
      "{\"id\": \"at\", \"title\": \"Phones\", \"body\": \"At T-Mobile, at least, "
      "phones sell.\"}\n"
      "{\"id\": \"flood1\", \"title\": \"Levee\", \"body\": \"The flood\u00a0barrier "
      "held.\"}\n"
      "{\"id\": \"flood2\", \"title\": \"Levee\", \"body\": \"The flood rose; the "
      "barrier held.\"}\n");
  ASSERT_FALSE(db_path.empty());
  using Ids = std::vector<std::string>;
  // "C++" finds the C++ article only; "c" still finds it, after the article
  // that says "C" three times.
  EXPECT_EQ(IdsFor(db_path, "C++"), Ids({"cpp"}));
  EXPECT_EQ(IdsFor(db_path, "c++ compiler")[0], "cpp");
  EXPECT_EQ(IdsFor(db_path, "\"C++ compiler\"")[0], "cpp");
  EXPECT_EQ(IdsFor(db_path, "C#"), Ids({"csharp"}));
  Ids c = IdsFor(db_path, "c");
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "c");
  // "AT&T" finds the AT&T article, not the one with "at" and "T"; "att"
  // finds it by its letters.
  EXPECT_EQ(IdsFor(db_path, "AT&T"), Ids({"att"}));
  EXPECT_EQ(IdsFor(db_path, "att"), Ids({"att"}));
  // Words with a Unicode space between them are two words, at index and at
  // query time: no phrase.
  Ids spaced = IdsFor(db_path, "flood barrier");
  ASSERT_EQ(spaced.size(), 2u);
  for (const char* space : {"\u00a0", "\u3000", "\u200b", "\u202f"}) {
    Ids ids = IdsFor(db_path, std::string("flood") + space + "barrier");
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, Ids({"flood1", "flood2"})) << space;
  }
  EXPECT_EQ(IdsFor(db_path, "\"flood barrier\""), Ids({"flood1"}));
  // The snippet highlights the symbol word whole.
  auto hits = HitsFor(db_path, "C++");
  ASSERT_EQ(hits.size(), 1u);
  const Snippet& s = hits[0].snippet;
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "C++");
}

// A short query answered by one article: feedback learnt from the others
// that merely share its word pulls them above it, unless the first pass's
// best hit is kept first (RankingOptions::feedback_keep_top).
TEST(SearcherTest, FeedbackKeepsTheFirstPassesBestHitFirst) {
  test::TempDir dir;
  const char* kinds[] = {"cranes",   "freight", "containers", "cargo",  "shipping", "dockers",
                         "tugboats", "berths",  "customs",    "pilots", "moorings", "quays"};
  std::string lines =
      "{\"id\": \"dues\", \"title\": \"Yacht dues\", \"body\": \"The harbour board "
      "raised its dues for yachts.\"}\n";
  for (std::size_t i = 0; i < std::size(kinds); ++i) {
    // Alike enough to share expansion terms, not copies of one story.
    lines += "{\"id\": \"port" + std::to_string(i) + "\", \"body\": \"At the harbour the " +
             kinds[i] + " of the container terminal handled freight cargo for shipping lines, " +
             "with dock workers, crane operators and port authority staff on shift number " +
             std::to_string(i * 7 + 3) + " in week " + std::to_string(i + 20) + ".\"}\n";
  }
  for (int i = 0; i < 40; ++i) {  // other news, so that the port's words are rare
    lines += "{\"id\": \"match" + std::to_string(i) + "\", \"body\": \"The home side won " +
             std::to_string(i % 5 + 1) + " to nil on day " + std::to_string(i + 1) +
             " of the season before a crowd of " + std::to_string(1000 + i * 37) + ".\"}\n";
  }
  const std::string db_path = test::IndexLines(dir, lines);
  ASSERT_FALSE(db_path.empty());
  auto s = Searcher::Open(db_path);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "harbour";
  req.natural_language = true;
  req.collapse = false;
  req.limit = 20;
  req.ranking = NaturalLanguageRanking();
  req.ranking.feedback_gate = 0.01;  // a short query, expanded: the gate is open
  req.ranking.expand_weight = 1;     // and strongly
  req.ranking.feedback_overlap = 0;  // the port reports are alike, untitled: all count
  auto ids = [&](unsigned keep, std::vector<double>* scores = nullptr) {
    req.ranking.feedback_keep_top = keep;
    req.ranking.expand_terms = 20;
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    for (const Hit& h : r->hits) {
      out.push_back(h.article.id);
      if (scores) scores->push_back(h.score);
    }
    return out;
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  req.ranking.expand_terms = 0;
  auto first = (*s)->Search(req);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->hits.empty());
  ASSERT_EQ(first->hits[0].article.id, "dues");  // the first pass has it first
  const std::vector<std::string> pulled = ids(0);
  ASSERT_EQ(pulled.size(), std::size(kinds) + 1);
  ASSERT_NE(pulled[0], "dues");  // the expansion alone pushes it down
  std::vector<double> scores;
  const std::vector<std::string> kept = ids(1, &scores);
  ASSERT_EQ(kept.size(), pulled.size());
  EXPECT_EQ(kept[0], "dues");
  EXPECT_EQ(sorted(kept), sorted(pulled));                      // the same hits
  EXPECT_TRUE(std::is_sorted(scores.rbegin(), scores.rend()));  // scores in rank order
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_LT(scores[0], scores[1] + 1);  // shown as scored, not as lifted
  // A near tie in the first pass (its 10th hit at 0.78 of its first) is
  // left to the expansion.
  req.ranking.feedback_keep_below = 0.7;
  EXPECT_EQ(ids(1)[0], pulled[0]);
  req.ranking.feedback_keep_below = 0.95;
  // Paging: the second page continues the first; a page of the kept hit
  // alone still scores it above the next.
  req.limit = 5;
  req.offset = 5;
  EXPECT_EQ(ids(1), std::vector<std::string>(kept.begin() + 5, kept.begin() + 10));
  req.limit = 1;
  req.offset = 0;
  std::vector<double> alone;
  EXPECT_EQ(ids(1, &alone), std::vector<std::string>{"dues"});
  EXPECT_DOUBLE_EQ(alone[0], scores[0]);
  // Two words, the proximity bonus reordering the top 10 (as `byline
  // search` does): the kept hit stays first on every page.
  req.query = "harbour board";
  req.ranking.proximity_depth = 10;
  req.limit = 20;
  const std::vector<std::string> two = ids(1);
  ASSERT_GT(two.size(), 4u);
  EXPECT_EQ(two[0], "dues");
  for (std::size_t offset : {1, 2}) {
    req.offset = offset;
    req.limit = 3;
    EXPECT_EQ(ids(1), std::vector<std::string>(two.begin() + offset, two.begin() + offset + 3))
        << offset;
  }
}

TEST(SearcherTest, SpellingsFindEachOther) {
  test::TempDir dir;
  const std::string db_path = test::IndexLines(
      dir,
      "{\"id\": \"koeln\", \"lang\": \"de\", \"body\": \"Der 1. FC Köln spielt in "
      "München an der Straße.\"}\n"
      "{\"id\": \"orsted\", \"lang\": \"da\", \"body\": \"Ørsted bygger i Århus.\"}\n"
      "{\"id\": \"pot\", \"lang\": \"en\", \"body\": \"A pot of blu paint, said the "
      "Isral ds.\"}\n"
      "{\"id\": \"ar\", \"lang\": \"ar\", \"body\": \"قال مسؤول في الحكومة إن "
      "المدرسة استقبلت مصطفى.\"}\n");
  ASSERT_FALSE(db_path.empty());
  using Ids = std::vector<std::string>;
  for (const char* q : {"Koeln", "Köln", "koln", "Muenchen", "Strasse", "\"FC Koeln\"", "Koeln*"}) {
    EXPECT_EQ(IdsFor(db_path, q), Ids({"koeln"})) << q;
  }
  EXPECT_EQ(IdsFor(db_path, "Oersted"), Ids({"orsted"}));
  // Arabic letters written one for another, as words and exact words.
  for (const char* q : {"مسئول", "\"مسئول\"", "الحكومه", "\"الحكومه\"", "\"المدرسه\"", "مصطفي",
                        "\"مصطفي\"", "\"في الحكومه\""}) {
    EXPECT_EQ(IdsFor(db_path, q), Ids({"ar"})) << q;
  }
  EXPECT_EQ(IdsFor(db_path, "Aarhus"), Ids({"orsted"}));
  // Words that only look typed so keep their meaning: "poet" is not "pot".
  for (const char* q : {"poet", "blue", "Israel", "does"}) {
    EXPECT_EQ(IdsFor(db_path, q), Ids()) << q;
  }
  auto hits = HitsFor(db_path, "Koeln");
  ASSERT_EQ(hits.size(), 1u);
  const Snippet& s = hits[0].snippet;
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "Köln");
}

// The Arabic stemmer joins a rare word to a common stem ("بالحوثيين",
// "with the Houthis", to "حوث") and a name to common words ("هاني" to
// "هان"): the article with the exact word, and with the name's words side
// by side, ranks first (both ranked the other article first before
// compile.h's kArabicExactWeight and kArabicPhraseWeight).
TEST(SearcherTest, ArabicExactWordsAndNamesRankFirst) {
  test::TempDir dir;
  const std::string db_path = test::IndexLines(
      dir,
      "{\"id\": \"rare\", \"lang\": \"ar\", \"body\": \"قال مسؤول إن الاشتباكات بالحوثيين "
      "انتهت مساء أمس في المدينة وعاد السكان إلى منازلهم بعد أيام من القتال.\"}\n"
      "{\"id\": \"common\", \"lang\": \"ar\", \"body\": \"الحوثي يعلن والحوثيون يقولون إن "
      "الحوثي باق.\"}\n"
      "{\"id\": \"name\", \"lang\": \"ar\", \"body\": \"توفي العلامة هاني فحص في بيروت بعد "
      "مرض طويل عن عمر ناهز الثمانين عاما وشيعه الآلاف.\"}\n"
      "{\"id\": \"apart\", \"lang\": \"ar\", \"body\": \"فحص طبي للاعبين وفحص الدم وفحص "
      "القلب، ثم قال هاني إن النتائج جيدة.\"}\n");
  ASSERT_FALSE(db_path.empty());
  using Ids = std::vector<std::string>;
  EXPECT_EQ(IdsFor(db_path, "بالحوثيين"), Ids({"rare", "common"}));
  EXPECT_EQ(IdsFor(db_path, "هاني فحص"), Ids({"name", "apart"}));
}

TEST(SearcherTest, ProximityWindowDecidesWhichArticlesEarnTheBonus) {
  test::TempDir dir;
  // "pension" and "reform" are two positions apart in "near", five in "far";
  // otherwise the articles have the same words and length.
  const std::string db_path = test::IndexLines(
      dir,
      "{\"id\": \"near\", \"title\": \"Budget\", \"body\": \"pension plan reform one two three\"}\n"
      "{\"id\": \"far\", \"title\": \"Budget\", \"body\": \"pension one two three plan "
      "reform\"}\n");
  ASSERT_FALSE(db_path.empty());
  auto s = Searcher::Open(db_path);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "pension reform";
  req.natural_language = true;
  req.ranking = NaturalLanguageRanking();
  req.ranking.expand_terms = 0;
  ASSERT_GT(req.ranking.proximity_weight, 0.0);  // on for requests in prose
  ASSERT_EQ(req.ranking.proximity_window, 3u);
  auto scores = [&]() {
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok() && r->hits.size() == 2u);
    std::map<std::string, double> by_id;
    if (r.ok())
      for (const Hit& h : r->hits) by_id[h.article.id] = h.score;
    return by_id;
  };
  auto within3 = scores();
  EXPECT_GT(within3["near"], within3["far"]);
  req.ranking.proximity_window = 8;  // now both pairs are near enough
  auto within8 = scores();
  EXPECT_DOUBLE_EQ(within8["near"], within8["far"]);
  EXPECT_DOUBLE_EQ(within8["near"], within3["near"]);
}

TEST(SearcherTest, ReadsThePlainRecordsOfAnOlderDatabase) {
  test::TempDir dir;
  std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    Xapian::Document doc;
    // (The stem as today's analyzer reads "harbour": the American "harbor".)
    doc.add_term(std::string(schema::kPrefixStem) + "harbor");
    doc.add_boolean_term(std::string(schema::kPrefixLang) + "en");
    Article a;
    a.id = "old-1";
    a.title = "Harbour reopens";
    a.lang = "en";
    doc.set_data(test::PlainStoredRecord(a));
    db.add_document(doc);
    db.commit();
  }
  auto hits = HitsFor(path, "harbour");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article.id, "old-1");
  EXPECT_EQ(hits[0].article.title, "Harbour reopens");
}

// A database whose articles have dates but no year, month and day terms
// (written before them) is filtered by the date slot, as it always was.
TEST(SearcherTest, DateRangesOfADatabaseWithoutDateTermsUseTheSlot) {
  test::TempDir dir;
  std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    for (const char* date : {"20180301", "20180315", "20180402"}) {
      Xapian::Document doc;
      doc.add_term(std::string(schema::kPrefixStem) + "harbor");
      doc.add_value(schema::kSlotDate, date);
      Article a;
      a.id = date;
      a.title = "Harbour";
      doc.set_data(test::PlainStoredRecord(a));
      db.add_document(doc);
    }
    db.commit();
  }
  auto s = Searcher::Open(path);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "harbour";
  req.since = "2018-03";
  req.until = "2018-03";
  req.run_suggestion = false;
  auto r = (*s)->Search(req);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> ids;
  for (const Hit& h : r->hits) ids.push_back(h.article.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"20180301", "20180315"}));
  SearchRequest april;
  april.query = "date:2018-04";
  r = (*s)->Search(april);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].article.id, "20180402");
}

TEST(SearcherTest, MissingDatabaseIsNotFound) {
  auto s = Searcher::Open("/nonexistent/byline-db");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("byline index"), std::string::npos);
}

// Chinese, Korean, Thai: a part of a word finds the article, and an article
// with the query as a whole word ranks above a shorter one with it inside a
// longer word.
TEST(SpacelessSearchTest, PartsOfWordsMatchAndWholeWordsRankFirst) {
  test::TempDir dir;
  const std::string db_path = test::IndexLines(
      dir,
      "{\"id\": \"whole\", \"lang\": \"zh\", \"body\": \"这家科技公司今天发布了新产品。\"}\n"
      "{\"id\": \"inside\", \"lang\": \"zh\", \"body\": "
      "\"高科技股价上涨。\"}\n"
      "{\"id\": \"other\", \"lang\": \"zh\", \"body\": \"今天天气很好。\"}\n"
      "{\"id\": \"ko\", \"lang\": \"ko\", \"body\": \"대통령은 오늘 기자회견에서 말했다.\"}\n"
      "{\"id\": \"th\", \"lang\": \"th\", \"body\": \"ฝนตกหนักในกรุงเทพมหานครเมื่อวานนี้\"}\n");
  ASSERT_FALSE(db_path.empty());
  auto s = Searcher::Open(db_path);
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto ids = [&](const std::string& q) {
    SearchRequest req;
    req.query = q;
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << q;
    std::string out;
    for (const Hit& h : r->hits) out += (out.empty() ? "" : " ") + h.article.id;
    return out;
  };
  EXPECT_EQ(ids("科技"), "whole inside");
  // Quoted, the string only: no word is preferred, the shorter article first.
  EXPECT_EQ(ids("\"科技\""), "inside whole");
  EXPECT_EQ(ids("技公"), "whole");  // across 科技|公司
  EXPECT_EQ(ids("高科"), "inside");
  EXPECT_EQ(ids("气"), "other");  // a character of 天气
  EXPECT_EQ(ids("대통령"), "ko");
  EXPECT_EQ(ids("기자"), "ko");
  EXPECT_EQ(ids("กรุงเทพ"), "th");
  EXPECT_EQ(ids("มหานคร"), "th");
}

}  // namespace
}  // namespace byline
