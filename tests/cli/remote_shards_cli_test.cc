// Shards across machines (README, "Shards across machines"): corpus/ split
// in two databases, each served by Xapian's own `xapian-tcpsrv` on loopback,
// searched through a stub of two `remote` lines (and of two `auto` lines)
// must answer as the one database of all of corpus/ does; with a shard
// down, the open fails naming that shard. Skips when xapian-tcpsrv (Debian's
// xapian-tools) is not on PATH.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "process.h"
#include "tcp_server.h"
#include "testutil.h"

namespace {

using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;

// The corpus folders of each half; indexing all six in this order makes the
// one database the two halves together, with the same ids.
const std::vector<std::string> kHalfA = {"archive", "exports", "feeds"};
const std::vector<std::string> kHalfB = {"features", "web", "wire"};

std::vector<std::string> Folders(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(std::string(BYLINE_SOURCE_DIR) + "/corpus/" + n);
  return out;
}

using byline::test::OnPath;
using byline::test::TcpServer;

using Hit = byline::test::RankedHit;

std::vector<Hit> Hits(const std::string& db, const std::vector<std::string>& query) {
  std::vector<std::string> args = {"search", "--db", db, "--json", "-n", "1000"};
  args.insert(args.end(), query.begin(), query.end());
  RunResult r = Byline(args);
  EXPECT_EQ(r.code, 0) << db << ": " << r.err;
  std::vector<Hit> hits;
  for (const auto& line : JsonLines(r.out)) {
    if (line.contains("id") && line.contains("score")) {
      hits.push_back({line["id"].get<std::string>(), line["score"].get<double>()});
    }
  }
  return hits;
}

// Same ids and scores, whatever the order within a tie.
void ExpectSameHits(const std::vector<Hit>& one, const std::vector<Hit>& sharded,
                    const std::string& what) {
  ASSERT_FALSE(one.empty()) << what << ": the query should find something";
  byline::test::ExpectSameRanking(one, sharded, what);
}

class RemoteShardsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new byline::test::TempDir;
    auto index = [](const std::string& db, const std::vector<std::string>& folders) {
      std::vector<std::string> args = {"index", "-q", "--db", db};
      args.insert(args.end(), folders.begin(), folders.end());
      RunResult r = Byline(args);
      ASSERT_EQ(r.code, 0) << r.err;
    };
    std::vector<std::string> all = Folders(kHalfA), b = Folders(kHalfB);
    all.insert(all.end(), b.begin(), b.end());
    index(Path("one"), all);
    index(Path("a"), Folders(kHalfA));
    index(Path("b"), b);
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    if (!OnPath("xapian-tcpsrv")) {
      GTEST_SKIP() << "xapian-tcpsrv is not on PATH (Debian package xapian-tools)";
    }
  }
  static std::string Path(const std::string& name) { return (dir_->path() / name).string(); }
  static byline::test::TempDir* dir_;
};
byline::test::TempDir* RemoteShardsCli::dir_ = nullptr;

const std::vector<std::vector<std::string>> kQueries = {
    {"ferry"},                                 // a word
    {"harbour", "strike", "water"},            // words, any of them
    {"\"research vessels\""},                  // a phrase
    {"source:\"northern ledger\"", "school"},  // a field filter
    {"date:2017..2018"},                       // a date range alone
    {"the", "--since", "2019-01"},             // a date option
};

TEST_F(RemoteShardsCli, TwoRemoteShardsAnswerAsOneDatabase) {
  TcpServer a(Path("a")), b(Path("b"));
  ASSERT_TRUE(a.Start()) << "xapian-tcpsrv did not start on " << Path("a");
  ASSERT_TRUE(b.Start()) << "xapian-tcpsrv did not start on " << Path("b");
  const std::string stub =
      dir_->Write("remote.stub", "# two shards\nremote 127.0.0.1:" + std::to_string(a.port()) +
                                     "\nremote 127.0.0.1:" + std::to_string(b.port()) + "\n");
  for (const auto& q : kQueries) {
    ExpectSameHits(Hits(Path("one"), q), Hits(stub, q), "remote: " + q.front());
  }
  // show: an article from each shard.
  const std::vector<Hit> in_b = Hits(Path("b"), {"ferry"});
  ASSERT_FALSE(in_b.empty());
  for (const std::string& id : {std::string("ledger-2017-0501"), in_b.front().id}) {
    RunResult one = Byline({"show", "--db", Path("one"), "--json", id});
    RunResult sharded = Byline({"show", "--db", stub, "--json", id});
    ASSERT_EQ(sharded.code, 0) << sharded.err;
    EXPECT_EQ(JsonLines(sharded.out), JsonLines(one.out)) << id;
  }
  // eval and bench open the stub as search does: the same measures, the
  // same queries without a hit.
  const std::string items = std::string(BYLINE_SOURCE_DIR) + "/tests/cli/corpus-known-items.tsv";
  RunResult eval_one = Byline({"eval", "--db", Path("one"), "--known-items", items, "--json"});
  RunResult eval_sharded = Byline({"eval", "--db", stub, "--known-items", items, "--json"});
  ASSERT_EQ(eval_sharded.code, eval_one.code) << eval_sharded.err;
  auto measures = [](const std::string& out) {
    nlohmann::json j = JsonLines(out).at(0);
    j.erase("db");  // the path given
    return j;
  };
  EXPECT_EQ(measures(eval_sharded.out), measures(eval_one.out));
  const std::string log = dir_->Write("queries.txt", "ferry\nharbour strike\nnothing-like-this\n");
  auto zero_hits = [&](const std::string& db) {
    RunResult r =
        Byline({"bench", "--db", db, "--queries", log, "--warmup", "0", "--repeat", "1", "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return JsonLines(r.out).at(0)["overall"]["zero_hits"].get<int>();
  };
  EXPECT_EQ(zero_hits(stub), 1);
  EXPECT_EQ(zero_hits(Path("one")), 1);
  // A shard down: the open fails, naming the shard's line and what to do.
  b.Stop();
  RunResult r = Byline({"search", "--db", stub, "--json", "ferry"});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(r.out, "");
  const std::string line = stub + ":3 (remote 127.0.0.1:" + std::to_string(b.port()) + ")";
  EXPECT_NE(r.err.find(line + ": cannot reach the shard ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("start `xapian-tcpsrv --port " + std::to_string(b.port())),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("or take the line out of the stub"), std::string::npos) << r.err;
}

TEST_F(RemoteShardsCli, ALocalStubAnswersAsOneDatabase) {
  const std::string stub = dir_->Write("local.stub", "auto a\nauto " + Path("b") + "\n");
  for (const auto& q : kQueries) {
    ExpectSameHits(Hits(Path("one"), q), Hits(stub, q), "local: " + q.front());
  }
  RunResult one = Byline({"show", "--db", Path("one"), "--json", "ledger-2017-0501"});
  RunResult sharded = Byline({"show", "--db", stub, "--json", "ledger-2017-0501"});
  ASSERT_EQ(sharded.code, 0) << sharded.err;
  EXPECT_EQ(JsonLines(sharded.out), JsonLines(one.out));
  // The writer refuses the stub and leaves it as it was.
  RunResult w = Byline({"index", "--db", stub, Folders(kHalfA).front()});
  EXPECT_NE(w.code, 0);
  EXPECT_NE(w.err.find(stub + ": a stub of several databases: index each shard's folder"),
            std::string::npos)
      << w.err;
  EXPECT_EQ(byline::test::Slurp(stub), "auto a\nauto " + Path("b") + "\n");
}

// --recent and `similar` over stubs: a local stub answers as the one
// database (the date bonus is cloned per shard); Xapian's server cannot
// run Byline's date bonus, so --recent over a remote shard is a clear usage
// error, while `similar` (plain Xapian queries) works there too.
TEST_F(RemoteShardsCli, RecentAndSimilarOverStubs) {
  const std::string local = dir_->Write("local2.stub", "auto a\nauto " + Path("b") + "\n");
  const std::vector<std::string> recent = {"--recent", "30", "harbour", "strike", "water"};
  ExpectSameHits(Hits(Path("one"), recent), Hits(local, recent), "local: --recent");
  TcpServer a(Path("a"));
  ASSERT_TRUE(a.Start()) << "xapian-tcpsrv did not start on " << Path("a");
  const std::string remote =
      dir_->Write("remote2.stub", "remote 127.0.0.1:" + std::to_string(a.port()) + "\n");
  RunResult r = Byline({"search", "--db", remote, "--recent", "30", "ferry"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--recent works on local databases only"), std::string::npos) << r.err;
  const std::vector<Hit> top = Hits(Path("a"), {"ferry"});
  ASSERT_FALSE(top.empty());
  RunResult here = Byline({"similar", "--db", Path("a"), "--format", "ids", top.front().id});
  RunResult there = Byline({"similar", "--db", remote, "--format", "ids", top.front().id});
  ASSERT_EQ(there.code, 0) << there.err;
  EXPECT_FALSE(here.out.empty());
  EXPECT_EQ(there.out, here.out);
}

// `byline index --shards 2`: a stub and two shard folders beside it that
// answer as one database (search, show, eval, bench), the shards given as
// two --db likewise; the next run is incremental; another number of shards
// is a usage error that says what to do; the shards served by
// xapian-tcpsrv answer through a stub of remote lines too.
TEST_F(RemoteShardsCli, IndexShardsWritesAStubThatAnswersAsOneDatabase) {
  std::vector<std::string> all = Folders(kHalfA), b = Folders(kHalfB);
  all.insert(all.end(), b.begin(), b.end());
  std::vector<std::string> args = {"index", "--db", Path("set"), "--shards", "2"};
  args.insert(args.end(), all.begin(), all.end());
  RunResult r = Byline(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("in 2 shards: the stub " + Path("set")), std::string::npos) << r.err;
  const std::string stub = byline::test::Slurp(Path("set"));
  EXPECT_EQ(stub.rfind("# byline shard set: 2 shards, generation 1, route 1\n", 0), 0u) << stub;
  EXPECT_NE(stub.find("\nauto set.g1.shard0\nauto set.g1.shard1\n"), std::string::npos) << stub;
  const std::vector<std::string> shard_dbs = {"--db", Path("set.g1.shard0"), "--db",
                                              Path("set.g1.shard1")};
  for (const auto& q : kQueries) {
    ExpectSameHits(Hits(Path("one"), q), Hits(Path("set"), q), "set: " + q.front());
    std::vector<std::string> several = {"search", "--json", "-n", "1000"};
    several.insert(several.end(), shard_dbs.begin(), shard_dbs.end());
    several.insert(several.end(), q.begin(), q.end());
    RunResult two = Byline(several);
    ASSERT_EQ(two.code, 0) << two.err;
    RunResult set = Byline([&] {
      std::vector<std::string> a = {"search", "--json", "-n", "1000", "--db", Path("set")};
      a.insert(a.end(), q.begin(), q.end());
      return a;
    }());
    std::vector<nlohmann::json> x = JsonLines(two.out), y = JsonLines(set.out);
    ASSERT_EQ(x.size(), y.size()) << q.front();
    ASSERT_FALSE(x.empty());
    x.pop_back();  // the summaries name the databases and the time
    y.pop_back();
    EXPECT_EQ(x, y) << q.front();
  }
  RunResult one = Byline({"show", "--db", Path("one"), "--json", "ledger-2017-0501"});
  RunResult sharded = Byline({"show", "--db", Path("set"), "--json", "ledger-2017-0501"});
  ASSERT_EQ(sharded.code, 0) << sharded.err;
  EXPECT_EQ(JsonLines(sharded.out), JsonLines(one.out));
  const std::string items = std::string(BYLINE_SOURCE_DIR) + "/tests/cli/corpus-known-items.tsv";
  RunResult eval_one = Byline({"eval", "--db", Path("one"), "--known-items", items, "--json"});
  std::vector<std::string> eval_args = {"eval", "--known-items", items, "--json"};
  eval_args.insert(eval_args.end(), shard_dbs.begin(), shard_dbs.end());
  RunResult eval_two = Byline(eval_args);
  ASSERT_EQ(eval_two.code, eval_one.code) << eval_two.err;
  nlohmann::json m1 = JsonLines(eval_one.out).at(0), m2 = JsonLines(eval_two.out).at(0);
  EXPECT_EQ(m2["db"], Path("set.g1.shard0") + " + " + Path("set.g1.shard1"));
  m1.erase("db");
  m2.erase("db");
  EXPECT_EQ(m2, m1);
  const std::string log = dir_->Write("shard-queries.txt", "ferry\nnothing-like-this\n");
  std::vector<std::string> bench = {"bench", "--queries", log, "--warmup",
                                    "0",     "--repeat",  "1", "--json"};
  bench.insert(bench.end(), shard_dbs.begin(), shard_dbs.end());
  RunResult bench_two = Byline(bench);
  ASSERT_EQ(bench_two.code, 0) << bench_two.err;
  EXPECT_EQ(JsonLines(bench_two.out).at(0)["overall"]["zero_hits"].get<int>(), 1);

  // Again: nothing read; with --shards 3, a usage error that says what to do.
  std::vector<std::string> again = {"index", "--db", Path("set")};
  again.insert(again.end(), all.begin(), all.end());
  r = Byline(again);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("indexed 0 articles"), std::string::npos) << r.err;
  again.insert(again.end(), {"--shards", "3"});
  r = Byline(again);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(Path("set") + " holds 2 shards, not 3: index it with --shards 2 (or "
                                     "without --shards), or give --rebuild --shards 3"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(byline::test::Slurp(Path("set")), stub);

  // Each shard served by xapian-tcpsrv: a stub of remote lines answers alike.
  TcpServer s0(Path("set.g1.shard0")), s1(Path("set.g1.shard1"));
  ASSERT_TRUE(s0.Start());
  ASSERT_TRUE(s1.Start());
  const std::string remote =
      dir_->Write("set-remote.stub", "remote 127.0.0.1:" + std::to_string(s0.port()) +
                                         "\nremote 127.0.0.1:" + std::to_string(s1.port()) + "\n");
  for (const auto& q : kQueries) {
    ExpectSameHits(Hits(Path("one"), q), Hits(remote, q), "set, remote: " + q.front());
  }
}

}  // namespace
