// Library-level tests: index the sample corpus, then search it.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
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
  EXPECT_EQ(r->query_description, "(council FILTER date:20190101..20190630)");
  req.until.clear();
  r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->query_description, "(council FILTER date:20190101..)");
  req.since = "not a date";
  EXPECT_EQ((*s)->Search(req).status().code(), StatusCode::kInvalidArgument);
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

TEST_F(IndexSearchTest, HitsCarrySnippetsWithHighlights) {
  auto r = Search("\"pumping station\"");
  ASSERT_EQ(r.hits.size(), 1u);
  const Snippet& s = r.hits[0].snippet;
  ASSERT_FALSE(s.highlights.empty());
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "pumping station");
  EXPECT_TRUE(r.hits[0].article.body.empty());  // bodies are not handed out
}

TEST_F(IndexSearchTest, BadQueryIsAnInvalidArgumentWithPosition) {
  auto s = Searcher::Open(Db());
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "crane \"strike";
  QueryError err;
  auto r = (*s)->Search(req, &err);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(err.offset, 6u);
}

// The hits of `query` in the database at `db` (none if it cannot be searched).
std::vector<Hit> HitsFor(const std::string& db, const std::string& query) {
  auto s = Searcher::Open(db);
  if (!s.ok()) return {};
  SearchRequest req;
  req.query = query;
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
  std::string f =
      dir.Write("in/a.jsonl",
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
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({f}, opts).ok());
  using Ids = std::vector<std::string>;
  // "C++" finds the C++ article only; "c" still finds it, after the article
  // that says "C" three times.
  EXPECT_EQ(IdsFor(opts.db_path, "C++"), Ids({"cpp"}));
  EXPECT_EQ(IdsFor(opts.db_path, "c++ compiler")[0], "cpp");
  EXPECT_EQ(IdsFor(opts.db_path, "\"C++ compiler\"")[0], "cpp");
  EXPECT_EQ(IdsFor(opts.db_path, "C#"), Ids({"csharp"}));
  Ids c = IdsFor(opts.db_path, "c");
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "c");
  // "AT&T" finds the AT&T article, not the one with "at" and "T"; "att"
  // finds it by its letters.
  EXPECT_EQ(IdsFor(opts.db_path, "AT&T"), Ids({"att"}));
  EXPECT_EQ(IdsFor(opts.db_path, "att"), Ids({"att"}));
  // Words with a Unicode space between them are two words, at index and at
  // query time: no phrase.
  Ids spaced = IdsFor(opts.db_path, "flood barrier");
  ASSERT_EQ(spaced.size(), 2u);
  for (const char* space : {"\u00a0", "\u3000", "\u200b", "\u202f"}) {
    Ids ids = IdsFor(opts.db_path, std::string("flood") + space + "barrier");
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, Ids({"flood1", "flood2"})) << space;
  }
  EXPECT_EQ(IdsFor(opts.db_path, "\"flood barrier\""), Ids({"flood1"}));
  // The snippet highlights the symbol word whole.
  auto hits = HitsFor(opts.db_path, "C++");
  ASSERT_EQ(hits.size(), 1u);
  const Snippet& s = hits[0].snippet;
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "C++");
}

TEST(SearcherTest, ProximityWindowDecidesWhichArticlesEarnTheBonus) {
  test::TempDir dir;
  // "pension" and "reform" are two positions apart in "near", five in "far";
  // otherwise the articles have the same words and length.
  std::string f = dir.Write(
      "in/a.jsonl",
      "{\"id\": \"near\", \"title\": \"Budget\", \"body\": \"pension plan reform one two three\"}\n"
      "{\"id\": \"far\", \"title\": \"Budget\", \"body\": \"pension one two three plan "
      "reform\"}\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({f}, opts).ok());
  auto s = Searcher::Open(opts.db_path);
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

TEST(IndexWriterTest, StoredFieldsAreWhitenedDocumentDataAndTheBodyAValue) {
  test::TempDir dir;
  std::string f = dir.Write("in/a.jsonl",
                            "{\"id\": \"w-7\", \"title\": \"Tide tables\", \"date\": "
                            "\"2020-05-01\", \"source\": \"Wire\", \"body\": \"High water.\"}\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({f}, opts).ok());
  Xapian::Database db(opts.db_path);
  Xapian::PostingIterator p = db.postlist_begin(std::string(schema::kPrefixId) + "w-7");
  ASSERT_NE(p, db.postlist_end(std::string(schema::kPrefixId) + "w-7"));
  Xapian::Document doc = db.get_document(*p);
  std::string data = doc.get_data();
  EXPECT_EQ(data.find("Tide tables"), std::string::npos);  // whitened, not plain
  Article stored;
  ASSERT_TRUE(DecodeStoredArticle(data, &stored));
  EXPECT_EQ(stored.id, "w-7");
  EXPECT_EQ(stored.title, "Tide tables");
  EXPECT_EQ(stored.source, "Wire");
  EXPECT_TRUE(stored.body.empty());
  EXPECT_EQ(doc.get_value(schema::kSlotBody), "High water.");
}

TEST(SearcherTest, ReadsThePlainRecordsOfAnOlderDatabase) {
  test::TempDir dir;
  std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term(std::string(schema::kPrefixStem) + "harbour");
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

TEST(IndexWriterTest, ReindexingReplacesInsteadOfDuplicating) {
  test::TempDir dir;
  std::string f =
      dir.Write("in/a.jsonl", "{\"id\": \"x\", \"title\": \"Old title\", \"body\": \"b\"}\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({f}, opts).ok());
  dir.Write("in/a.jsonl", "{\"id\": \"x\", \"title\": \"New title\", \"body\": \"b\"}\n");
  auto stats = IndexPaths({f}, opts);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total_articles, 1u);
  auto hits = HitsFor(opts.db_path, "title");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article.title, "New title");
}

TEST(IndexWriterTest, WithinOneRunTheLastArticleWithAnIdWins) {
  // An earlier copy is replaced in the segment being written, or deleted
  // from a closed one: small segments give both, and copies replaced twice.
  // With 60 segments merged 4 at a time, the merge takes three rounds.
  struct Case {
    unsigned threads, batch, segment_size, fan_in;
  };
  for (Case c : {Case{1, 250, 250, 32}, Case{4, 250, 5000, 32}, Case{2, 3, 16, 32},
                 Case{1, 250, 7, 32}, Case{3, 2, 5, 4}}) {
    SCOPED_TRACE(::testing::Message()
                 << c.threads << " threads, batches of " << c.batch << ", segments of "
                 << c.segment_size << ", merged " << c.fan_in << " at a time");
    test::TempDir dir;
    std::string lines;
    for (int i = 0; i < 300; ++i) {
      lines += "{\"id\": \"a" + std::to_string(i % 100) + "\", \"title\": \"Version " +
               std::to_string(i / 100) + "\", \"body\": \"text\"}\n";
    }
    std::string f = dir.Write("in/a.jsonl", lines);
    IndexOptions opts;
    opts.db_path = (dir.path() / "db").string();
    opts.threads = c.threads;
    opts.shard_batch = c.batch;
    opts.segment_size = c.segment_size;
    opts.merge_fan_in = c.fan_in;
    // Merging 4 at a time fits in a few dozen open files; 60 at once does not.
    rlimit saved{};
    getrlimit(RLIMIT_NOFILE, &saved);
    if (c.fan_in == 4) {
      rlimit low = saved;
      low.rlim_cur = 48;
      setrlimit(RLIMIT_NOFILE, &low);
    }
    auto stats = IndexPaths({f}, opts);
    setrlimit(RLIMIT_NOFILE, &saved);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_GE(stats->segments, 300u / c.segment_size);
    EXPECT_EQ(stats->articles, 300u);
    EXPECT_EQ(stats->total_articles, 100u);
    EXPECT_FALSE(std::filesystem::exists(opts.db_path + ".building"));
    auto s = Searcher::Open(opts.db_path);
    SearchRequest req;
    req.query = "version";
    req.limit = 200;
    auto r = (*s)->Search(req);
    ASSERT_EQ(r->hits.size(), 100u);
    for (const Hit& h : r->hits) EXPECT_EQ(h.article.title, "Version 2") << h.article.id;
  }
}

class IncrementalIndexTest : public ::testing::Test {
 protected:
  IndexStats Index(bool rebuild = false, const std::string& root = "in") {
    IndexOptions opts;
    opts.db_path = (dir_.path() / "db").string();
    opts.rebuild = rebuild;
    opts.on_problem = [&](const Status& s) { problems_.push_back(s.message()); };
    auto stats = IndexPaths({(dir_.path() / root).string()}, opts);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? *stats : IndexStats{};
  }
  std::size_t Hits(const std::string& q) {
    auto s = Searcher::Open((dir_.path() / "db").string());
    SearchRequest req;
    req.query = q;
    req.limit = 100;
    auto r = (*s)->Search(req);
    return r.ok() ? r->hits.size() : 999;
  }
  test::TempDir dir_;
  std::vector<std::string> problems_;
};

TEST_F(IncrementalIndexTest, AddsUpdatesRemovesAndSkipsUnchangedFiles) {
  dir_.Write("in/a.txt", "Title: Alpha\n\nAardvarks everywhere.\n");
  dir_.Write("in/b.jsonl",
             "{\"id\": \"b1\", \"title\": \"Bravo one\", \"body\": \"badgers\"}\n"
             "{\"id\": \"b2\", \"title\": \"Bravo two\", \"body\": \"beavers\"}\n"
             "{\"id\": \"b3\", \"title\": \"Bravo three\", \"body\": \"bison\"}\n");
  dir_.Write("in/c.html", "<title>Charlie</title><p>Cheetahs.</p>");
  IndexStats first = Index();
  EXPECT_EQ(first.files_added, 3u);
  EXPECT_EQ(first.total_articles, 5u);

  // Nothing changed: no file is read at all.
  IndexStats again = Index();
  EXPECT_EQ(again.files_unchanged, 3u);
  EXPECT_EQ(again.articles, 0u);
  EXPECT_EQ(again.bytes, 0u);
  EXPECT_EQ(again.total_articles, 5u);

  // A JSON Lines file that changes has its articles replaced as a set.
  dir_.Write("in/b.jsonl",
             "{\"id\": \"b1\", \"title\": \"Bravo one\", \"body\": \"buffalo\"}\n"
             "{\"id\": \"b4\", \"title\": \"Bravo four\", \"body\": \"bobcats\"}\n");
  // A file that is gone takes its articles with it.
  std::filesystem::remove(dir_.path() / "in/c.html");
  IndexStats changed = Index();
  EXPECT_EQ(changed.files_updated, 1u);
  EXPECT_EQ(changed.files_removed, 1u);
  EXPECT_EQ(changed.files_unchanged, 1u);
  EXPECT_EQ(changed.total_articles, 3u);  // a, b1, b4
  EXPECT_EQ(Hits("badgers"), 0u);
  EXPECT_EQ(Hits("buffalo"), 1u);
  EXPECT_EQ(Hits("beavers OR bison"), 0u);
  EXPECT_EQ(Hits("cheetahs"), 0u);
  EXPECT_EQ(Hits("bobcats"), 1u);

  // Touched but not changed: read and hashed, nothing replaced.
  dir_.Write("in/a.txt", "Title: Alpha\n\nAardvarks everywhere.\n");
  IndexStats touched = Index();
  EXPECT_EQ(touched.files_unchanged, 2u);
  EXPECT_EQ(touched.files_updated, 0u);
  EXPECT_EQ(touched.articles, 0u);

  // A replacement that cannot be read keeps what was indexed before.
  dir_.Write("in/b.jsonl.gz", "not gzip at all");
  dir_.Write("in/b.jsonl", "");
  std::filesystem::remove(dir_.path() / "in/b.jsonl");
  IndexStats broken = Index();
  EXPECT_EQ(broken.files_removed, 1u);  // b.jsonl is gone...
  EXPECT_EQ(broken.problems, 1u);       // ...and b.jsonl.gz is corrupt
  EXPECT_EQ(broken.total_articles, 1u);

  // Indexing another folder into the same database leaves this one alone.
  dir_.Write("other/d.txt", "Title: Delta\n\nDolphins.\n");
  IndexStats other = Index(false, "other");
  EXPECT_EQ(other.files_added, 1u);
  EXPECT_EQ(other.files_removed, 0u);
  EXPECT_EQ(other.total_articles, 2u);

  IndexStats rebuilt = Index(true);
  EXPECT_EQ(rebuilt.files_added, 1u);  // a.txt (b.jsonl.gz is still corrupt)
  EXPECT_EQ(rebuilt.total_articles, 1u);
}

TEST_F(IncrementalIndexTest, UnreadableReplacementKeepsTheOldArticles) {
  std::string path = dir_.Write("in/x.jsonl.gz", "placeholder");
  // A valid gzip first...
  ASSERT_EQ(
      std::system(
          ("printf '{\"id\": \"x1\", \"title\": \"Xray\", \"body\": \"xylophones\"}\\n' | gzip > " +
           path)
              .c_str()),
      0);
  IndexStats first = Index();
  EXPECT_EQ(first.total_articles, 1u);
  // ...then truncated: the run reports it and the article stays searchable.
  std::filesystem::resize_file(path, 10);
  IndexStats second = Index();
  EXPECT_EQ(second.problems, 1u);
  EXPECT_EQ(second.total_articles, 1u);
  EXPECT_EQ(Hits("xylophones"), 1u);
}

TEST(IndexWriterTest, AFreshBuildWritesShardsMergesThemAndCleansUp) {
  test::TempDir dir;
  std::string lines;
  for (int i = 0; i < 500; ++i) {
    lines += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"Harbour report " +
             std::to_string(i) + "\", \"body\": \"The ferry left the harbour at dawn" +
             std::string(i % 7 == 0 ? " under grey skies" : "") + ".\"}\n";
  }
  dir.Write("in/a.jsonl", lines);
  dir.Write("in/b.txt", "Title: Grey skies over the harbour\n\nA single text article.\n");
  std::string db = (dir.path() / "db").string();
  // A folder left by a run that was killed is cleared first.
  dir.Write("db.building/shard0/junk", "left over");
  IndexOptions opts;
  opts.db_path = db;
  opts.threads = 3;
  opts.shard_batch = 16;   // several commits per segment
  opts.segment_size = 64;  // and several segments per shard
  auto stats = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->shards, 3u);
  EXPECT_GE(stats->segments, 501u / 64);
  EXPECT_EQ(stats->articles, 501u);
  EXPECT_EQ(stats->total_articles, 501u);
  EXPECT_FALSE(std::filesystem::exists(db + ".building"));
  auto s = Searcher::Open(db);
  ASSERT_TRUE(s.ok()) << s.status().message();
  SearchRequest req;
  req.query = "\"under grey skies\"";  // positions survive the merge
  req.limit = 1000;
  auto r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hits.size(), 72u);  // i % 7 == 0 for i < 500
  req.query = "grey skies";
  r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  EXPECT_EQ(r->hits[0].article.title, "Grey skies over the harbour");
  // The file records of every shard made it: the next run reads nothing.
  auto again = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->shards, 0u);
  EXPECT_EQ(again->files_unchanged, 2u);
  EXPECT_EQ(again->articles, 0u);
  EXPECT_EQ(again->total_articles, 501u);
}

TEST(IndexWriterTest, ARebuildReplacesTheContentWhole) {
  test::TempDir dir;
  dir.Write("one/a.jsonl", "{\"id\": \"old\", \"title\": \"Old glacier\", \"body\": \"b\"}\n");
  dir.Write("two/b.jsonl", "{\"id\": \"new\", \"title\": \"New glacier\", \"body\": \"b\"}\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({(dir.path() / "one").string()}, opts).ok());
  opts.rebuild = true;
  auto stats = IndexPaths({(dir.path() / "two").string()}, opts);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->total_articles, 1u);
  auto hits = HitsFor(opts.db_path, "glacier");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article.id, "new");
}

TEST(IndexWriterTest, LongIdsStayWithinTermLimits) {
  std::string id(1000, 'x');
  std::string t = IdTerm(id);
  EXPECT_LE(t.size(), 200u);
  EXPECT_NE(t, IdTerm(id + "y"));
  EXPECT_EQ(IdTerm("short"), "Qshort");
}

TEST(IndexWriterTest, SecondWriterGetsLocked) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  auto first = IndexWriter::Open(db, false);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = IndexWriter::Open(db, false);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kLocked);
  EXPECT_NE(second.status().message().find(db), std::string::npos);
}

TEST(SearcherTest, MissingDatabaseIsNotFound) {
  auto s = Searcher::Open("/nonexistent/byline-db");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("byline index"), std::string::npos);
}

}  // namespace
}  // namespace byline
