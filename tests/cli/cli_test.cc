// End-to-end tests: run the real `byline` binary on real files (the sample
// corpus/ and files written here). Label `cli`; see tests/support/process.h.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "byline/schema.h"
#include "process.h"
#include "sample_corpus.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::Quote;
using byline::test::RunResult;
using byline::test::Slurp;
using nlohmann::json;

using byline::test::IndexSampleCorpus;

class SampleCorpusCli : public byline::test::SampleCorpusTest {};

// Indexing writes: this test has a database of its own.
TEST(IndexCli, FirstRunReadsEveryFileSecondRunNothing) {
  byline::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  RunResult first = IndexSampleCorpus(db);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.err.find("indexed 41 articles from 27 files"), std::string::npos) << first.err;
  RunResult r = IndexSampleCorpus(db);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("indexed 0 articles from 0 files (0 B)"), std::string::npos) << r.err;
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
  // The metadata line wraps on words at 80 columns: the path is a word of its own.
  EXPECT_NE(r.out.find("2019-08-21 · Byline Wire · Layla Haddad ·"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("qamishli-water.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Aid groups began trucking drinking water"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when asked for none";
  EXPECT_NE(r.out.find("1 of 1 match ("), std::string::npos) << r.out;
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
  // Every line says what it is, so `jq 'select(.type == "hit")'` needs no guessing.
  EXPECT_EQ(hit["type"], "hit");
  EXPECT_EQ(hit["copies"], json::array());
  EXPECT_EQ(lines[1]["type"], "summary");
  EXPECT_EQ(lines[1]["exact"], true);
  EXPECT_EQ(lines[1]["sort"], "relevance");
}

TEST_F(SampleCorpusCli, FiltersAloneListNewestFirstInEachFormat) {
  // The Valley Courier's five articles, newest first; ids as `show` takes them.
  RunResult ids = Byline({"search", "--db", Db(), "--format", "ids", "source:\"valley courier\""});
  ASSERT_EQ(ids.code, 0) << ids.err;
  EXPECT_EQ(ids.out, "wire-2019-0108\ncourier-2018-0418\ncourier-2018-0412\n" +
                         std::string(BYLINE_SOURCE_DIR) + "/corpus/web/museum-brooch.html\n" +
                         BYLINE_SOURCE_DIR + "/corpus/wire/bakery-prices.txt\n");
  RunResult oldest = Byline({"search", "--db", Db(), "--format", "paths", "--sort", "oldest", "-n",
                             "1", "source:\"valley courier\""});
  EXPECT_EQ(oldest.out, std::string(BYLINE_SOURCE_DIR) + "/corpus/wire/bakery-prices.txt\n");
  RunResult json = Byline({"search", "--db", Db(), "--format", "json", "*"});
  EXPECT_EQ(JsonLines(json.out).back()["sort"], "newest") << json.out;
  // No query at all within dates: the articles of the period.
  RunResult dated = Byline({"search", "--db", Db(), "--format", "ids", "--since", "2018-11-14",
                            "--until", "2018-11-21"});
  ASSERT_EQ(dated.code, 0) << dated.err;
  EXPECT_NE(dated.out.find("courier-2018-0418\n"), std::string::npos) << dated.out;
  EXPECT_NE(dated.out.find("courier-2018-0412\n"), std::string::npos) << dated.out;
  RunResult nothing = Byline({"search", "--db", Db()});
  EXPECT_EQ(nothing.code, 2);
  EXPECT_NE(nothing.err.find("'*' for every article"), std::string::npos) << nothing.err;
}

TEST_F(SampleCorpusCli, CountsArePagesAreAndPastTheEndSaysSo) {
  RunResult count = Byline({"search", "--db", Db(), "--count", "-n", "0", "*"});
  ASSERT_EQ(count.code, 0) << count.err;
  EXPECT_EQ(count.out, "41\n");
  RunResult page = Byline({"search", "--db", Db(), "--color", "never", "-n", "2", "--offset", "2",
                           "source:\"valley courier\""});
  EXPECT_NE(page.out.find("3-4 of 5 matches ("), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("next: --offset 4"), std::string::npos) << page.out;
  RunResult past = Byline({"search", "--db", Db(), "--color", "never", "-n", "2", "--offset", "30",
                           "source:\"valley courier\""});
  EXPECT_EQ(past.out, "No hits on this page: 5 matches, the last page starts at --offset 4\n");
  RunResult zero = Byline({"search", "--db", Db(), "-n", "0", "water"});
  EXPECT_EQ(zero.code, 2);
}

// Copies of one story, marked as the index side marks them (the story slot
// and term): one hit with "+2 copies", JSON copies, --all-copies, --count.
TEST(StoriesCli, OneHitPerStoryWithItsCopies) {
  byline::test::TempDir dir;
  std::string lines;
  for (const char* id : {"wire-1", "wire-2", "wire-3"}) {
    lines += json{{"id", id},
                  {"title", "Harbour cranes idle as strike spreads"},
                  {"date", std::string("2020-01-0") + id[5]},
                  {"source", std::string("Source ") + id[5]},
                  {"body", "Crane operators walked out at the harbour."}}
                 .dump() +
             "\n";
  }
  lines += json{{"id", "other"}, {"title", "A crane for the museum"}, {"body", "A crane."}}.dump() +
           "\n";
  dir.Write("in/a.jsonl", lines);
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", "-q", (dir.path() / "in").string(), "--db", db}).code, 0);
  {
    namespace schema = byline::schema;
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    for (const char* id : {"wire-1", "wire-2", "wire-3"}) {
      Xapian::docid did = *w.postlist_begin(std::string(schema::kPrefixId) + id);
      Xapian::Document doc = w.get_document(did);
      doc.add_value(schema::kSlotStory, "s1");
      doc.add_boolean_term(std::string(schema::kPrefixStory) + "s1");
      w.replace_document(did, doc);
    }
    w.commit();
  }
  RunResult text = Byline({"search", "--db", db, "--color", "never", "crane"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(" \u00b7 +2 copies\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("1-2 of 2 stories ("), std::string::npos) << text.out;
  auto hits = JsonLines(Byline({"search", "--db", db, "--json", "crane"}).out);
  ASSERT_EQ(hits.size(), 3u);
  const json& story = hits[0]["id"].get<std::string>() == "other" ? hits[1] : hits[0];
  ASSERT_EQ(story["copies"].size(), 2u) << story;
  EXPECT_EQ(story["copies"][0]["source"].get<std::string>().substr(0, 7), "Source ");
  EXPECT_EQ(hits[2]["collapsed"], true);
  RunResult all = Byline({"search", "--db", db, "--format", "ids", "--all-copies", "crane"});
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 4) << all.out;
  EXPECT_EQ(Byline({"search", "--db", db, "--count", "crane"}).out, "2\n");
  EXPECT_EQ(Byline({"search", "--db", db, "--count", "--all-copies", "crane"}).out, "4\n");
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
  // A query of only exclusions is an error in every mode ("crane (strike",
  // once an error, is searched as words with a notice unless --strict).
  RunResult r = Byline({"search", "--db", Db(), "(-strike)", "NOT", "ferry"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad query at position 2: the query only excludes"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("  (-strike) NOT ferry\n   ^"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  RunResult date = Byline({"search", "--db", Db(), "date:2018-13-45"});
  EXPECT_EQ(date.code, 2);
  EXPECT_NE(date.err.find("cannot read the date"), std::string::npos) << date.err;
  RunResult since = Byline({"search", "--db", Db(), "--since", "2018-13", "crane"});
  EXPECT_EQ(since.code, 2);
  EXPECT_NE(since.err.find("--since: cannot read the date '2018-13': use YYYY, YYYY-MM or "
                           "YYYY-MM-DD"),
            std::string::npos)
      << since.err;
}

// Text that is not syntax is searched as words with a note on stderr (and
// in the JSON summary); --strict makes it the error it was, for scripts.
TEST_F(SampleCorpusCli, NotSyntaxIsWordsWithANoteUnlessStrict) {
  RunResult r = Byline({"search", "--db", Db(), "crane \"strike"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Dockworkers halt crane operations"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("byline: note: position 7: unclosed quote"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  crane \"strike\n        ^"), std::string::npos) << r.err;
  RunResult json = Byline({"search", "--db", Db(), "--json", "crane \"strike"});
  ASSERT_EQ(json.code, 0) << json.err;
  auto summary = JsonLines(json.out).back();
  ASSERT_EQ(summary["notices"].size(), 1u) << json.out;
  EXPECT_EQ(summary["notices"][0]["position"], 7);
  RunResult strict = Byline({"search", "--db", Db(), "--strict", "crane \"strike"});
  EXPECT_EQ(strict.code, 2);
  EXPECT_NE(strict.err.find("bad query at position 7: unclosed quote"), std::string::npos)
      << strict.err;
  EXPECT_TRUE(strict.out.empty());
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
  // The feedback gate's switches: in range they run (the sample's topics
  // score the same with feedback gated or on every request), out of range
  // they are a usage error.
  for (const char* gate : {"0", "0.7", "1"}) {
    RunResult g = Byline({"eval", "--db", Db(), "--topics", topics, "--qrels", qrels,
                          "--feedback-gate", gate, "--feedback-long-query", "4",
                          "--feedback-short-terms", "15", "--feedback-gate-width", "0.1"});
    ASSERT_EQ(g.code, 0) << gate << ": " << g.err;
    EXPECT_NE(g.out.find("topics 3  MAP 0.6667"), std::string::npos) << gate << ": " << g.out;
  }
  RunResult gate = Byline(
      {"eval", "--db", Db(), "--topics", topics, "--qrels", qrels, "--feedback-gate", "1.5"});
  EXPECT_EQ(gate.code, 2) << gate.out;
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

// --exact-count counts every match, as `search --count` does: "the council"
// matches more articles than a page, whose count Xapian otherwise estimates.
// --suggest runs did you mean, as `search --suggest` does: the typo's
// query finds the suggestion's hits.
TEST_F(SampleCorpusCli, BenchCountsExactlyWhenAskedAndListsEveryCopy) {
  byline::test::TempDir dir;
  std::string log = dir.Write("q.jsonl",
                              "{\"query\": \"mackerel quotas\", \"tags\": [\"union\"]}\n"
                              "{\"query\": \"the council\", \"tags\": [\"union\"]}\n"
                              "{\"query\": \"makerel\", \"tags\": [\"typo\"]}\n");
  auto union_class = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"bench", "--db",   Db(),       "--queries",
                                     log,     "--json", "--repeat", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Byline(args);
    EXPECT_EQ(r.code, 0) << r.err;
    auto lines = JsonLines(r.out);
    return lines.size() == 1 ? lines[0] : json();
  };
  const json plain = union_class({});
  EXPECT_EQ(plain["exact_count"], false);
  EXPECT_EQ(plain["all_copies"], false);
  EXPECT_EQ(plain["classes"]["union"]["exact_counts"], 1);  // mackerel quotas: all on the page
  const json exact = union_class({"--exact-count", "--all-copies"});
  EXPECT_EQ(exact["exact_count"], true);
  EXPECT_EQ(exact["all_copies"], true);
  EXPECT_EQ(exact["classes"]["union"]["exact_counts"], 2);
  EXPECT_EQ(exact["overall"]["exact_counts"], 3);
  EXPECT_EQ(plain["suggest"], false);
  EXPECT_EQ(plain["classes"]["typo"]["zero_hits"], 1);
  const json suggest = union_class({"--suggest"});
  EXPECT_EQ(suggest["suggest"], true);
  EXPECT_EQ(suggest["classes"]["typo"]["zero_hits"], 0);
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
  EXPECT_NE(r.err.find("files: 3 new, 0 updated, 0 unchanged, 0 removed; 1 of unknown type skipped "
                       "(-v names them); 2 errors"),
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

// The issue "a re-run reports some bad files again and not others": a
// folder with every kind of bad file, indexed twice. Both runs name every
// bad file, count the same errors and exit 3; the second reads none of the
// files it read before (it says so of each bad one), and tries the one it
// could not open again.
TEST(BadInputCli, ARunAgainReportsEveryBadFileAgain) {
  byline::test::TempDir dir;
  dir.Write("in/good.txt", "Title: Good\n\nGannets on the cliffs.\n");
  dir.Write("in/lines.jsonl",
            "{\"id\": \"l1\", \"title\": \"Line\", \"body\": \"lemmings\"}\nnot json\n"
            "{\"id\": \"l2\", \"title\": \"Line two\", \"body\": \"lemurs\"}\n");
  dir.Write("in/broken.jsonl.gz", "not gzip at all");
  dir.Write("in/image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.Write("in/picture.png", "\x89PNG");
  std::string locked = dir.Write("in/locked.txt", "Title: Locked\n\nLynxes.\n");
  fs::permissions(locked, fs::perms::none);
  // As root every file is readable: run byline as nobody instead.
  std::string as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(dir.path() / "in", fs::perms::all);
  const std::string db = (dir.path() / "db").string();
  const std::pair<const char*, const char*> reported[] = {
      {"lines.jsonl", "lines.jsonl:2: invalid JSON"},
      {"broken.jsonl.gz", "corrupt or truncated gzip"},
      {"image.txt", "binary data"},
      {"locked.txt", "locked.txt: cannot open"},
  };
  std::string summaries[2];
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE(run == 0 ? "first run" : "second run");
    RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db}, as);
    EXPECT_EQ(r.code, 3) << r.err;
    for (const auto& [file, what] : reported) {
      int lines = 0;
      std::istringstream err(r.err);
      for (std::string line; std::getline(err, line);) {
        if (line.find(what) == std::string::npos) continue;
        ++lines;
        // What was read is not read again; what could not be opened is tried again.
        bool again = run == 1 && std::string(file) != "locked.txt";
        EXPECT_EQ(line.find("unchanged since it was read with 1 error, so not read again") !=
                      std::string::npos,
                  again)
            << line;
      }
      EXPECT_EQ(lines, 1) << file << "\n" << r.err;
    }
    std::size_t at = r.err.find("files: ");
    ASSERT_NE(at, std::string::npos) << r.err;
    summaries[run] = r.err.substr(r.err.find("; ", at) + 2);
    summaries[run] = summaries[run].substr(0, summaries[run].find('\n'));
  }
  EXPECT_EQ(summaries[0], "1 of unknown type skipped (-v names them); 4 errors");
  EXPECT_EQ(summaries[1], summaries[0]);
  RunResult s = Byline({"search", "--db", db, "--json", "gannets OR lemmings OR lemurs"}, as);
  EXPECT_EQ(JsonLines(s.out).size(), 4u) << s.out << s.err;
}

// Every article of corpus/ (each has one of these languages, given or guessed).
const char kEveryLanguage[] = "lang:en OR lang:de OR lang:fr OR lang:ru OR lang:ar OR lang:zh";

// The articles of a --json search, without rank and score and in id order:
// a filter scores 0, so hits come in document order, which differs between a
// database updated run by run and a clean build.
std::vector<std::string> Articles(const std::string& out) {
  std::vector<std::string> v;
  for (json& j : JsonLines(out)) {
    if (!j.contains("id")) continue;  // the summary
    j.erase("rank");
    j.erase("score");
    v.push_back(j.dump());
  }
  std::sort(v.begin(), v.end());
  return v;
}

// The issue "Nothing indexed is ever lost": a folder indexed again under a
// symlinked name, that name then an empty folder, lost every article of the
// first folder whose JSON id the second had taken over, for good.
TEST(IdRuleCli, AFolderIndexedUnderASecondNameThatGoesLosesNothing) {
  byline::test::TempDir dir;
  fs::path news = dir.path() / "news", link = dir.path() / "newslink";
  fs::copy(std::string(BYLINE_SOURCE_DIR) + "/corpus", news, fs::copy_options::recursive);
  std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", news.string(), "--db", db}).code, 0);
  RunResult before = Byline({"search", "--db", db, "--json", "-n", "1000", kEveryLanguage});
  ASSERT_EQ(before.code, 0) << before.err;
  std::size_t total = JsonLines(before.out).size() - 1;  // the last line is the summary
  ASSERT_EQ(total, 41u);
  fs::create_directory_symlink(news, link);
  // With the slash, as the user typed it: the symlinked root is walked.
  RunResult linked = Byline({"index", link.string() + "/", "--db", db});
  ASSERT_EQ(linked.code, 0) << linked.err;
  ASSERT_NE(linked.err.find("27 new"), std::string::npos) << linked.err;
  fs::remove(link);
  fs::create_directory(link);
  RunResult removed = Byline({"index", link.string(), "--db", db});
  ASSERT_EQ(removed.code, 0) << removed.err;
  ASSERT_NE(removed.err.find("27 removed"), std::string::npos) << removed.err;
  RunResult again = Byline({"index", news.string(), "--db", db});
  ASSERT_EQ(again.code, 0) << again.err;
  RunResult after = Byline({"search", "--db", db, "--json", "-n", "1000", kEveryLanguage});
  EXPECT_EQ(JsonLines(after.out).size() - 1, total) << removed.err << again.err;
  EXPECT_EQ(Articles(after.out), Articles(before.out));  // the same articles, fields, paths
  // And the database equals a clean build of news/.
  std::string clean = (dir.path() / "clean").string();
  ASSERT_EQ(Byline({"index", news.string(), "--db", clean}).code, 0);
  EXPECT_EQ(
      Articles(Byline({"search", "--db", db, "--json", "-n", "1000", kEveryLanguage}).out),
      Articles(Byline({"search", "--db", clean, "--json", "-n", "1000", kEveryLanguage}).out));
  // Ranked results too (scores depend only on the documents, not their order).
  for (const char* q : {"harbour ferry", "council", "water"}) {
    auto ranked = [&](const std::string& at) {
      auto lines = JsonLines(Byline({"search", "--db", at, "--json", "-n", "5", q}).out);
      if (!lines.empty()) lines.pop_back();  // the summary, with the time taken
      return json(lines).dump();
    };
    EXPECT_EQ(ranked(db), ranked(clean)) << q;
  }
}

// A plain copy of a JSON export in a second folder, indexed, then deleted:
// the article stays, from the first folder.
TEST(IdRuleCli, ACopyInAnotherFolderThatIsDeletedLeavesTheOriginal) {
  byline::test::TempDir dir;
  std::string a = dir.Write(
      "a/export.json", "{\"id\": \"x-1\", \"title\": \"Otters return\", \"body\": \"otters\"}");
  std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", (dir.path() / "a").string(), "--db", db}).code, 0);
  fs::create_directories(dir.path() / "b");
  fs::copy_file(a, dir.path() / "b/export.json");
  ASSERT_EQ(Byline({"index", (dir.path() / "b").string(), "--db", db}).code, 0);
  // Shown from the holder whose path sorts last: b/.
  RunResult s = Byline({"search", "--db", db, "--json", "otters"});
  auto hits = JsonLines(s.out);
  ASSERT_EQ(hits.size(), 2u) << s.out;
  EXPECT_NE(hits[0]["path"].get<std::string>().find("/b/export.json"), std::string::npos);
  fs::remove(dir.path() / "b/export.json");
  RunResult r = Byline({"index", (dir.path() / "b").string(), "--db", db});
  ASSERT_EQ(r.code, 0) << r.err;
  s = Byline({"search", "--db", db, "--json", "otters"});
  hits = JsonLines(s.out);
  ASSERT_EQ(hits.size(), 2u) << s.out << r.err;
  EXPECT_EQ(hits[0]["path"].get<std::string>(), a);
}

// Found by IdRuleModel: a first `byline index` killed while Xapian creates
// the database leaves a folder with tables but no revision file, which every
// later run refused ("Failed to open glass revision file") until --rebuild.
// No revision was ever committed there, so the next run creates it anew.
TEST(IdRuleCli, AFirstRunKilledBeforeItsFirstCommitLeavesAUsableFolder) {
  byline::test::TempDir dir;
  dir.Write("in/a.txt", "Title: Alpha\n\nAardvarks.\n");
  std::string db = dir.Write("db/postlist.glass", "");  // what a killed creation leaves
  db = (dir.path() / "db").string();
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db});
  EXPECT_EQ(r.code, 0) << r.err;
  RunResult s = Byline({"search", "--db", db, "--json", "aardvarks"});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_EQ(JsonLines(s.out).size(), 2u) << s.out;
}

// Plurals and possessives of acronyms read as the acronym in the index, the
// query and the highlight alike; a contraction ("I'd") and a lone "I" do not.
TEST(AnalysisCli, AnAcronymsPluralFindsItsPossessiveAndNotAContraction) {
  byline::test::TempDir dir;
  std::string ied =
      dir.Write("in/ied.txt", "Title: Roadside bombs\n\nTroops cut the IED's wires.\n");
  std::string id = dir.Write("in/id.txt", "Title: A quote\n\nI think I'd say no, he said.\n");
  std::string db = (dir.path() / "db").string();
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db});
  ASSERT_EQ(r.code, 0) << r.err;
  RunResult s = Byline({"search", "--db", db, "--json", "IEDs"});
  ASSERT_EQ(s.code, 0) << s.err;
  auto hits = JsonLines(s.out);
  ASSERT_EQ(hits.size(), 2u) << s.out;  // one hit and the summary
  EXPECT_EQ(hits[0]["path"].get<std::string>(), ied);
  std::string snippet = hits[0]["snippet"];
  ASSERT_EQ(hits[0]["highlights"].size(), 1u) << s.out;
  std::size_t b = hits[0]["highlights"][0][0], e = hits[0]["highlights"][0][1];
  EXPECT_EQ(snippet.substr(b, e - b), "IED's");
  for (const char* q : {"IDs", "ID"}) {  // "I'd" is not the acronym ID
    RunResult none = Byline({"search", "--db", db, "--json", "--exact", q});
    ASSERT_EQ(none.code, 0) << none.err;
    EXPECT_EQ(JsonLines(none.out).size(), 1u) << q << ": " << none.out;
  }
  RunResult quoted = Byline({"search", "--db", db, "--json", "I'd"});
  ASSERT_EQ(quoted.code, 0) << quoted.err;
  auto found = JsonLines(quoted.out);
  ASSERT_EQ(found.size(), 2u) << quoted.out;
  EXPECT_EQ(found[0]["path"].get<std::string>(), id);
}

TEST(CliTest, UsageErrorsExitWith2) {
  EXPECT_EQ(Byline({}).code, 0);  // the overview of the commands (help_cli_test.cc)
  EXPECT_EQ(Byline({"search"}).code, 2);
  EXPECT_EQ(Byline({"index", "/nonexistent/folder"}).code, 2);
  EXPECT_EQ(Byline({"search", "--color", "purple", "x"}).code, 2);
  for (const char* days : {"0", "-5", "abc", "1e400"}) {
    RunResult recent = Byline({"search", "--recent", days, "x"});
    EXPECT_EQ(recent.code, 2) << days;
    EXPECT_NE(
        recent.err.find("DAYS must be a number of days above 0, not '" + std::string(days) + "'"),
        std::string::npos)
        << recent.err;
  }
  RunResult help = Byline({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("search"), std::string::npos);
}

}  // namespace
