// Shard sets (index/shard_set.h, index/sharded_target.h): `IndexPaths` with
// IndexOptions::shards writes N databases and a stub; searching the stub
// answers as one database of the same articles does, through incremental
// runs, a run killed between two shards' commits, and a reshard.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "byline/index_writer.h"
#include "byline/searcher.h"
#include "index/file_manifest.h"
#include "index/shard_set.h"
#include "testutil.h"

namespace byline {
namespace {

namespace fs = std::filesystem;

// A JSON Lines file of articles `first`..`last` (inclusive), their words
// drawn from a small vocabulary with a seed per article and `version`, so
// that term statistics differ from article to article and BM25 scores are
// rarely tied.
std::string Articles(int first, int last, int version = 0) {
  static const char* kWords[] = {
      "harbour", "strike",  "ferry",     "council", "flood",  "barrier", "vote",    "wheat",
      "price",   "rail",    "timetable", "museum",  "brooch", "glacier", "survey",  "market",
      "tariff",  "soybean", "court",     "trial",   "bakery", "metro",   "station", "festival"};
  std::string out;
  for (int i = first; i <= last; ++i) {
    std::mt19937 rng(static_cast<unsigned>(i * 7919 + version));
    std::uniform_int_distribution<int> word(0, 23), len(8, 60);
    std::string title, body;
    for (int k = 0; k < 4; ++k) title += std::string(k ? " " : "") + kWords[word(rng)];
    for (int k = len(rng); k > 0; --k)
      body += std::string(body.empty() ? "" : " ") + kWords[word(rng)];
    out += "{\"id\": \"art-" + std::to_string(i) + "\", \"title\": \"" + title +
           "\", \"date\": \"2019-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) +
           "\", \"body\": \"" + body + " v" + std::to_string(version) + "\"}\n";
  }
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

using Hit = test::RankedHit;

// The top `n` for `query`; `bm25_only` without the proximity bonus.
std::vector<Hit> Search(const std::string& db, const std::string& query, std::size_t n = 10,
                        bool bm25_only = false) {
  auto s = Searcher::Open(db);
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return {};
  SearchRequest req;
  req.query = query;
  req.limit = n;
  req.snippets = false;
  if (bm25_only) req.ranking.proximity_weight = 0;
  req.collapse = false;  // stories are found per shard (sharded_target.h)
  auto r = (*s)->Search(req);
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<Hit> hits;
  if (r.ok()) {
    for (const auto& h : r->hits) hits.push_back({h.article.id, h.score});
  }
  return hits;
}

const std::vector<std::string> kQueries = {"ferry",
                                           "harbour strike",
                                           "\"flood barrier\"",
                                           "wheat price OR tariff",
                                           "trial -court",
                                           "title:museum",
                                           "v1",
                                           "glacier survey market",
                                           "date:2019-03..2019-05 rail"};

class ShardedIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = dir_.Write("corpus/a.jsonl", Articles(0, 119));
    b_ = dir_.Write("corpus/b.jsonl", Articles(120, 239));
    // c repeats ids of a: one id, several holders (file_manifest.h).
    c_ = dir_.Write("corpus/c.jsonl", Articles(100, 139, 5));
  }
  Result<IndexStats> Run(const std::string& db, unsigned shards, bool rebuild = false) {
    IndexOptions o;
    o.db_path = db;
    o.shards = shards;
    o.rebuild = rebuild;
    o.threads = 2;
    o.segment_size = 50;  // several segments per shard
    return IndexPaths({Corpus()}, o);
  }
  std::string Corpus() const { return (dir_.path() / "corpus").string(); }
  std::string Path(const std::string& name) const { return (dir_.path() / name).string(); }
  void ExpectSameAnswers(const std::string& one, const std::string& sharded) {
    for (const std::string& q : kQueries) {
      // BM25 takes its statistics over every shard, so the top 10 are the
      // same. With the proximity bonus, the top 10 are compared within
      // every match: Xapian 1.4 can give a document the bonus's weight
      // without its words being near when it prunes a small top-k (seen on
      // one database alone: a hit of 0.823 in its top 10 scored 0.679 when
      // every match was ranked), and where it prunes depends on each
      // shard's own bounds.
      test::ExpectSameRanking(Search(one, q, 10, true), Search(sharded, q, 10, true), q);
      test::ExpectSameRanking(Search(one, q, 1000), Search(sharded, q, 1000), q + " (all)");
    }
    test::ExpectSameRanking(Search(one, "*", 1000), Search(sharded, "*", 1000), "*");
  }
  // Every article is in the shard ShardOf names, once.
  void ExpectRouted(const std::string& stub) {
    auto set = ReadShardSet(stub);
    ASSERT_TRUE(set.ok()) << set.status().message();
    for (unsigned k = 0; k < set->count; ++k) {
      Xapian::Database db(set->folders[k]);
      for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
        EXPECT_EQ(ShardOf(*t, set->count), k) << *t;
        EXPECT_EQ(t.get_termfreq(), 1u) << *t;
      }
    }
  }
  test::TempDir dir_;
  std::string a_, b_, c_;
};

TEST(ShardOfTest, StableAndEven) {
  // Where an article goes is part of the format (kShardRoute): these must
  // never change without a new route number.
  EXPECT_EQ(ShardOf("Qart-0", 1), 0u);
  const unsigned golden[] = {ShardOf("Qart-0", 4), ShardOf("Qart-1", 4), ShardOf("Qart-2", 4)};
  EXPECT_EQ(golden[0], 0u);
  EXPECT_EQ(golden[1], 3u);
  EXPECT_EQ(golden[2], 2u);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) ++counts[ShardOf("Qreuters-" + std::to_string(i), 7)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 400);
}

// The stub is the set's whole description: written in one step, read back
// the same, and refused for writing once edited (its shards would no longer
// be where ShardOf sends articles).
TEST(ShardSetTest, TheStubRoundTripsAndAnEditedOneIsNotWritten) {
  test::TempDir dir;
  const std::string stub = (dir.path() / "archive").string();
  ShardSet set = MakeShardSet(stub, 3, 7);
  ASSERT_BYLINE_OK(WriteShardStub(set));
  EXPECT_FALSE(fs::exists(stub + ".new"));
  EXPECT_EQ(Slurp(stub),
            "# byline shard set: 3 shards, generation 7, route 1\n"
            "# written by byline index --shards: articles by a hash of their id; index with --db "
            "pointing at this file\n"
            "auto archive.g7.shard0\nauto archive.g7.shard1\nauto archive.g7.shard2\n");
  auto back = ReadShardSet(stub);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->count, 3u);
  EXPECT_EQ(back->generation, 7u);
  EXPECT_EQ(back->folders, set.folders);
  const std::string text = Slurp(stub);
  auto refused = [&](const std::string& edited, const std::string& why) {
    dir.Write("archive", edited);
    auto r = ReadShardSet(stub);
    ASSERT_FALSE(r.ok()) << edited;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("index each shard's folder"), std::string::npos);
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  };
  std::string moved = text;
  moved.replace(moved.find("archive.g7.shard2"), 17, "elsewhere");
  refused(moved, "its lines are not the shards its header names");
  refused(text.substr(0, text.rfind("auto ")), "its lines are not the shards its header names");
  std::string route = text;
  route.replace(route.find("route 1"), 7, "route 2");
  refused(route, "a rule this Byline does not know (route 2)");
  refused("auto a\nauto b\n", "byline index --shards did not write it");
}

TEST_F(ShardedIndexTest, AShardSetAnswersAsOneDatabase) {
  auto one = Run(Path("one"), 0);
  ASSERT_TRUE(one.ok()) << one.status().message();
  auto sharded = Run(Path("set"), 3);
  ASSERT_TRUE(sharded.ok()) << sharded.status().message();
  EXPECT_EQ(sharded->databases, 3u);
  EXPECT_EQ(sharded->total_articles, one->total_articles);
  EXPECT_EQ(one->total_articles, 240u);
  const std::string stub = Path("set");
  auto set = ReadShardSet(stub);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->count, 3u);
  EXPECT_EQ(set->generation, 1u);
  EXPECT_EQ(set->folders[2], Path("set.g1.shard2"));
  ExpectRouted(stub);
  ExpectSameAnswers(Path("one"), stub);
  // The shards given as several databases answer as the stub does.
  auto several = Searcher::Open(set->folders);
  ASSERT_TRUE(several.ok()) << several.status().message();
  EXPECT_EQ((*several)->ArticleCount(), 240u);
  // c's copy of art-100..119 is shown (its path sorts after a's), in both.
  auto s = Searcher::Open(stub);
  ASSERT_TRUE(s.ok());
  auto art = (*s)->Get("art-110");
  ASSERT_TRUE(art.ok());
  EXPECT_NE(art->body.find(" v5"), std::string::npos);
}

TEST_F(ShardedIndexTest, IncrementalRunsStayIncrementalAndAgreeWithOneDatabase) {
  ASSERT_TRUE(Run(Path("one"), 0).ok());
  ASSERT_TRUE(Run(Path("set"), 2).ok());
  // b changes (new versions, fewer articles), c goes (a's copies are
  // shown again), d is new.
  dir_.Write("corpus/b.jsonl", Articles(120, 200, 1));
  fs::remove(c_);
  dir_.Write("corpus/d.jsonl", Articles(300, 330, 2));
  auto one = Run(Path("one"), 0);
  ASSERT_TRUE(one.ok()) << one.status().message();
  auto sharded = Run(Path("set"), 0);  // the stub's number
  ASSERT_TRUE(sharded.ok()) << sharded.status().message();
  EXPECT_EQ(sharded->files_unchanged, 1u);  // a: not read
  EXPECT_EQ(sharded->files_updated, 1u);
  EXPECT_EQ(sharded->files_added, 1u);
  EXPECT_EQ(sharded->files_removed, 1u);
  EXPECT_EQ(sharded->files_reread, one->files_reread);
  EXPECT_EQ(sharded->shards, 0u);  // in place, not a build
  EXPECT_EQ(sharded->total_articles, one->total_articles);
  EXPECT_EQ(sharded->total_articles, 120u + 81u + 31u);
  ExpectRouted(Path("set"));
  ExpectSameAnswers(Path("one"), Path("set"));
  auto s = Searcher::Open(Path("set"));
  ASSERT_TRUE(s.ok());
  auto art = (*s)->Get("art-110");
  ASSERT_TRUE(art.ok());
  EXPECT_NE(art->body.find(" v0"), std::string::npos);  // a's copy again
  EXPECT_FALSE((*s)->Get("art-220").ok());              // gone with b's old version
  // Nothing changed: nothing read.
  auto again = Run(Path("set"), 2);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->files_unchanged, 3u);
  EXPECT_EQ(again->articles, 0u);
}

// A run killed after one shard committed and before the next: their
// records of a file differ, so the file is read again and replaced in
// every shard.
TEST_F(ShardedIndexTest, AFileWhoseRecordsDifferBetweenShardsIsReadAgain) {
  ASSERT_TRUE(Run(Path("one"), 0).ok());
  ASSERT_TRUE(Run(Path("set"), 2).ok());
  auto set = ReadShardSet(Path("set"));
  ASSERT_TRUE(set.ok());
  {
    // Shard 1 as a kill would leave it: b's new articles not there, and
    // its old record.
    Xapian::WritableDatabase db(set->folders[1]);
    std::string key;
    for (auto k = db.metadata_keys_begin(schema::kMetaFilePrefix);
         k != db.metadata_keys_end(schema::kMetaFilePrefix); ++k) {
      if (db.get_metadata(*k).find("/b.jsonl") != std::string::npos) key = *k;
    }
    ASSERT_FALSE(key.empty());
    db.set_metadata(key, "1 1 1 " + b_);
    std::vector<Xapian::docid> in_b;
    for (int i = 140; i <= 239; ++i) {  // those b alone holds (c holds 100..139)
      const std::string term = IdTerm("art-" + std::to_string(i));
      if (db.postlist_begin(term) != db.postlist_end(term))
        in_b.push_back(*db.postlist_begin(term));
    }
    ASSERT_FALSE(in_b.empty());
    for (Xapian::docid d : in_b) db.delete_document(d);
    db.commit();
  }
  auto run = Run(Path("set"), 0);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->files_updated, 1u);  // b, read again
  EXPECT_EQ(run->files_unchanged, 2u);
  EXPECT_EQ(run->total_articles, 240u);
  ExpectRouted(Path("set"));
  ExpectSameAnswers(Path("one"), Path("set"));
}

// The file record of `path` in the database at `folder` ("" if none).
std::string RecordIn(const std::string& folder, const std::string& path) {
  Xapian::Database db(folder);
  return db.get_metadata(FileRecordKey(path));
}

// Runs IndexPaths on `corpus` into `stub` in a child process that dies
// as a kill -9 would (nothing pending is committed) at the run's first
// problem, Xapian flushing each shard every `flush` changed documents.
// True if the child died there.
bool RunKilledAtFirstProblem(const std::string& corpus, const std::string& stub, int flush) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush).c_str(), 1);
    IndexOptions o;
    o.db_path = stub;
    o.threads = 1;
    o.on_problem = [](const Status&) { _exit(0); };
    IndexPaths({corpus}, o);
    _exit(1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A run killed after one shard committed a file's new record (shard 0
// here), then a run that reads the file again killed when shard 0 had
// committed the file's release and part of its new articles while the
// others had committed its record: every shard's record then said
// "unchanged", and the articles shard 0 had not committed were lost for
// good (the kill -9 stress test on a shard set, CrashSafetyCli). The file's
// record must say "unread" in every shard until the file is read again.
TEST_F(ShardedIndexTest, AFileReadAgainAfterAKillIsMarkedUnreadInEveryShardFirst) {
  fs::remove(a_);
  fs::remove(b_);
  fs::remove(c_);
  // Two articles to shard 0, one to each other shard; and one to each
  // other shard in g, whose last line is not JSON (the kill).
  std::vector<int> to[3];
  for (int i = 0; to[0].size() < 2 || to[1].size() < 2 || to[2].size() < 2; ++i) {
    to[ShardOf(IdTerm("art-" + std::to_string(i)), 3)].push_back(i);
  }
  auto articles = [](const std::vector<int>& ids, int version) {
    std::string out;
    for (int i : ids) out += Articles(i, i, version);
    return out;
  };
  const std::string f =
      dir_.Write("corpus/f.jsonl", articles({to[0][0], to[0][1], to[1][0], to[2][0]}, 2));
  ASSERT_TRUE(Run(Path("set"), 3).ok());
  auto set = ReadShardSet(Path("set"));
  ASSERT_TRUE(set.ok());
  const std::string done = RecordIn(set->folders[0], f);
  ASSERT_FALSE(done.empty());
  for (unsigned k = 1; k < 3; ++k) {
    // Shards 1 and 2 as a run killed after shard 0 committed f's new
    // version leaves them: f's old record.
    Xapian::WritableDatabase db(set->folders[k]);
    db.set_metadata(FileRecordKey(f), "1 1 1 " + f);
    db.commit();
  }
  dir_.Write("corpus/g.jsonl", articles({to[1][1], to[2][1]}, 3) + "not json\n");
  // f is read again: shard 0 releases f's two articles (2 changes) and
  // commits with the first new one (3); shards 1 and 2 commit f's record
  // with g's article (3 changes each); the kill comes before shard 0's next
  // commit.
  ASSERT_TRUE(RunKilledAtFirstProblem(Corpus(), Path("set"), 3));
  {
    Xapian::Database db(set->folders[0]);
    const std::string lost = IdTerm("art-" + std::to_string(to[0][1]));
    ASSERT_EQ(db.postlist_begin(lost), db.postlist_end(lost)) << "not the state meant";
  }
  ASSERT_EQ(RecordIn(set->folders[1], f), done) << "not the state meant";
  ASSERT_EQ(RecordIn(set->folders[2], f), done) << "not the state meant";
  EXPECT_NE(RecordIn(set->folders[0], f), done) << "f would look unchanged";
  auto run = Run(Path("set"), 0);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->total_articles, 6u);
  ExpectRouted(Path("set"));
  auto s = Searcher::Open(Path("set"));
  ASSERT_TRUE(s.ok());
  for (int i : {to[0][0], to[0][1], to[1][0], to[2][0], to[1][1], to[2][1]}) {
    EXPECT_TRUE((*s)->Get("art-" + std::to_string(i)).ok()) << i;
  }
}

TEST_F(ShardedIndexTest, AnotherNumberOfShardsNeedsARebuildWhichReshards) {
  ASSERT_TRUE(Run(Path("one"), 0).ok());
  ASSERT_TRUE(Run(Path("set"), 2).ok());
  const std::string stub_before = Slurp(Path("set"));
  auto refused = Run(Path("set"), 3);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            Path("set") +
                " holds 2 shards, not 3: index it with --shards 2 (or without --shards), or give "
                "--rebuild --shards 3 to build it anew in 3 shards");
  EXPECT_EQ(Slurp(Path("set")), stub_before);
  auto reshard = Run(Path("set"), 3, true);
  ASSERT_TRUE(reshard.ok()) << reshard.status().message();
  auto set = ReadShardSet(Path("set"));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->count, 3u);
  EXPECT_EQ(set->generation, 2u);
  // The old generation is gone: only the stub and its three shards.
  std::set<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir_.path())) {
    const std::string name = e.path().filename().string();
    if (name.rfind("set", 0) == 0) beside.insert(name);
  }
  EXPECT_EQ(beside,
            (std::set<std::string>{"set", "set.g2.shard0", "set.g2.shard1", "set.g2.shard2"}));
  ExpectRouted(Path("set"));
  ExpectSameAnswers(Path("one"), Path("set"));
}

// A stopped build is discarded whole: a first one leaves nothing, a rebuild
// leaves the stub and the shards it had.
TEST_F(ShardedIndexTest, AStoppedBuildLeavesTheSetAsItWas) {
  std::atomic<int> stop{1};
  IndexOptions o;
  o.db_path = Path("set");
  o.shards = 2;
  o.cancel = &stop;
  auto first = IndexPaths({Corpus()}, o);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), StatusCode::kCancelled);
  for (const auto& e : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(e.path().filename().string(), "corpus");
  }
  ASSERT_TRUE(Run(Path("set"), 2).ok());
  const std::string stub = Slurp(Path("set"));
  o.rebuild = true;
  auto rebuild = IndexPaths({Corpus()}, o);
  EXPECT_EQ(rebuild.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(Slurp(Path("set")), stub);
  EXPECT_FALSE(fs::exists(Path("set.g2.shard0")));
  ASSERT_TRUE(Run(Path("one"), 0).ok());
  ExpectSameAnswers(Path("one"), Path("set"));
}

TEST_F(ShardedIndexTest, ShardsNeedAStubPathNotADatabaseFolder) {
  ASSERT_TRUE(Run(Path("one"), 0).ok());
  auto r = Run(Path("one"), 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("not the stub of a shard set (a database folder)"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace byline
