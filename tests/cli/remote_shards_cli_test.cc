// Shards across machines (README, "Shards across machines"): corpus/ split
// in two databases, each served by Xapian's own `xapian-tcpsrv` on loopback,
// searched through a stub of two `remote` lines (and of two `auto` lines)
// must answer as the one database of all of corpus/ does; with a shard
// down, the open fails naming that shard. Skips when xapian-tcpsrv (Debian's
// xapian-tools) is not on PATH.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
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

bool OnPath(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// A loopback port nothing listens on now: the kernel's choice for port 0.
// Another process may take it before the server does; Start() retries.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

bool Listening(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// One `xapian-tcpsrv` serving `db` on 127.0.0.1; stopped when destroyed.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) : db_(db) {}
  ~TcpServer() { Stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // Starts the server and waits until it accepts connections.
  bool Start() {
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = FreePort();
      if (port_ < 0) continue;
      pid_ = fork();
      if (pid_ == 0) {
        // Its own process group: on SIGTERM xapian-tcpsrv kills its whole
        // group (kill(0, SIGTERM), to stop the children serving
        // connections), which would otherwise be this test and its shell.
        setpgid(0, 0);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        const std::string port = std::to_string(port_);
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
               "--timeout", "30000", db_.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      if (pid_ < 0) return false;
      // Connecting to probe costs the server a fork; it takes well under a
      // second on a loaded machine. A server that exited lost the port.
      for (int i = 0; i < 200; ++i) {
        if (Listening(port_)) return true;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      Stop();
    }
    return false;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  int port() const { return port_; }

 private:
  std::string db_;
  int port_ = -1;
  pid_t pid_ = -1;
};

struct Hit {
  std::string id;
  double score;
};

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

bool Close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), 1.0); }

// Same ids in the same order with scores equal within 1e-6 relative. Hits
// of equal score may come in either order: Xapian breaks a tie by document
// number, and the shards number their documents apart; so a run of equal
// scores is compared as a set.
void ExpectSameHits(const std::vector<Hit>& one, const std::vector<Hit>& sharded,
                    const std::string& what) {
  ASSERT_EQ(one.size(), sharded.size()) << what;
  ASSERT_FALSE(one.empty()) << what << ": the query should find something";
  for (std::size_t i = 0; i < one.size();) {
    std::size_t j = i + 1;
    while (j < one.size() && Close(one[j].score, one[i].score)) ++j;
    std::vector<std::string> a, b;
    for (std::size_t k = i; k < j; ++k) {
      EXPECT_TRUE(Close(one[k].score, sharded[k].score))
          << what << " hit " << k << ": " << one[k].score << " vs " << sharded[k].score;
      a.push_back(one[k].id);
      b.push_back(sharded[k].id);
    }
    if (j - i > 1) {
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
    }
    EXPECT_EQ(a, b) << what << " hits " << i << ".." << j - 1;
    i = j;
  }
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

}  // namespace
