// End-to-end tests: run the real `byline` binary on real files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <random>
#include <set>
#include <thread>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
  int code = -1;
  std::string out, err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs byline with `args`; `env` is a prefix such as "NO_COLOR=1".
RunResult Byline(const std::vector<std::string>& args, const std::string& env = "") {
  static byline::test::TempDir io;
  std::string cmd = env + (env.empty() ? "" : " ") + Quote(BYLINE_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote((io.path() / "out").string()) + " 2>" + Quote((io.path() / "err").string()) +
         " </dev/null";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(io.path() / "out");
  r.err = Slurp(io.path() / "err");
  return r;
}

std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));  // throws if not JSON
  return lines;
}

class SampleCorpusCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new byline::test::TempDir();
    RunResult r = Byline({"index", std::string(BYLINE_SOURCE_DIR) + "/corpus", "--db", Db()});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_NE(r.err.find("indexed 41 articles from 27 files"), std::string::npos) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return (dir_->path() / "db").string(); }
  static byline::test::TempDir* dir_;
};
byline::test::TempDir* SampleCorpusCli::dir_ = nullptr;

TEST_F(SampleCorpusCli, SecondRunReadsNothing) {
  RunResult r = Byline({"index", std::string(BYLINE_SOURCE_DIR) + "/corpus", "--db", Db()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("indexed 0 articles from 0 files (0.0 kB)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("files: 0 new, 0 updated, 27 unchanged, 0 removed"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("41 articles in"), std::string::npos) << r.err;
}

TEST_F(SampleCorpusCli, TextOutputShowsRankTitleMetaAndSnippet) {
  RunResult r = Byline({"search", "--db", Db(), "--color", "never", "Qamishli", "water"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("  1. Water trucks reach Qāmishlī as pumping station repairs drag on\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2019-08-21 · Byline Wire · Layla Haddad · "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("qamishli-water.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Aid groups began trucking drinking water"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when asked for none";
  EXPECT_NE(r.out.find("matches ("), std::string::npos);
}

TEST_F(SampleCorpusCli, ColourOnlyWhenAskedOrOnATerminal) {
  RunResult always = Byline({"search", "--db", Db(), "--color", "always", "brooch"});
  EXPECT_NE(always.out.find("\x1b[1;33mbrooch\x1b[0m"), std::string::npos) << always.out;
  RunResult piped = Byline({"search", "--db", Db(), "brooch"});  // auto, stdout is a file
  EXPECT_EQ(piped.out.find('\x1b'), std::string::npos);
  RunResult no_color = Byline({"search", "--db", Db(), "brooch"}, "NO_COLOR=1");
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos);
}

TEST_F(SampleCorpusCli, JsonOutputIsNdjsonWithHighlightOffsets) {
  RunResult r = Byline({"search", "--db", Db(), "--json", "-n", "3", "\"pumping station\""});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);  // one hit and the summary
  const json& hit = lines[0];
  EXPECT_EQ(hit["rank"], 1);
  for (const char* key : {"id", "score", "title", "date", "source", "author", "url", "path",
                          "snippet", "highlights"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  std::string snippet = hit["snippet"];
  ASSERT_FALSE(hit["highlights"].empty());
  for (const auto& h : hit["highlights"]) {
    std::size_t b = h[0], e = h[1];
    EXPECT_EQ(snippet.substr(b, e - b), "pumping station");
  }
  EXPECT_EQ(lines[1]["matches_estimated"], 1);
  EXPECT_TRUE(lines[1].contains("elapsed_ms"));
}

TEST_F(SampleCorpusCli, DistinctivePhrasesFindTheirArticleAtRankOne) {
  const std::pair<const char*, const char*> cases[] = {
      {"\"ghost nets trap seals\"", "courier-2019-0033"},
      {"\"the light never needed us less\"", "lighthouse-keepers.md"},
      {"hydroelectric plant that supplies three villages", "glacier-survey.md"},
      {"wind machines that mix warmer air", "wire-2019-0108"},
      {"\"seit 1987\"", "kiezladen.md"},
      {"un documentaire sur les pêcheurs du Léman", "quotidien-2019-1104"},
      {"ледяных скульптур", "obozrevatel-2017-1220"},
  };
  for (const auto& [q, want] : cases) {
    RunResult r = Byline({"search", "--db", Db(), "--json", "-n", "1", q});
    ASSERT_EQ(r.code, 0) << q << ": " << r.err;
    auto lines = JsonLines(r.out);
    ASSERT_EQ(lines.size(), 2u) << q;
    std::string id = lines[0]["id"];
    EXPECT_NE(id.find(want), std::string::npos) << q << " -> " << id;
    EXPECT_FALSE(lines[0]["highlights"].empty()) << q;
  }
}

TEST_F(SampleCorpusCli, BadQueryGivesPositionAndExitCode2) {
  RunResult r = Byline({"search", "--db", Db(), "crane", "(strike"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad query at position 7: unbalanced '('"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  crane (strike\n        ^"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  RunResult date = Byline({"search", "--db", Db(), "date:2018-13-45"});
  EXPECT_EQ(date.code, 2);
  EXPECT_NE(date.err.find("cannot read the date"), std::string::npos) << date.err;
}

TEST_F(SampleCorpusCli, MissingDatabaseIsAClearError) {
  RunResult r = Byline({"search", "--db", "/nonexistent/db", "x"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no database at /nonexistent/db"), std::string::npos) << r.err;
}

TEST_F(SampleCorpusCli, DefaultDatabaseComesFromTheEnvironment) {
  byline::test::TempDir home;
  std::string env = "BYLINE_DB=" + Quote((home.path() / "envdb").string());
  RunResult idx = Byline({"index", "-q", std::string(BYLINE_SOURCE_DIR) + "/corpus/feeds"}, env);
  ASSERT_EQ(idx.code, 0) << idx.err;
  EXPECT_TRUE(idx.err.empty()) << idx.err;
  RunResult r = Byline({"search", "--json", "mackerel"}, env);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("wire-2019-0101"), std::string::npos);
}

TEST_F(SampleCorpusCli, EvalScoresJudgedTopicsAndWritesARunFile) {
  byline::test::TempDir dir;
  std::string topics =
      dir.Write("topics.tsv",
                "1\tWhat happened in the talks about mackerel quotas?\n"
                "2\tdocuments about the interest rate decision of the central bank\n"
                "3\tsomething nobody wrote about: zeppelins\n");
  std::string qrels =
      dir.Write("qrels.txt",
                "1 0 wire-2019-0101 1\n2 0 wire-2019-0102 2\n2 0 courier-2019-0033 0\n"
                "3 0 wire-2019-0103 1\n");
  std::string run = (dir.path() / "run.txt").string();
  RunResult r = Byline(
      {"eval", "--db", Db(), "--topics", topics, "--qrels", qrels, "--run", run, "--per-topic"});
  ASSERT_EQ(r.code, 0) << r.err;
  // Topics 1 and 2 find their article first; topic 3 finds nothing relevant.
  EXPECT_NE(r.out.find("topics 3  MAP 0.6667  nDCG@10 0.6667  P@10 0.0667  R@1000 0.6667"),
            std::string::npos)
      << r.out;
  std::string run_text = Slurp(run);
  EXPECT_EQ(run_text.rfind("1 Q0 wire-2019-0101 1 ", 0), 0u) << run_text;
  EXPECT_NE(run_text.find(" byline\n"), std::string::npos);
  RunResult j = Byline({"eval", "--db", Db(), "--topics", topics, "--qrels", qrels, "--json"});
  auto lines = JsonLines(j.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NEAR(lines[0]["map"].get<double>(), 2.0 / 3, 1e-4);
  RunResult bad = Byline({"eval", "--db", Db(), "--topics", topics, "--qrels", topics});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("topics.tsv:1: relevance 'in' is not a number"), std::string::npos)
      << bad.err;
}

TEST_F(SampleCorpusCli, BenchReportsLatencyPerClassAndPlotsIt) {
  byline::test::TempDir dir;
  std::string log = dir.Write("q.jsonl",
                              "{\"query\": \"mackerel quotas\", \"tags\": [\"union\"]}\n"
                              "{\"query\": \"+crane +operators\", \"tags\": [\"intersection\"]}\n"
                              "{\"query\": \"\\\"pumping station\\\"\", \"tags\": [\"phrase\"]}\n"
                              "{\"query\": \"zeppelin\", \"tags\": [\"union\"]}\n");
  std::string plot = (dir.path() / "lat.svg").string();
  RunResult r = Byline({"bench", "--db", Db(), "--queries", log, "--json", "--repeat", "2",
                        "--threads", "2", "--snippets", "--plot", plot});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const json& j = lines[0];
  EXPECT_EQ(j["threads"], 2);
  EXPECT_EQ(j["top_k"], 10);
  EXPECT_EQ(j["snippets"], true);
  ASSERT_TRUE(j["classes"].contains("union"));
  const json& u = j["classes"]["union"];
  EXPECT_EQ(u["queries"], 2);
  EXPECT_EQ(u["zero_hits"], 1);  // zeppelin
  for (const char* k : {"p50_ms", "p90_ms", "p99_ms", "max_ms", "qps"}) {
    EXPECT_GT(u[k].get<double>(), 0) << k;
  }
  EXPECT_LE(u["p50_ms"].get<double>(), u["p99_ms"].get<double>());
  EXPECT_EQ(j["classes"]["intersection"]["zero_hits"], 0);
  EXPECT_EQ(j["overall"]["queries"], 4);
  std::string svg = Slurp(plot);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("intersection (2)"), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  RunResult text = Byline({"bench", "--db", Db(), "--queries", log, "--repeat", "1"});
  EXPECT_NE(text.out.find("overall"), std::string::npos) << text.out;
}

TEST(CliTest, IndexReportsBadFilesAndKeepsTheRest) {
  byline::test::TempDir dir;
  dir.Write("in/good.txt", "Title: Good one\n\nA fine article about lighthouses.\n");
  dir.Write("in/bad.json", "{ \"title\": ");
  dir.Write("in/lines.jsonl",
            "{\"id\": \"ok\", \"title\": \"Line one\", \"body\": \"x\"}\ngarbage\n");
  dir.Write("in/picture.png", "\x89PNG");
  RunResult r =
      Byline({"index", (dir.path() / "in").string(), "--db", (dir.path() / "db").string()});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("bad.json:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lines.jsonl:2: invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("indexed 2 articles"), std::string::npos) << r.err;
  EXPECT_NE(
      r.err.find("files: 3 new, 0 updated, 0 unchanged, 0 removed; 1 of unknown type skipped; "
                 "2 errors"),
      std::string::npos)
      << r.err;
  RunResult s = Byline({"search", "--db", (dir.path() / "db").string(), "--json", "lighthouses"});
  EXPECT_NE(s.out.find("Good one"), std::string::npos);
}

// Every kind of bad input at once: each is reported by name or read as well
// as it can be, nothing crashes, and every good article goes in.
TEST(BadInputCli, EachBadFileIsReportedAndTheRestIsIndexed) {
  byline::test::TempDir dir;
  auto in = [&](const std::string& name, const std::string& content) {
    return dir.Write("in/" + name, content);
  };
  in("good.txt", "Title: Good article\n\nLighthouse keepers climb the stairs.\n");
  in("invalid-utf8.txt", "Title: Stray bytes\n\nMarmalade \xff\xfe caf\xe9 made here.\n");
  in("latin1.txt", "Title: Caf\xe9 ferm\xe9\n\nLe caf\xe9 du port a ferm\xe9.\n");
  in("utf16.txt", std::string("\xFF\xFET\0i\0t\0l\0e\0:\0 \0U\0\n\0\n\0q\0u\0i\0l\0t\0s\0", 32));
  std::string elf = Slurp(BYLINE_BINARY).substr(0, 4096);
  in("program.txt", elf);
  in("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  in("empty.txt", "");
  in("blank.md", "  \n\t\n");
  std::string line = "zeppelins";
  while (line.size() < (1u << 20)) line += " airships over the harbour";
  in("one-line.txt", "Title: Long line\n\n" + line);
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  in("deep.html", deep + "nested quasars" + std::string());
  in("no-body.html", "<html><head><title>Head only</title></head></html>");
  in("syntax.json", "{\"title\": \"x\",\n  oops}");
  in("lines.jsonl",
     "{\"id\": \"ok1\", \"title\": \"Walruses\", \"body\": \"walruses\"}\n{\"id\": \"cut\", \"ti\n"
     "garbage \x01\x02\n{\"id\": \"ok2\", \"title\": \"Narwhals\", \"body\": \"narwhals\"}\n");
  std::string array = "[";
  for (int i = 0; i < 100000; ++i) {
    array += (i ? "," : "") + json{{"id", "arr" + std::to_string(i)},
                                   {"title", "Item"},
                                   {"body", "kumquats " + std::to_string(i)}}
                                  .dump();
  }
  in("many.json", array + "]");
  std::string gz = in("broken.jsonl.gz", "");
  ASSERT_EQ(std::system(("printf '{\"title\": \"x\", \"body\": \"y\"}\\n' | gzip | head -c 20 > " +
                         Quote(gz))
                            .c_str()),
            0);
  std::string bomb = (dir.path() / "in/bomb.txt.gz").string();
  ASSERT_EQ(std::system(("head -c 1100M /dev/zero | gzip -1 > " + Quote(bomb)).c_str()), 0);
  ASSERT_EQ(mkfifo((dir.path() / "in/pipe.txt").c_str(), 0600), 0);
  fs::create_directory_symlink(dir.path() / "in", dir.path() / "in/loop");
  in("new\nline.txt", "Title: Odd name\n\nOcelots.\n");
  in("bad\xffname.txt", "Title: Odd bytes\n\nOrangutans.\n");

  std::string db = (dir.path() / "db").string();
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db});
  EXPECT_EQ(r.code, 3) << r.err;
  const std::pair<const char*, const char*> reported[] = {
      {"program.txt", "binary data"},
      {"image.txt", "binary data"},
      {"empty.txt", "no text"},
      {"blank.md", "no text"},
      {"deep.html", "nested more than 5000 levels"},
      {"syntax.json:2:", "invalid JSON"},
      {"lines.jsonl:2:", "invalid JSON"},
      {"lines.jsonl:3:", "invalid JSON"},
      {"broken.jsonl.gz", "corrupt or truncated gzip"},
      {"bomb.txt.gz", "decompresses to more than 1024 MiB"},
      {"pipe.txt", "not a regular file"},
  };
  for (const auto& [file, what] : reported) {
    bool found = false;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
      found =
          found || (line.find(file) != std::string::npos && line.find(what) != std::string::npos);
    }
    EXPECT_TRUE(found) << file << ": " << what << "\n" << r.err;
  }
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
  for (const char* q :
       {"lighthouse", "marmalade", "cafe", "quilts", "zeppelins", "quasars", "walruses", "narwhals",
        "kumquats", "ocelots", "orangutans", "title:head"}) {
    RunResult s = Byline({"search", "--db", db, "--json", "-n", "1", q});
    ASSERT_EQ(s.code, 0) << q << ": " << s.err;
    EXPECT_EQ(JsonLines(s.out).size(), 2u) << "nothing found for " << q;
  }
  RunResult count = Byline({"search", "--db", db, "--json", "-n", "1", "kumquats"});
  EXPECT_EQ(JsonLines(count.out).back()["matches_estimated"], 100000) << count.out;
}

TEST(BadInputCli, HugeFileIsCutAtTheArticleCapAndTheRestIsIndexed) {
  byline::test::TempDir dir;
  dir.Write("in/small.txt", "Title: Small\n\nSmall article about pelicans.\n");
  std::string big = (dir.path() / "in/huge.txt").string();
  {
    std::ofstream out(big, std::ios::binary);
    out << "Title: Huge\n\nflamingos ";
    std::string para(1 << 20, ' ');
    for (std::size_t i = 0; i < para.size(); i += 8) para.replace(i, 7, "herons ");
    for (int i = 0; i < 200; ++i) out << para;  // 200 MiB
    out << "cormorants at the very end\n";
  }
  std::string db = (dir.path() / "db").string();
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* q : {"pelicans", "flamingos"}) {
    RunResult s = Byline({"search", "--db", db, "--json", q});
    EXPECT_EQ(JsonLines(s.out).size(), 2u) << q;
  }
  // The body was cut at 16 MiB: its last words are not indexed.
  RunResult tail = Byline({"search", "--db", db, "--json", "cormorants"});
  EXPECT_EQ(JsonLines(tail.out).size(), 1u) << tail.out;
}

TEST(BadInputCli, UnreadableFilesAreReportedAndKeepTheirOldArticles) {
  byline::test::TempDir dir;
  dir.Write("in/open.txt", "Title: Open\n\nOpen article about otters.\n");
  std::string locked =
      dir.Write("in/locked.txt", "Title: Locked\n\nLocked article about lynxes.\n");
  std::string db = (dir.path() / "db").string();
  // As root every file is readable: run byline as nobody instead.
  std::string as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(dir.path() / "in", fs::perms::all);
  RunResult first = Byline({"index", (dir.path() / "in").string(), "--db", db}, as);
  ASSERT_EQ(first.code, 0) << first.err;
  // Now the file changes and can no longer be read.
  dir.Write("in/locked.txt", "Title: Locked\n\nChanged text about lemurs.\n");
  fs::permissions(locked, fs::perms::none);
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db}, as);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("locked.txt: cannot open"), std::string::npos) << r.err;
  RunResult s = Byline({"search", "--db", db, "--json", "lynxes OR otters"}, as);
  EXPECT_EQ(JsonLines(s.out).size(), 3u) << s.out << s.err;  // both old articles stay
}

TEST(CliTest, UsageErrorsExitWith2) {
  EXPECT_EQ(Byline({}).code, 2);
  EXPECT_EQ(Byline({"search"}).code, 2);
  EXPECT_EQ(Byline({"index", "/nonexistent/folder"}).code, 2);
  EXPECT_EQ(Byline({"search", "--color", "purple", "x"}).code, 2);
  RunResult help = Byline({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("search"), std::string::npos);
}

// Reuters-21578 from ../shared: a real collection nobody here wrote.
class ReutersCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = std::string(BYLINE_SHARED_DIR) + "/corpora/reuters21578/docs.jsonl.gz";
    if (!fs::exists(path_)) return;
    dir_ = new byline::test::TempDir();
    RunResult r = Byline({"index", "-q", path_, "--db", Db()});
    // One article in the collection has neither title nor body: exit 3.
    ASSERT_TRUE(r.code == 0 || r.code == 3) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    if (!fs::exists(path_)) GTEST_SKIP() << "shared corpus absent: " << path_;
  }
  static std::string Db() { return (dir_->path() / "db").string(); }
  static std::string path_;
  static byline::test::TempDir* dir_;
};
std::string ReutersCli::path_;
byline::test::TempDir* ReutersCli::dir_ = nullptr;

TEST_F(ReutersCli, SpecificArticlesRankFirst) {
  const std::pair<const char*, const char*> cases[] = {
      {"Bahia cocoa review Comissaria Smith temporao", "1"},
      {"\"BP/Standard Financial Trading\"", "2"},
      {"Texas Commerce Bancshares shelf registration", "3"},
  };
  for (const auto& [q, want] : cases) {
    RunResult r = Byline({"search", "--db", Db(), "--json", "-n", "1", q});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = JsonLines(r.out);
    ASSERT_EQ(lines.size(), 2u) << q;
    EXPECT_EQ(lines[0]["id"], want) << q;
    EXPECT_FALSE(lines[0]["highlights"].empty()) << q;
  }
}

// A folder of real news articles that nobody here wrote, in mixed formats:
// a distinctive phrase from any one of them finds it at rank 1, highlighted.
TEST(MixedFolderCli, DistinctivePhraseFindsEachArticleFirst) {
  std::string bbc = std::string(BYLINE_SHARED_DIR) + "/corpora/bbc-news/docs.jsonl.gz";
  std::string de = std::string(BYLINE_SHARED_DIR) + "/corpora/news-de/docs.jsonl.gz";
  if (!fs::exists(bbc) || !fs::exists(de)) GTEST_SKIP() << "shared corpora absent";
  byline::test::TempDir dir;
  std::vector<json> articles;
  for (const std::string& src : {bbc, de}) {
    std::string plain = (dir.path() / "src.jsonl").string();
    ASSERT_EQ(std::system(("zcat " + Quote(src) + " > " + Quote(plain)).c_str()), 0);
    std::ifstream in(plain);
    std::string line;
    for (int n = 0; std::getline(in, line); ++n) {
      if (n % (src == bbc ? 53 : 97) == 0) articles.push_back(json::parse(line));
    }
  }
  ASSERT_GE(articles.size(), 50u);
  // Write them as .txt, .md, .html, .json (array), .jsonl and .txt.gz in turn.
  json array = json::array();
  std::string jsonl;
  struct Expected {
    std::string phrase, title, id, file;
  };
  std::vector<Expected> expect;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const json& a = articles[i];
    std::string title = a["title"], body = a["body"], id = a["id"];
    std::string name = "a" + std::to_string(i);
    // A phrase of eight words from the middle of the body.
    std::vector<std::string> words;
    std::istringstream ws(body);
    for (std::string w; ws >> w;) words.push_back(w);
    if (words.size() < 40) continue;
    std::string phrase;
    for (std::size_t k = words.size() / 2; k < words.size() / 2 + 8; ++k) {
      for (char c : words[k]) {
        if (c != '"') phrase += c;
      }
      phrase += ' ';
    }
    std::string paragraphs;
    std::istringstream ps(body);
    for (std::string p; std::getline(ps, p);) {
      if (!p.empty()) paragraphs += "<p>" + p + "</p>\n";
    }
    switch (i % 6) {
      case 0:
        dir.Write("in/wire/" + name + ".txt",
                  "Title: " + title + "\nSource: " + std::string(a["source"]) + "\n\n" + body);
        break;
      case 1:
        dir.Write("in/features/" + name + ".md", "# " + title + "\n\n" + body);
        break;
      case 2:
        dir.Write("in/web/" + name + ".html",
                  "<html><head><title>" + title +
                      " - Site</title><script>var ad = 'skip me';</script></head><body>"
                      "<nav>Home News Sport Weather</nav><article><h1>" +
                      title + "</h1>" + paragraphs +
                      "</article><footer>Share this story</footer></body></html>");
        break;
      case 3:
        array.push_back(a);
        break;
      case 4:
        jsonl += a.dump() + "\n";
        break;
      default: {
        std::string t = dir.Write("in/archive/" + name + ".txt", title + "\n\n" + body);
        ASSERT_EQ(std::system(("gzip " + Quote(t)).c_str()), 0);
      }
    }
    expect.push_back({phrase, title, id, name});
  }
  dir.Write("in/exports/array.json", array.dump());
  dir.Write("in/feeds/feed.jsonl", jsonl);
  std::string db = (dir.path() / "db").string();
  RunResult idx = Byline({"index", (dir.path() / "in").string(), "--db", db});
  ASSERT_EQ(idx.code, 0) << idx.err;
  int checked = 0;
  for (const Expected& e : expect) {
    for (const std::string& q : {"\"" + e.phrase + "\"", e.phrase}) {
      RunResult r = Byline({"search", "--db", db, "--json", "-n", "1", q});
      ASSERT_EQ(r.code, 0) << q << ": " << r.err;
      auto lines = JsonLines(r.out);
      ASSERT_EQ(lines.size(), 2u) << q;
      const json& hit = lines[0];
      std::string path = hit["path"];
      bool same = (!e.title.empty() && hit["title"] == e.title) || hit["id"] == e.id ||
                  path.find("/" + e.file + ".") != std::string::npos;
      EXPECT_TRUE(same) << q << " -> " << hit["id"] << " " << hit["title"];
      EXPECT_FALSE(hit["highlights"].empty()) << q;
      ++checked;
    }
  }
  EXPECT_GE(checked, 80);
}

// Starts byline in the background with `env` added; returns its pid.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> all = {BYLINE_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> envs = env;
  for (char** e = environ; *e; ++e) envs.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  posix_spawn(&pid, BYLINE_BINARY, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

bool Running(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == 0; }

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

TEST(CrashSafetyCli, KillDashNineNeverCorruptsAndTheNextRunFinishes) {
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
    if (!fs::exists(db + "/iamglass")) continue;  // killed before the first commit
    int check = std::system(("xapian-check " + Quote(db) + " >/dev/null 2>&1").c_str());
    ASSERT_EQ(WEXITSTATUS(check), 0) << "xapian-check failed after kill " << k;
    RunResult s = Byline({"search", "--db", db, "--json", "-n", "1", "harbour"});
    ASSERT_EQ(s.code, 0) << "search failed after kill " << k << ": " << s.err;
    ++checked;
  }
  RunResult fin = Byline({"index", "-q", corpus, "--db", db});
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
  for (const char* q : {"flood barrier", "\"harbour council\"", "glacier -ferry", "title:museum"}) {
    EXPECT_EQ(TopIds(db, q), TopIds(clean, q)) << q;
  }
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

TEST(CacmCli, EvalBeatsPlainBm25Baseline) {
  std::string base = std::string(BYLINE_SHARED_DIR) + "/corpora/cacm";
  if (!fs::exists(base + "/docs.jsonl.gz")) GTEST_SKIP() << "shared corpus absent: " << base;
  byline::test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  RunResult idx = Byline({"index", "-q", base + "/docs.jsonl.gz", "--db", db});
  ASSERT_EQ(idx.code, 0) << idx.err;
  RunResult r = Byline({"eval", "--db", db, "--topics", base + "/topics.tsv", "--qrels",
                        base + "/qrels.txt", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["topics"], 52);
  // Plain Xapian (TermGenerator + BM25) scores 0.2932 MAP on these topics.
  EXPECT_GT(lines[0]["map"].get<double>(), 0.2932 * 1.05) << r.out;
}

}  // namespace
