// Stress tests: Ctrl-C (SIGINT) and SIGTERM sent to the real `byline index`
// mid-run. An update in place commits what it did and says how many
// articles; a bulk build is discarded; both exit 128 + the signal; a second
// Ctrl-C ends the process at once. Label `stress`.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "process.h"
#include "stress_corpus.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::DatabaseTitles;
using byline::test::RunResult;
using byline::test::Slurp;
using byline::test::Spawn;
using byline::test::WriteFeeds;

// 6,000 articles in 12 feeds: long enough a run, on a shared machine too,
// for a signal to land while it reads.
constexpr int kFeeds = 12, kPerFeed = 500;

// True once `pid` catches `sig` (SigCgt in /proc/PID/status): the handler
// is installed, so a signal now is a request to stop, not the default kill.
bool Catches(pid_t pid, int sig) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, 7, "SigCgt:") != 0) continue;
    unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
    return (mask >> (sig - 1)) & 1;
  }
  return false;
}

// Waits (at most a minute) until `pid` catches SIGINT, then `ms` more.
// False if it exited first (the status is then in *status).
bool WaitUntilCatching(pid_t pid, int ms, int* status) {
  for (int i = 0; i < 6000; ++i) {
    if (waitpid(pid, status, WNOHANG) == pid) return false;
    if (Catches(pid, SIGINT)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      return waitpid(pid, status, WNOHANG) != pid;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// Builds `corpus` into `db` and returns a quarter of the time it took (at
// most 1.5 s): how long to let a run of the same size go before the signal.
int QuarterOfABuildMs(const std::string& corpus, const std::string& db) {
  auto t0 = std::chrono::steady_clock::now();
  RunResult r = Byline({"index", "-q", corpus, "--db", db});
  EXPECT_EQ(r.code, 0) << r.err;
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  return static_cast<int>(std::clamp<long long>(ms / 4, 20, 1500));
}

TEST(InterruptCli, CtrlCCommitsAnUpdateInPlaceAndTheNextRunFinishesIt) {
  byline::test::TempDir dir;
  auto titles = WriteFeeds(dir, "corpus", kFeeds, kPerFeed);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  std::string clean = (dir.path() / "clean").string();
  const int delay_ms = QuarterOfABuildMs(corpus, clean);
  // The database holds feed 0; the run adds the other eleven in place.
  RunResult first =
      Byline({"index", "-q", (dir.path() / "corpus/feed0.jsonl").string(), "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  std::string err_file = (dir.path() / "err").string();
  pid_t pid = Spawn({"index", corpus, "--db", db}, {}, err_file);
  ASSERT_GT(pid, 0);
  int status = 0;
  ASSERT_TRUE(WaitUntilCatching(pid, delay_ms, &status))
      << "finished before the signal (exit " << ExitCode(status) << "): the corpus is too small";
  auto sent = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  std::string err = Slurp(err_file);
  ASSERT_EQ(ExitCode(status), 130) << err;
  const std::string tail = " articles committed; run byline index again to finish\n";
  auto at = err.find("byline: interrupted: ");
  ASSERT_NE(at, std::string::npos) << err;
  ASSERT_NE(err.find(tail, at), std::string::npos) << err;
  std::uint64_t committed = std::stoull(err.substr(at + 21));

  // A consistent subset: feed 0, and every article the message counts,
  // each whole (its stored title is the one written).
  int code = -1;
  auto got = DatabaseTitles(db, &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(got.size(), static_cast<std::size_t>(kPerFeed) + committed);
  EXPECT_LT(got.size(), titles.size()) << "the signal did not stop the reading";
  for (int i = 0; i < kPerFeed; ++i) EXPECT_EQ(got.count("f0-" + std::to_string(i)), 1u) << i;
  for (const auto& [id, title] : got) {
    auto it = titles.find(id);
    ASSERT_NE(it, titles.end()) << id;
    EXPECT_EQ(title, it->second) << id;
  }
  std::printf("[ interrupt ] SIGINT: %llu articles committed, stopped in %.2f s\n",
              static_cast<unsigned long long>(committed), secs);

  // The next run finishes the job: the same as a clean build.
  RunResult again = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(again.code, 0) << again.err;
  auto want = DatabaseTitles(clean, &code);
  EXPECT_EQ(want.size(), titles.size());
  EXPECT_EQ(DatabaseTitles(db, &code), want);
}

TEST(InterruptCli, SigtermDiscardsABulkBuildAndLeavesTheDatabaseAsItWas) {
  byline::test::TempDir dir;
  WriteFeeds(dir, "corpus", kFeeds, kPerFeed);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  const int delay_ms = QuarterOfABuildMs(corpus, (dir.path() / "timing").string());
  RunResult first =
      Byline({"index", "-q", (dir.path() / "corpus/feed0.jsonl").string(), "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  int code = -1;
  auto before = DatabaseTitles(db, &code);
  ASSERT_EQ(before.size(), static_cast<std::size_t>(kPerFeed));
  std::string err_file = (dir.path() / "err").string();
  pid_t pid = Spawn({"index", corpus, "--db", db, "--rebuild"}, {}, err_file);
  ASSERT_GT(pid, 0);
  int status = 0;
  ASSERT_TRUE(WaitUntilCatching(pid, delay_ms, &status))
      << "finished before the signal (exit " << ExitCode(status) << "): the corpus is too small";
  kill(pid, SIGTERM);
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  std::string err = Slurp(err_file);
  EXPECT_EQ(ExitCode(status), 143) << err;
  EXPECT_NE(err.find("byline: interrupted: bulk build discarded; the database is as it was\n"),
            std::string::npos)
      << err;
  EXPECT_EQ(DatabaseTitles(db, &code), before);
  EXPECT_EQ(code, 0);
  EXPECT_FALSE(fs::exists(db + ".building"));
}

TEST(InterruptCli, ASecondCtrlCEndsTheProcessAtOnce) {
  byline::test::TempDir dir;
  WriteFeeds(dir, "corpus", kFeeds, kPerFeed);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  const int delay_ms = QuarterOfABuildMs(corpus, (dir.path() / "timing").string());
  pid_t pid = Spawn({"index", "-q", corpus, "--db", db}, {});
  ASSERT_GT(pid, 0);
  int status = 0;
  ASSERT_TRUE(WaitUntilCatching(pid, delay_ms, &status))
      << "finished before the signal (exit " << ExitCode(status) << "): the corpus is too small";
  kill(pid, SIGINT);
  // Once the handler has run (it resets the action: SigCgt loses SIGINT),
  // so that the two signals are not merged into one while pending.
  for (int i = 0; i < 100000 && Catches(pid, SIGINT); ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  kill(pid, SIGINT);
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  // Killed by the second signal (its default action), not exited.
  ASSERT_TRUE(WIFSIGNALED(status)) << "exited with " << ExitCode(status);
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  // As after kill -9: the database opens, and the next run clears the build
  // folder and finishes.
  RunResult again = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_FALSE(fs::exists(db + ".building"));
  int code = -1;
  EXPECT_EQ(DatabaseTitles(db, &code).size(), static_cast<std::size_t>(kFeeds * kPerFeed));
}

}  // namespace
