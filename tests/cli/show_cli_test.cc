// `byline show` end to end: the real binary on corpus/ and on files written
// here (a JSON Lines gzip file with an article without id or title, an
// untitled text), the seed article from ../shared when present, and the
// pager on a pseudo-terminal made by script(1). Label `cli`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::Quote;
using byline::test::RunResult;
using byline::test::Slurp;
using nlohmann::json;

// The first line of the untitled text is a paragraph (over the 200 bytes a
// title may have), so it gets no title and `show` derives one.
constexpr const char* kUntitled =
    "The harbour authority confirmed on Monday that the northern breakwater, damaged in the "
    "January storms, will be rebuilt over the next two summers at a cost the council has yet "
    "to agree, once the fishing season ends.\n\nDivers surveyed the foundations last week.\n";

class ShowCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new byline::test::TempDir();
    dir_->Write("mine/untitled.txt", kUntitled);
    // Line 1 has an id; line 3 (after a blank line) has neither id nor
    // title: its id is its path and line, as search prints it.
    const std::string feed = dir_->Write(
        "mine/feed.jsonl",
        "{\"id\": \"feed-1\", \"title\": \"Ferry fares frozen\", \"body\": \"Fares stay.\"}\n\n"
        "{\"body\": \"Snow closed the pass road for a third day. Ploughs were sent up.\\n"
        "Hauliers waited in the valley.\", \"date\": \"2019-01-09\", \"source\": \"Feed\"}\n");
    ASSERT_EQ(std::system(("gzip -n " + Quote(feed)).c_str()), 0);
    RunResult r = Byline({"index", "-q", std::string(BYLINE_SOURCE_DIR) + "/corpus",
                          (dir_->path() / "mine").string(), "--db", Db()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return (dir_->path() / "db").string(); }
  static std::string Corpus(const std::string& rel) {
    return std::string(BYLINE_SOURCE_DIR) + "/corpus/" + rel;
  }
  static std::string Mine(const std::string& rel) { return (dir_->path() / "mine" / rel).string(); }
  // The id `byline search --json` gives the top hit of `query`.
  static std::string TopId(const std::string& query) {
    RunResult r = Byline({"search", "--db", Db(), "--json", "-n", "1", query});
    EXPECT_EQ(r.code, 0) << r.err;
    auto lines = JsonLines(r.out);
    return lines.size() == 2 ? lines[0]["id"].get<std::string>() : "";
  }
  static byline::test::TempDir* dir_;
};
byline::test::TempDir* ShowCli::dir_ = nullptr;

// `text` with every run of white space made one space, for comparing a body
// with its wrapped form.
std::string Collapsed(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

TEST_F(ShowCli, TextShowsMetadataOriginAndTheWholeBodyWrapped) {
  const std::string id = Corpus("wire/qamishli-water.txt");
  RunResult r = Byline({"show", "--db", Db(), id});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Water trucks reach Qāmishlī as pumping station repairs drag on\n"
                        "2019-08-21 · Byline Wire · Layla Haddad\n"
                        "id    " +
                            id + "\n" + "from  " + id + "\n" + "lang  en\n\n",
                        0),
            0u)
      << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when not a terminal";
  RunResult j = Byline({"show", "--db", Db(), "--json", id});
  ASSERT_EQ(j.code, 0) << j.err;
  const std::string body = JsonLines(j.out).at(0)["body"];
  EXPECT_EQ(body.rfind("Aid groups began trucking drinking water into Qāmishlī", 0), 0u) << body;
  EXPECT_NE(body.find("until the station is repaired."), std::string::npos) << body;
  // The body whole: the text after the header is the body, wrapped at 80.
  const std::string shown = r.out.substr(r.out.find("\n\n") + 2);
  EXPECT_EQ(Collapsed(shown), Collapsed(body));
  std::size_t start = 0;
  for (std::size_t nl; (nl = shown.find('\n', start)) != std::string::npos; start = nl + 1) {
    EXPECT_LE(nl - start, 80u) << shown.substr(start, nl - start);
  }
  EXPECT_NE(shown.find("summer.\n\nResidents"), std::string::npos) << "paragraphs kept: " << shown;
}

TEST_F(ShowCli, JsonIsOneArticleObjectPerIdWithEveryField) {
  RunResult r = Byline({"show", "--db", Db(), "--json", "wire-2019-0108", "ledger-2017-0714"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  for (const char* key : {"type", "id", "title", "title_derived", "date", "source", "author", "url",
                          "lang", "path", "body"}) {
    EXPECT_TRUE(lines[0].contains(key)) << key;
  }
  EXPECT_EQ(lines[0].size(), 11u);
  EXPECT_EQ(lines[0]["type"], "article");
  EXPECT_EQ(lines[0]["id"], "wire-2019-0108");
  EXPECT_EQ(lines[0]["title"], "Cherry growers fear late frost after warm March");
  EXPECT_EQ(lines[0]["title_derived"], false);
  EXPECT_EQ(lines[0]["date"], "2019-03-29");
  EXPECT_EQ(lines[0]["path"], Corpus("feeds/wire-2019.jsonl") + ":8");
  EXPECT_EQ(lines[0]["body"],
            "Cherry trees in the valley blossomed two weeks early after the warmest March on "
            "record, and growers fear a single night of frost could destroy the crop.\n\nSome "
            "farms have hired wind machines that mix warmer air down into the orchards on cold "
            "nights.");
  EXPECT_EQ(lines[1]["id"], "ledger-2017-0714");
  EXPECT_EQ(lines[1]["path"], Corpus("archive/2017.jsonl.gz") + ":2");
}

TEST_F(ShowCli, ArticlesFromJsonLinesGzipByTheIdsSearchPrints) {
  // With an id of its own.
  const std::string ledger = TopId("heatwave schools power grid");
  ASSERT_EQ(ledger, "ledger-2017-0714");
  RunResult r = Byline({"show", "--db", Db(), ledger});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nfrom  " + Corpus("archive/2017.jsonl.gz") + ", line 2\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("most of them\nelderly.\n"), std::string::npos) << r.out;
  // Without: its id is the path and line, as search prints it (text too).
  const std::string pass = TopId("ploughs pass road");
  ASSERT_EQ(pass, Mine("feed.jsonl.gz") + ":3");
  RunResult listing = Byline({"search", "--db", Db(), "ploughs"});
  EXPECT_NE(listing.out.find(" · " + pass + "\n"), std::string::npos) << listing.out;
  RunResult text = Byline({"show", "--db", Db(), pass});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("\nid    " + pass + "\nfrom  " + Mine("feed.jsonl.gz") + ", line 3\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Ploughs were sent up.\n\nHauliers waited in the valley.\n"),
            std::string::npos)
      << text.out;
}

TEST_F(ShowCli, AnUntitledArticleShowsItsDerivedTitle) {
  const std::string id = Mine("untitled.txt");
  RunResult r = Byline({"show", "--db", Db(), id});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string title =
      "The harbour authority confirmed on Monday that the northern breakwater, damaged…";
  EXPECT_EQ(
      r.out.rfind(title + "\n(untitled: the title above is taken from its text)\nundated\n", 0), 0u)
      << r.out;
  RunResult j = Byline({"show", "--db", Db(), "--json", id});
  auto lines = JsonLines(j.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["title"], title);
  EXPECT_EQ(lines[0]["title_derived"], true);
  // The feed's line without a title: its first sentence, whole.
  RunResult feed = Byline({"show", "--db", Db(), "--json", Mine("feed.jsonl.gz") + ":3"});
  EXPECT_EQ(JsonLines(feed.out).at(0)["title"], "Snow closed the pass road for a third day.");
}

TEST_F(ShowCli, TheSeedArticleGetsItsFirstSentenceCutAsTitle) {
  const std::string seed = std::string(BYLINE_SHARED_DIR) + "/seed/000_ba960be919509363.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << "seed article absent: " << seed;
  byline::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  RunResult r = Byline({"index", "-q", seed, "--db", db});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string id = fs::canonical(seed).string();
  RunResult listing = Byline({"search", "--db", db, "--json", "Hajin"});
  ASSERT_EQ(JsonLines(listing.out).at(0)["id"], id);
  RunResult show = Byline({"show", "--db", db, "--json", id});
  ASSERT_EQ(show.code, 0) << show.err;
  const json article = JsonLines(show.out).at(0);
  EXPECT_EQ(article["title"],
            "The Syrian Democratic Forces continued its advance into the center of Hajin…");
  EXPECT_EQ(article["title_derived"], true);
  const std::string body = article["body"];
  EXPECT_EQ(body.rfind("The Syrian Democratic Forces continued its advance", 0), 0u);
  EXPECT_GT(body.size(), 2000u) << "the whole text, not a snippet";
}

TEST_F(ShowCli, AnUnknownIdIsReportedAndTheOthersStillShown) {
  RunResult r =
      Byline({"show", "--db", Db(), "wire-2019-0108", "no-such-article", "ledger-2017-0714"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "byline: no article with id 'no-such-article' in " + Db() + "\n");
  const std::size_t cherry = r.out.find("Cherry growers fear late frost");
  const std::size_t heat = r.out.find("Heatwave closes schools");
  ASSERT_NE(cherry, std::string::npos) << r.out;
  ASSERT_NE(heat, std::string::npos) << r.out;
  EXPECT_LT(cherry, heat) << "in the order given";
  std::string line;
  for (int i = 0; i < 80; ++i) line += "\u2500";
  EXPECT_NE(r.out.find("nights.\n\n" + line + "\n\nHeatwave"), std::string::npos)
      << "a rule between articles: " << r.out;
  RunResult json_run =
      Byline({"show", "--db", Db(), "--json", "no-such-article", "wire-2019-0108"});
  EXPECT_EQ(json_run.code, 1);
  EXPECT_EQ(JsonLines(json_run.out).size(), 1u);
  RunResult none = Byline({"show", "--db", Db(), "a", "b"});
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("'a'"), std::string::npos);
  EXPECT_NE(none.err.find("'b'"), std::string::npos);
}

TEST_F(ShowCli, NoIdOrNoDatabaseIsAnError) {
  EXPECT_EQ(Byline({"show", "--db", Db()}).code, 2);
  RunResult missing = Byline({"show", "--db", (dir_->path() / "nothing").string(), "x"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("nothing"), std::string::npos) << missing.err;
}

TEST_F(ShowCli, ColourOnlyWhenAsked) {
  RunResult always = Byline({"show", "--db", Db(), "--color", "always", "wire-2019-0108"});
  EXPECT_EQ(always.out.rfind("\x1b[1mCherry growers fear late frost after warm March\x1b[0m\n", 0),
            0u)
      << always.out;
  RunResult no_color = Byline({"show", "--db", Db(), "wire-2019-0108"}, "NO_COLOR=1");
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos);
}

// Runs `byline ARGS` on a pseudo-terminal of `rows` x 80 made by script(1),
// with PAGER set to a script that saves what it is given in `paged` (or to
// `pager_command`); returns what reached the terminal.
std::string OnATerminal(const std::string& paged, int rows, const std::vector<std::string>& args,
                        const std::string& pager_command = "") {
  byline::test::TempDir io;
  const std::string pager = io.Write("pager.sh", "#!/bin/sh\ncat > " + Quote(paged) + "\n");
  fs::permissions(pager, fs::perms::owner_all);
  std::string cmd = "stty rows " + std::to_string(rows) +
                    " cols 80; PAGER=" + Quote(pager_command.empty() ? pager : pager_command) +
                    " " + Quote(BYLINE_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  const std::string out = (io.path() / "out").string();
  const int status = std::system(
      ("timeout 60 script -qec " + Quote(cmd) + " /dev/null </dev/null >" + Quote(out) + " 2>&1")
          .c_str());
  EXPECT_EQ(status, 0) << cmd;
  return Slurp(out);
}

TEST_F(ShowCli, NeverPagedWhenStdoutIsNotATerminal) {
  byline::test::TempDir io;
  const std::string paged = (io.path() / "paged").string();
  const std::string pager = io.Write("pager.sh", "#!/bin/sh\ncat > " + Quote(paged) + "\n");
  fs::permissions(pager, fs::perms::owner_all);
  RunResult r = Byline({"show", "--db", Db(), Corpus("wire/qamishli-water.txt"), "wire-2019-0108",
                        "ledger-2017-0714"},
                       "PAGER=" + Quote(pager));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Heatwave closes schools"), std::string::npos);
  EXPECT_FALSE(fs::exists(paged));
}

TEST_F(ShowCli, PagedOnATerminalOnlyWhenLongerThanTheScreen) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "script(1) is absent: no pseudo-terminal";
  }
  byline::test::TempDir io;
  const std::string paged = (io.path() / "paged").string();
  const std::vector<std::string> three = {"show",
                                          "--db",
                                          Db(),
                                          Corpus("wire/qamishli-water.txt"),
                                          "wire-2019-0108",
                                          "ledger-2017-0714"};
  // 10 rows: the three articles (about 50 lines) go through the pager, in colour.
  std::string screen = OnATerminal(paged, 10, three);
  ASSERT_TRUE(fs::exists(paged)) << screen;
  const std::string got = Slurp(paged);
  EXPECT_EQ(got.rfind("\x1b[1mWater trucks reach", 0), 0u) << got;
  EXPECT_NE(got.find("Heatwave closes schools"), std::string::npos) << got;
  EXPECT_EQ(screen.find("Water trucks"), std::string::npos) << screen;
  fs::remove(paged);
  // --no-pager, a screen tall enough, or --json: straight to the terminal.
  std::vector<std::string> no_pager = three;
  no_pager.push_back("--no-pager");
  screen = OnATerminal(paged, 10, no_pager);
  EXPECT_FALSE(fs::exists(paged));
  EXPECT_NE(screen.find("Heatwave closes schools"), std::string::npos) << screen;
  screen = OnATerminal(paged, 200, three);
  EXPECT_FALSE(fs::exists(paged));
  EXPECT_NE(screen.find("Heatwave closes schools"), std::string::npos) << screen;
  std::vector<std::string> json_args = three;
  json_args.push_back("--json");
  screen = OnATerminal(paged, 10, json_args);
  EXPECT_FALSE(fs::exists(paged));
  EXPECT_NE(screen.find("\"type\":\"article\""), std::string::npos) << screen;
  // A pager that cannot be run: said, and the text printed instead.
  screen = OnATerminal(paged, 10, three, "/nonexistent/pager");
  EXPECT_NE(screen.find("byline: cannot run the pager '/nonexistent/pager'; printing instead"),
            std::string::npos)
      << screen;
  EXPECT_NE(screen.find("Heatwave closes schools"), std::string::npos) << screen;
}

}  // namespace
