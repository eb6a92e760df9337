// Story keys through killed runs: updates in place that add, change and
// remove copies of stories are killed with -9 at random moments (with a tiny
// XAPIAN_FLUSH_THRESHOLD, so that documents are committed before their
// story pass); after one run to the end, every article's story key must be
// that of a clean build. Label `stress`; BYLINE_STORY_KILLS sets the number
// of killed runs (default 12).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "byline/schema.h"
#include "process.h"
#include "stress_corpus.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::RunResult;
using byline::test::Spawn;
using nlohmann::json;

// Every article's story key, by id.
std::map<std::string, std::string> StoryKeys(const std::string& path) {
  std::map<std::string, std::string> out;
  Xapian::Database db(path);
  for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
    Xapian::Document doc = db.get_document(*db.postlist_begin(*t));
    out[(*t).substr(1)] = doc.get_value(byline::schema::kSlotStory);
  }
  return out;
}

struct Story {
  std::string title, body;
};

TEST(StoryCrashCli, KilledUpdatesLeaveKeysTheNextRunCorrects) {
  const char* many = std::getenv("BYLINE_STORY_KILLS");
  const int kills = many ? std::atoi(many) : 12;
  byline::test::TempDir dir;
  std::mt19937 rng(11);
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += std::string(byline::test::kStressWords[rng() % 20]) + " ";
    return t;
  };
  // 300 stories; wire files carry copies of them (exact, or another
  // headline) under ids of their own.
  std::vector<Story> stories;
  for (int s = 0; s < 300; ++s)
    stories.push_back({text(6), text(120) + "story " + std::to_string(s)});
  auto write_wire = [&](int w, unsigned seed) {
    std::mt19937 pick(seed);
    std::string lines;
    for (int i = 0; i < 60; ++i) {
      const Story& s = stories[pick() % stories.size()];
      std::string title = pick() % 2 ? s.title : "UPDATE " + text(4);
      lines += json{{"id", "w" + std::to_string(w) + "-" + std::to_string(i)},
                    {"title", title},
                    {"body", s.body},
                    {"date", "2019-01-10"}}
                   .dump() +
               "\n";
    }
    dir.Write("corpus/wire" + std::to_string(w) + ".jsonl", lines);
  };
  for (int w = 0; w < 10; ++w) write_wire(w, static_cast<unsigned>(w));
  const std::string corpus = (dir.path() / "corpus").string();
  const std::string db = (dir.path() / "db").string();
  RunResult first = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  int killed_mid_run = 0, span_ms = 2000;
  for (int k = 0; k < kills; ++k) {
    for (int c = 0; c < 3; ++c) write_wire(static_cast<int>(rng() % 12), rng());
    if (k % 3 == 2)
      fs::remove(dir.path() / "corpus" / ("wire" + std::to_string(rng() % 12) + ".jsonl"));
    pid_t pid = Spawn({"index", "-q", corpus, "--db", db}, {"XAPIAN_FLUSH_THRESHOLD=20"});
    ASSERT_GT(pid, 0);
    int wait_ms = static_cast<int>(rng() % static_cast<unsigned>(span_ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    if (kill(pid, 0) == 0) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == 0) {
        ++killed_mid_run;
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        continue;
      }
    }
    span_ms = std::max(1, wait_ms);  // it took less than that
    waitpid(pid, nullptr, 0);
  }
  RunResult fin = Byline({"index", "-q", corpus, "--db", db});
  ASSERT_EQ(fin.code, 0) << fin.err;
  RunResult clean = Byline({"index", "-q", corpus, "--db", (dir.path() / "clean").string()});
  ASSERT_EQ(clean.code, 0) << clean.err;
  auto want = StoryKeys((dir.path() / "clean").string());
  auto got = StoryKeys(db);
  std::size_t keyed = 0;
  for (const auto& [id, key] : want) keyed += !key.empty();
  std::printf("[ stories ] %d kills (%d while indexing), %zu articles, %zu with a story key\n",
              kills, killed_mid_run, want.size(), keyed);
  EXPECT_GT(keyed, want.size() / 4);  // the corpus is mostly copies
  std::size_t differences = 0;
  for (const auto& [id, key] : want) {
    auto it = got.find(id);
    if (it == got.end() || it->second != key) {
      if (++differences <= 10) {
        ADD_FAILURE() << id << ": key " << (it == got.end() ? "(no article)" : it->second)
                      << ", a clean build's " << key;
      }
    }
  }
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(differences, 0u);
}

}  // namespace
