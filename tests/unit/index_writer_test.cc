// IndexWriter and IndexPaths: articles one at a time (in memory), and whole
// runs: replacing by id, incremental runs, the segment build, locking.
#include "byline/index_writer.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <xapian.h>

#include <filesystem>

#include "byline/document.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "index/document_builder.h"
#include "index/file_manifest.h"
#include "testutil.h"

namespace byline {
namespace {

Article Make(const std::string& id, const std::string& title) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = "Body of " + title;
  return a;
}

TEST(IndexWriterTest, AddsReplacesAndRemovesByIdInMemory) {
  auto w = IndexWriter::OpenInMemory();
  ASSERT_TRUE(w.ok()) << w.status().message();
  IndexWriter& writer = **w;
  ASSERT_BYLINE_OK(writer.Add(Make("a", "Alpha")));
  ASSERT_BYLINE_OK(writer.Add(Make("b", "Bravo")));
  EXPECT_EQ(writer.ArticleCount(), 2u);
  ASSERT_BYLINE_OK(writer.Add(Make("a", "Alpha again")));  // replaces
  EXPECT_EQ(writer.ArticleCount(), 2u);
  ASSERT_BYLINE_OK(writer.Remove("b"));
  ASSERT_BYLINE_OK(writer.Remove("never-added"));
  EXPECT_EQ(writer.ArticleCount(), 1u);
  ASSERT_BYLINE_OK(writer.Commit());
  EXPECT_EQ(writer.ArticleCount(), 1u);
}

TEST(IndexWriterTest, CommittedArticlesAreThereWhenReopened) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  {
    auto w = IndexWriter::Open(db, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Add(Make("a", "Alpha")));
    ASSERT_BYLINE_OK((*w)->Commit());
    ASSERT_BYLINE_OK((*w)->Add(Make("b", "Bravo")));  // committed by closing
  }
  auto w = IndexWriter::Open(db, false);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ((*w)->ArticleCount(), 2u);
  ASSERT_BYLINE_OK((*w)->Remove("a"));
  ASSERT_BYLINE_OK((*w)->Commit());
  EXPECT_EQ((*w)->ArticleCount(), 1u);
}

// The hits of `query` in the database at `db` (none if it cannot be searched).
std::vector<Hit> HitsFor(const std::string& db, const std::string& query) {
  auto s = Searcher::Open(db);
  if (!s.ok()) return {};
  SearchRequest req;
  req.collapse = false;  // every article, copies too: this test is about what is indexed
  req.query = query;
  auto r = (*s)->Search(req);
  return r.ok() ? r->hits : std::vector<Hit>{};
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
    req.collapse = false;  // every article, copies too: this test is about what is indexed
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
    req.collapse = false;  // every article, copies too: this test is about what is indexed
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

// The issue "a re-run reports some bad files again and not others": every
// run names every file whose content is not wholly in the database, and
// counts the same errors, whether it reads the file again or not. A file
// read with problems is recorded with them and not read again while it is
// unchanged; one that cannot be opened is tried again by every run.
TEST_F(IncrementalIndexTest, EveryRunReportsTheSameBadFilesAndErrors) {
  dir_.Write("in/good.txt", "Title: Good\n\nGannets.\n");
  dir_.Write("in/lines.jsonl",
             "{\"id\": \"l1\", \"title\": \"Line\", \"body\": \"lemmings\"}\nnot json\n[1]\n");
  dir_.Write("in/allbad.jsonl", "nope\n");
  dir_.Write("in/broken.jsonl.gz", "not gzip at all");
  dir_.Write("in/binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir_.Write("in/empty.md", "");
  const std::pair<const char*, const char*> bad[] = {
      {"lines.jsonl", "lines.jsonl:2: invalid JSON"},
      {"allbad.jsonl", "allbad.jsonl:1"},
      {"broken.jsonl.gz", "corrupt or truncated gzip"},
      {"binary.txt", "binary data"},
      {"empty.md", "no text"}};
  auto expect_named = [&](const char* run, bool again) {
    SCOPED_TRACE(run);
    for (const auto& [file, first] : bad) {
      int named = 0;
      for (const std::string& p : problems_) {
        if (p.find(first) == std::string::npos) continue;
        ++named;
        EXPECT_EQ(p.find("not read again") != std::string::npos, again) << p;
      }
      EXPECT_EQ(named, 1) << file;
    }
    problems_.clear();
  };
  IndexStats first = Index();
  EXPECT_EQ(first.problems, 6u);     // two in lines.jsonl
  EXPECT_EQ(first.files_added, 4u);  // broken.jsonl.gz and binary.txt gave nothing
  expect_named("first", false);

  IndexStats second = Index();
  EXPECT_EQ(second.problems, first.problems);
  EXPECT_EQ(second.bytes, 0u);  // nothing was read
  EXPECT_EQ(second.files_unchanged, 6u);
  expect_named("second", true);

  // Touched, not changed: read through for its hash, not parsed, still reported.
  dir_.Write("in/lines.jsonl",
             "{\"id\": \"l1\", \"title\": \"Line\", \"body\": \"lemmings\"}\nnot json\n[1]\n");
  IndexStats touched = Index();
  EXPECT_EQ(touched.problems, first.problems);
  EXPECT_EQ(touched.articles, 0u);
  expect_named("touched", true);
  EXPECT_EQ(Hits("lemmings"), 1u);

  // Mended files are read again and no longer reported.
  dir_.Write("in/lines.jsonl", "{\"id\": \"l1\", \"title\": \"Line\", \"body\": \"lemmings\"}\n");
  std::filesystem::remove(dir_.path() / "in/broken.jsonl.gz");
  IndexStats mended = Index();
  EXPECT_EQ(mended.problems, 3u);  // allbad, binary, empty
  EXPECT_EQ(mended.files_updated, 1u);
  EXPECT_EQ(mended.files_removed, 1u);
  for (const std::string& p : problems_) {
    EXPECT_EQ(p.find("lines.jsonl"), std::string::npos) << p;
    EXPECT_EQ(p.find("broken.jsonl.gz"), std::string::npos) << p;
  }
}

// A record written before problems were recorded reads as one without any;
// one with problems keeps its count and first message.
TEST(FileRecordTest, ProblemsRoundTripAndOldRecordsHaveNone) {
  FileRecord r{7, 8, 9, "/in/a b.jsonl", 3, "/in/a b.jsonl:2: invalid JSON"};
  FileRecord back;
  ASSERT_TRUE(DecodeFileRecord(EncodeFileRecord(r), &back));
  EXPECT_EQ(back.path, r.path);
  EXPECT_EQ(back.problems, 3u);
  EXPECT_EQ(back.first_problem, r.first_problem);
  ASSERT_TRUE(DecodeFileRecord("7 8 9 /in/old.jsonl", &back));
  EXPECT_EQ(back.path, "/in/old.jsonl");
  EXPECT_EQ(back.problems, 0u);
  EXPECT_EQ(back.first_problem, "");
  EXPECT_NE(RecordedProblems(r).message().find("3 errors"), std::string::npos);
}

// The issue "Indexing one big .jsonl.gz shows 0.0 kB and ETA 0:00
// throughout": progress counts the compressed bytes read inside the file,
// so it moves before the only file is done.
TEST(IndexProgressTest, MovesInsideOneBigCompressedFile) {
  test::TempDir dir;
  std::string content;
  for (int i = 0; content.size() < (3u << 20); ++i) {
    content += "{\"id\": \"p" + std::to_string(i) + "\", \"title\": \"Tide " + std::to_string(i) +
               "\", \"body\": \"" + std::to_string(i * 2654435761u) + " harbour " +
               std::to_string(i * 40503u) + " pilots\"}\n";
  }
  std::string path = dir.Write("in/big.jsonl", content);
  ASSERT_EQ(std::system(("gzip -1 " + path).c_str()), 0);
  const std::uint64_t size = std::filesystem::file_size(path + ".gz");
  ASSERT_GT(size, 8u * 65536);  // several of the reader's 64 KiB chunks
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  opts.progress_ms = 0;
  std::vector<IndexProgress> seen;
  opts.on_progress = [&](const IndexProgress& p) { seen.push_back(p); };
  auto stats = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  ASSERT_FALSE(seen.empty());
  std::size_t inside = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].bytes_total, size);
    if (i > 0) {
      EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
    }
    if (seen[i].files_done == 0 && seen[i].bytes_done > 0 && seen[i].bytes_done < size) ++inside;
  }
  EXPECT_GT(inside, 10u);
  EXPECT_EQ(seen.back().bytes_done, size);
  EXPECT_EQ(stats->bytes, size);
}

// Every article as "id title path", from the database at `db`.
std::vector<std::string> Contents(const std::string& db) {
  std::vector<std::string> out;
  Xapian::Database x(db);
  for (auto t = x.allterms_begin("Q"); t != x.allterms_end("Q"); ++t) {
    for (auto p = x.postlist_begin(*t); p != x.postlist_end(*t); ++p) {
      Article a;
      EXPECT_TRUE(DecodeStoredArticle(x.get_document(*p).get_data(), &a));
      out.push_back(a.id + " " + a.title + " " + a.path);
    }
  }
  return out;
}

// The flush bug: with a tiny XAPIAN_FLUSH_THRESHOLD, an automatic flush
// landed inside delete_document(file term) and either failed with
// "Unexpected end of posting list for 'XF...'" or left an old article behind.
TEST_F(IncrementalIndexTest, ReplacingAndRemovingSurviveAFlushAfterEveryDocument) {
  for (const char* threshold : {"1", "2", "3", "10"}) {
    SCOPED_TRACE(threshold);
    std::filesystem::remove_all(dir_.path() / "db");
    std::filesystem::remove_all(dir_.path() / "in");
    std::string a, b;
    for (int i = 0; i < 12; ++i) {
      a += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"Old\", \"body\": \"old\"}\n";
      b += "{\"id\": \"b" + std::to_string(i) + "\", \"title\": \"Bee\", \"body\": \"bee\"}\n";
    }
    dir_.Write("in/a.jsonl", a);
    dir_.Write("in/b.jsonl", b);
    dir_.Write("in/c.txt", "Title: Sea\n\nSea.\n");
    EXPECT_EQ(Index().total_articles, 25u);
    setenv("XAPIAN_FLUSH_THRESHOLD", threshold, 1);
    std::string a2;
    for (int i = 0; i < 12; i += 2) {
      a2 += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"New\", \"body\": \"new\"}\n";
    }
    dir_.Write("in/a.jsonl", a2);
    std::filesystem::remove(dir_.path() / "in/b.jsonl");
    IndexStats s = Index();
    unsetenv("XAPIAN_FLUSH_THRESHOLD");
    EXPECT_EQ(s.total_articles, 7u);
    EXPECT_EQ(Hits("old"), 0u);
    EXPECT_EQ(Hits("bee"), 0u);
    EXPECT_EQ(Hits("new"), 6u);
  }
}

// The id rule (README, indexing): an article stays while any file holds
// its id, and shows the copy of the holder whose path sorts last, whatever
// the order of the runs; so each state equals a clean build.
TEST_F(IncrementalIndexTest, AnIdHeldByTwoFilesStaysWhileEitherHoldsItAndShowsTheLastPath) {
  auto clean = [&](const std::vector<std::string>& roots) {
    std::string db = (dir_.path() / "clean").string();
    std::filesystem::remove_all(db);
    IndexOptions opts;
    opts.db_path = db;
    std::vector<std::string> paths;
    for (auto& r : roots) paths.push_back((dir_.path() / r).string());
    EXPECT_TRUE(IndexPaths(paths, opts).ok());
    return Contents(db);
  };
  std::string db = (dir_.path() / "db").string();
  dir_.Write("p/x.json", "{\"id\": \"x\", \"title\": \"From p\", \"body\": \"pigeons\"}");
  dir_.Write("q/x.json", "{\"id\": \"x\", \"title\": \"From q\", \"body\": \"quails\"}");
  // q first, then p: the copy of q (the path that sorts last) stays shown.
  Index(false, "q");
  Index(false, "p");
  EXPECT_EQ(Contents(db), clean({"p", "q"}));
  EXPECT_EQ(Hits("quails"), 1u);
  EXPECT_EQ(Hits("pigeons"), 0u);
  // q's file goes: p's copy is shown (p is read again to bring it back).
  std::filesystem::remove(dir_.path() / "q/x.json");
  IndexStats s = Index(false, "q");
  EXPECT_EQ(s.files_removed, 1u);
  EXPECT_EQ(s.files_reread, 1u);
  EXPECT_EQ(Contents(db), clean({"p", "q"}));
  EXPECT_EQ(Hits("pigeons"), 1u);
  // q holds it again, changed; then p goes: q's copy stays.
  dir_.Write("q/x.json", "{\"id\": \"x\", \"title\": \"From q2\", \"body\": \"quolls\"}");
  Index(false, "q");
  EXPECT_EQ(Contents(db), clean({"p", "q"}));
  std::filesystem::remove(dir_.path() / "p/x.json");
  s = Index(false, "p");
  EXPECT_EQ(s.files_reread, 0u);
  EXPECT_EQ(Contents(db), clean({"p", "q"}));
  EXPECT_EQ(Hits("quolls"), 1u);
  // The last holder goes: so does the article.
  std::filesystem::remove(dir_.path() / "q/x.json");
  EXPECT_EQ(Index(false, "q").total_articles, 0u);
}

// Found by IdRuleModel: the element of a JSON array is stored as
// "file#n", which was not recognised as coming from its file, so a copy
// from a path that sorts first replaced it in place.
TEST_F(IncrementalIndexTest, AJsonArrayElementStaysShownAgainstAPathThatSortsFirst) {
  dir_.Write("q/x.json",
             "[{\"id\": \"y\", \"title\": \"Other\", \"body\": \"other\"}, "
             "{\"id\": \"x\", \"title\": \"From q\", \"body\": \"quails\"}]");
  dir_.Write("p/x.json", "{\"id\": \"x\", \"title\": \"From p\", \"body\": \"pigeons\"}");
  Index(false, "q");
  Index(false, "p");
  EXPECT_EQ(Hits("quails"), 1u);
  EXPECT_EQ(Hits("pigeons"), 0u);
}

// Found by IdRuleModel: a run killed in a file it indexed for the first
// time left some of its articles and no record; once the file changed (or
// went), nothing released them. A file's first article is now preceded by a
// provisional record, and a new file's term is released too.
TEST_F(IncrementalIndexTest, ArticlesOfAKilledFirstReadOfAFileDoNotOutliveIt) {
  dir_.Write("in/a.txt", "Title: Alpha\n\nAardvarks.\n");
  Index();
  std::string changed = dir_.Write("in/new.jsonl", "{\"id\": \"fresh\", \"title\": \"Fresh\"}\n");
  std::string gone = (dir_.path() / "in/gone.jsonl").string();
  {  // what runs killed in these files left: an article each; the one in
     // gone.jsonl with the provisional record that is now written first
    Xapian::WritableDatabase db((dir_.path() / "db").string(), Xapian::DB_OPEN);
    for (const std::string& path : {changed, gone}) {
      Xapian::Document doc;
      doc.add_boolean_term(IdTerm("stale-" + path));
      doc.add_boolean_term(FileTerm(path));
      doc.add_term("stale");
      db.add_document(doc);
    }
    db.set_metadata(FileRecordKey(gone), EncodeFileRecord({0, 0, -1, gone}));
    db.commit();
  }
  IndexStats s = Index();
  EXPECT_EQ(s.files_removed, 1u);
  EXPECT_EQ(Xapian::Database((dir_.path() / "db").string()).get_termfreq("stale"), 0u);
  EXPECT_EQ(Hits("fresh"), 1u);
  EXPECT_EQ(s.total_articles, 2u);
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
  req.collapse = false;  // every article, copies too: this test is about what is indexed
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

}  // namespace
}  // namespace byline
