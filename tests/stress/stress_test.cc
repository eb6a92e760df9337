// Stress tests: the real `byline` binary killed with -9 mid-run, searched
// while it indexes, and robbed of files while it reads them, on a generated
// corpus. Label `stress`; see tests/support/process.h.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::Quote;
using byline::test::Running;
using byline::test::RunResult;
using byline::test::Spawn;
using nlohmann::json;

// A generated corpus: 3,000 articles in 60 JSON Lines files and 600 text files.
// With `only` >= 0, rewrites just feed `only` and its text files (new words).
void WriteSyntheticCorpus(const byline::test::TempDir& dir, unsigned seed = 42, int only = -1) {
  std::mt19937 rng(seed);
  const char* words[] = {"harbour",  "council", "flood",   "barrier", "election",
                         "market",   "crane",   "strike",  "wheat",   "harvest",
                         "railway",  "museum",  "glacier", "ferry",   "budget",
                         "minister", "river",   "storm",   "school",  "hospital"};
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += std::string(words[rng() % 20]) + (i % 12 == 11 ? ".\n" : " ");
    return t;
  };
  for (int f = 0; f < 60; ++f) {
    if (only >= 0 && f != only) continue;
    std::string lines;
    for (int i = 0; i < 40; ++i) {
      lines += json{{"id", "g" + std::to_string(f) + "-" + std::to_string(i)},
                    {"title", text(6)},
                    {"body", text(150)},
                    {"date", "2019-01-" + std::to_string(10 + i % 18)}}
                   .dump() +
               "\n";
    }
    dir.Write("corpus/feed" + std::to_string(f) + ".jsonl", lines);
    for (int i = 0; i < 10; ++i) {
      dir.Write("corpus/t" + std::to_string(f) + "/a" + std::to_string(i) + ".txt",
                "Title: " + text(5) + "\n\n" + text(200));
    }
  }
}

// Every article id in a database, through byline itself.
std::set<std::string> AllIds(const std::string& db) {
  RunResult r =
      Byline({"search", "--db", db, "--json", "-n", "100000",
              "date:..2100 OR harbour OR council OR flood OR barrier OR election OR market OR "
              "crane OR strike OR wheat OR harvest OR railway OR museum OR glacier OR ferry OR "
              "budget OR minister OR river OR storm OR school OR hospital"});
  std::set<std::string> ids;
  auto lines = JsonLines(r.out);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) ids.insert(lines[i]["id"].get<std::string>());
  return ids;
}

// The top 10 of a query as "score id" strings; ids that tie with the 10th
// score are left out (the order of ties depends on document numbers, which
// differ between a database built in one go and one built run by run).
std::vector<std::string> TopIds(const std::string& db, const std::string& q) {
  RunResult r = Byline({"search", "--db", db, "--json", "-n", "10", q});
  std::vector<std::string> top;
  auto lines = JsonLines(r.out);
  if (lines.size() < 2) return top;
  double last = lines[lines.size() - 2]["score"].get<double>();
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    double score = lines[i]["score"].get<double>();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f ", score);
    top.push_back(buf + (std::abs(score - last) < 1e-9 ? std::string("(tie)")
                                                       : lines[i]["id"].get<std::string>()));
  }
  return top;
}

// Kills `byline index` (with `extra` arguments) with -9 at random moments of
// update runs and rebuilds; after each kill every database opens and
// passes xapian-check, and a last run leaves what a clean build of one
// database gives. `queries`: whose top 10 must then be the clean build's.
void KillDashNine(const std::vector<std::string>& extra, const std::vector<std::string>& queries) {
  const char* many = std::getenv("BYLINE_CRASH_KILLS");
  const int kills = many ? std::atoi(many) : 20;
  byline::test::TempDir dir;
  WriteSyntheticCorpus(dir);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "crashed").string();
  // How long a whole build takes, committing every 100 articles.
  auto t0 = std::chrono::steady_clock::now();
  pid_t timing = Spawn({"index", "-q", corpus, "--db", (dir.path() / "timing").string()},
                       {"XAPIAN_FLUSH_THRESHOLD=100"});
  waitpid(timing, nullptr, 0);
  int full_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count());
  std::mt19937 rng(7);
  int killed_mid_run = 0, checked = 0;
  // Where to kill: within the span of each kind of run, first estimated from
  // the timed build (an update run reads about a third of the files), then
  // narrowed whenever a run turns out to have finished before its kill.
  int span_ms[2] = {std::max(1, full_ms / 3), std::max(1, full_ms)};  // update, rebuild
  for (int k = 0; k < kills; ++k) {
    // Give every run work to do: rewrite a third of the feeds, rebuild now and then.
    for (int f = 0; f < 20; ++f) WriteSyntheticCorpus(dir, 1000 + k * 100 + f, rng() % 60);
    std::vector<std::string> args = {"index", "-q", corpus, "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    bool rebuild = k % 4 == 3;
    if (rebuild) args.push_back("--rebuild");
    pid_t pid = Spawn(args, {"XAPIAN_FLUSH_THRESHOLD=100"});
    ASSERT_GT(pid, 0);
    int& span = span_ms[rebuild ? 1 : 0];
    int wait_ms = static_cast<int>(rng() % static_cast<unsigned>(span));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    if (Running(pid)) {
      ++killed_mid_run;
    } else {
      span = std::max(1, wait_ms);  // it took less than that
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    // Killed before the first commit (or, for a shard set, before its
    // first stub): nothing to check yet.
    if (!fs::exists(extra.empty() ? db + "/iamglass" : db)) continue;
    // The database, or every shard a killed run left (of any generation).
    for (const auto& e : fs::directory_iterator(dir.path())) {
      const std::string p = e.path().string();
      if (p != db && p.rfind(db + ".g", 0) != 0) continue;
      if (!fs::exists(p + "/iamglass")) continue;
      int check = std::system(("xapian-check " + Quote(p) + " >/dev/null 2>&1").c_str());
      ASSERT_EQ(WEXITSTATUS(check), 0) << "xapian-check " << p << " failed after kill " << k;
    }
    RunResult s = Byline({"search", "--db", db, "--json", "-n", "1", "harbour"});
    ASSERT_EQ(s.code, 0) << "search failed after kill " << k << ": " << s.err;
    ++checked;
  }
  std::vector<std::string> last = {"index", "-q", corpus, "--db", db};
  last.insert(last.end(), extra.begin(), extra.end());
  RunResult fin = Byline(last);
  ASSERT_EQ(fin.code, 0) << fin.err;
  std::string clean = (dir.path() / "clean").string();
  RunResult c = Byline({"index", "-q", corpus, "--db", clean});
  ASSERT_EQ(c.code, 0) << c.err;
  std::set<std::string> want = AllIds(clean), got = AllIds(db);
  std::size_t differences = 0;
  for (const auto& id : want) differences += got.count(id) == 0;
  for (const auto& id : got) differences += want.count(id) == 0;
  std::printf("[ crash ] %d kills (%d while indexing), %d databases checked, %zu id differences\n",
              kills, killed_mid_run, checked, differences);
  EXPECT_GT(killed_mid_run, kills / 3);
  EXPECT_EQ(want.size(), 3000u);
  EXPECT_EQ(got, want);
  // As "score id" strings sorted: hits of equal score may come in another
  // order (shards number their documents apart).
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  for (const std::string& q : queries) {
    EXPECT_EQ(sorted(TopIds(db, q)), sorted(TopIds(clean, q))) << q;
  }
}

TEST(CrashSafetyCli, KillDashNineNeverCorruptsAndTheNextRunFinishes) {
  KillDashNine({}, {"flood barrier", "\"harbour council\"", "glacier -ferry", "title:museum"});
}

// The same for a set of 3 shards: each shard a killed run leaves passes
// xapian-check, the stub names a whole generation, and the last run leaves
// the articles of one clean database. No query of two words side by side:
// the proximity bonus's top 10 depends on where Xapian prunes, which
// differs between one database and shards (tests/unit/sharded_index_test.cc).
TEST(CrashSafetyCli, KillDashNineOnAShardSetNeverCorruptsAndTheNextRunFinishes) {
  KillDashNine({"--shards", "3"}, {"\"harbour council\"", "glacier -ferry", "title:museum"});
}

TEST(CrashSafetyCli, ARebuildKilledMidRunLeavesTheOldDatabaseWhole) {
  byline::test::TempDir dir;
  WriteSyntheticCorpus(dir);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  RunResult first = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  std::set<std::string> before = AllIds(db);
  ASSERT_EQ(before.size(), 3000u);
  // A finished rebuild would drop these feeds' 400 articles.
  for (int f = 0; f < 10; ++f)
    fs::remove(dir.path() / ("corpus/feed" + std::to_string(f) + ".jsonl"));
  auto t0 = std::chrono::steady_clock::now();
  RunResult timing = Byline({"index", "-q", corpus, "--db", (dir.path() / "timing").string()});
  ASSERT_EQ(timing.code, 0) << timing.err;
  auto full = std::chrono::steady_clock::now() - t0;
  int killed = 0;
  for (int attempt = 0; attempt < 8 && killed < 3; ++attempt) {
    pid_t pid = Spawn({"index", "-q", corpus, "--db", db, "--rebuild"}, {});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(full * (attempt + 2) / 12);
    if (!Running(pid)) {
      waitpid(pid, nullptr, 0);
      break;  // finished: nothing more to learn from the old content
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    ++killed;
    EXPECT_EQ(AllIds(db), before) << "after a rebuild killed at attempt " << attempt;
    int check = std::system(("xapian-check " + Quote(db) + " >/dev/null 2>&1").c_str());
    EXPECT_EQ(WEXITSTATUS(check), 0);
  }
  std::printf("[ rebuild ] %d rebuilds killed mid-run, old database whole each time\n", killed);
  EXPECT_GT(killed, 0);
  // The folder a killed build leaves is cleared by the next run.
  RunResult fin = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(fin.code, 0) << fin.err;
  EXPECT_FALSE(fs::exists(db + ".building"));
  EXPECT_EQ(AllIds(db).size(), 2600u);
}

TEST(ConcurrencyCli, SearchesWhileIndexingNeverFailAndASecondWriterIsTurnedAway) {
  byline::test::TempDir dir;
  WriteSyntheticCorpus(dir);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  // A first commit so that there is something to search.
  RunResult first = Byline({"index", "-q", (dir.path() / "corpus/t0").string(), "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  pid_t pid = Spawn({"index", "-q", corpus, "--db", db}, {"XAPIAN_FLUSH_THRESHOLD=50"});
  ASSERT_GT(pid, 0);
  int searches = 0, failures = 0;
  bool saw_lock = false;
  while (Running(pid) && searches < 400) {
    RunResult s = Byline({"search", "--db", db, "--json", "-n", "10", "harbour OR flood"});
    ++searches;
    if (s.code != 0) {
      ++failures;
      ADD_FAILURE() << s.err;
    }
    if (!saw_lock && searches == 3) {
      RunResult second = Byline({"index", "-q", corpus, "--db", db});
      if (Running(pid)) {
        EXPECT_EQ(second.code, 4) << second.err;
        EXPECT_NE(second.err.find(db), std::string::npos) << second.err;
        EXPECT_NE(second.err.find("another `byline index` is writing to this database"),
                  std::string::npos)
            << second.err;
        saw_lock = true;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::printf("[ concurrency ] %d searches while indexing, %d failures\n", searches, failures);
  EXPECT_EQ(failures, 0);
  EXPECT_GT(searches, 3);
  EXPECT_TRUE(saw_lock);
}

TEST(BadInputCli, FilesDeletedDuringARunAreReportedNotFatal) {
  byline::test::TempDir dir;
  WriteSyntheticCorpus(dir);
  std::string corpus = (dir.path() / "corpus").string();
  std::string db = (dir.path() / "db").string();
  pid_t pid = Spawn({"index", "-q", corpus, "--db", db}, {"XAPIAN_FLUSH_THRESHOLD=50"});
  // Remove files and a whole folder while it runs.
  for (int i = 59; i >= 30 && Running(pid); --i) {
    std::error_code ec;
    fs::remove_all(dir.path() / ("corpus/t" + std::to_string(i)), ec);
    fs::remove(dir.path() / ("corpus/feed" + std::to_string(i) + ".jsonl"), ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "indexer crashed";
  EXPECT_TRUE(WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3) << WEXITSTATUS(status);
  // The next run removes what is gone and the database is consistent.
  RunResult again = Byline({"index", corpus, "--db", db});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(AllIds(db).size(), 30u * 40 + 30u * 10);
}

}  // namespace
