// Soak: `byline search` runs over and over, in a thread of its own, through
// ten incremental `byline index` runs that change, add and remove files.
// Not one search may fail. Label `stress`; see tests/support/process.h.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "process.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::Quote;
using byline::test::RunResult;
using byline::test::Slurp;

const char* const kWords[] = {"harbour", "council", "flood",   "barrier", "election",
                              "market",  "crane",   "strike",  "wheat",   "harvest",
                              "railway", "museum",  "glacier", "ferry",   "budget"};

std::string Text(std::mt19937* rng, int n) {
  std::string t;
  for (int i = 0; i < n; ++i)
    t += std::string(kWords[(*rng)() % 15]) + (i % 12 == 11 ? ".\n" : " ");
  return t;
}

// Text file `i` (version `v`): every one mentions the harbour, so every
// search below has hits whatever the run has changed.
void WriteArticle(const byline::test::TempDir& dir, int i, int v, std::mt19937* rng) {
  dir.Write("corpus/d" + std::to_string(i % 10) + "/a" + std::to_string(i) + ".txt",
            "Title: Harbour " + Text(rng, 4) + "\n\nVersion " + std::to_string(v) + " harbour " +
                Text(rng, 120));
}

void WriteFeed(const byline::test::TempDir& dir, int f, int v, std::mt19937* rng) {
  std::string lines;
  for (int i = 0; i < 20; ++i) {
    lines += nlohmann::json{{"id", "f" + std::to_string(f) + "-" + std::to_string(i)},
                            {"title", "Harbour " + Text(rng, 5)},
                            {"body", "version " + std::to_string(v) + " " + Text(rng, 100)}}
                 .dump() +
             "\n";
  }
  dir.Write("corpus/feeds/f" + std::to_string(f) + ".jsonl", lines);
}

TEST(SoakCli, SearchesThroughTenIncrementalRunsNeverFail) {
  byline::test::TempDir dir;
  std::mt19937 rng(7);
  const int kFiles = 300, kFeeds = 20;
  for (int i = 0; i < kFiles; ++i) WriteArticle(dir, i, 0, &rng);
  for (int f = 0; f < kFeeds; ++f) WriteFeed(dir, f, 0, &rng);
  const std::string corpus = (dir.path() / "corpus").string();
  const std::string db = (dir.path() / "db").string();
  RunResult first = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;

  // The searcher: its own runner (Byline() shares one scratch folder, and
  // the main thread uses it for the index runs).
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0}, failures{0};
  std::string first_failure;
  std::thread searcher([&] {
    const std::string out = (dir.path() / "search.out").string();
    const std::string err = (dir.path() / "search.err").string();
    const char* queries[] = {"harbour", "harbour ferry", "\"harbour council\"", "title:harbour",
                             "flood OR glacier"};
    for (int n = 0; !stop; ++n) {
      std::string cmd = Quote(BYLINE_BINARY) + " search --db " + Quote(db) + " --json -n 20 " +
                        Quote(queries[n % 5]) + " >" + Quote(out) + " 2>" + Quote(err) +
                        " </dev/null";
      int status = std::system(cmd.c_str());
      ++searches;
      bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      std::string text = Slurp(out);
      if (ok) {
        try {  // every line JSON, and hits: every article mentions the harbour
          auto lines = byline::test::JsonLines(text);
          ok = lines.size() >= 2 || std::string(queries[n % 5]) == "flood OR glacier";
        } catch (const std::exception&) {
          ok = false;
        }
      }
      if (!ok && failures++ == 0) {
        first_failure = std::string(queries[n % 5]) + ": status " + std::to_string(status) + ": " +
                        Slurp(err) + text.substr(0, 300);
      }
    }
  });

  // Ten runs, each changing 20 files and a feed, adding 10 files and
  // removing 10 (and, every third run, a whole feed).
  int next = kFiles, removed_from = 0, runs_ok = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int run = 1; run <= 10; ++run) {
    for (int k = 0; k < 20; ++k) {
      int i = removed_from + 10 +
              static_cast<int>(rng() % static_cast<unsigned>(next - removed_from - 10));
      if (fs::exists(dir.path() /
                     ("corpus/d" + std::to_string(i % 10) + "/a" + std::to_string(i) + ".txt")))
        WriteArticle(dir, i, run, &rng);
    }
    WriteFeed(dir, run % kFeeds, run, &rng);
    for (int k = 0; k < 10; ++k) WriteArticle(dir, next++, run, &rng);
    for (int k = 0; k < 10; ++k, ++removed_from) {
      fs::remove(dir.path() / ("corpus/d" + std::to_string(removed_from % 10) + "/a" +
                               std::to_string(removed_from) + ".txt"));
    }
    if (run % 3 == 0)
      fs::remove(dir.path() / ("corpus/feeds/f" + std::to_string(kFeeds - run / 3) + ".jsonl"));
    // Small flushes: many commits land while the searches read.
    RunResult r = Byline({"index", "-q", corpus, "--db", db}, "XAPIAN_FLUSH_THRESHOLD=20");
    EXPECT_EQ(r.code, 0) << "run " << run << ": " << r.err;
    runs_ok += r.code == 0;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stop = true;
  searcher.join();
  std::printf("[ soak ] %d searches during 10 incremental runs (%.1f s), %d failed\n",
              searches.load(), secs, failures.load());
  EXPECT_EQ(runs_ok, 10);
  EXPECT_EQ(failures, 0) << first_failure;
  EXPECT_GT(searches, 10);
  // The database holds what is on disk: the files that are left, 20 articles
  // per feed left.
  const int files_left = kFiles + 100 - 100, feeds_left = kFeeds - 3;
  RunResult all = Byline({"search", "--db", db, "--json", "-n", "100000", "harbour OR version"});
  ASSERT_EQ(all.code, 0) << all.err;
  auto lines = byline::test::JsonLines(all.out);
  std::map<std::string, int> feeds;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string id = lines[i]["id"].get<std::string>();
    ++feeds[id.substr(0, id.find('-'))];
  }
  std::string seen;
  for (const auto& [f, n] : feeds) seen += f.substr(0, 20) + ":" + std::to_string(n) + " ";
  EXPECT_EQ(lines.size(), static_cast<std::size_t>(files_left + 20 * feeds_left + 1)) << seen;
}

}  // namespace
