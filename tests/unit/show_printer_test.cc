// `byline show`'s units without the binary: the article printers (text and
// JSON), where an article came from, the wrapping shared with `search`
// (display widths), and the pager's decisions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "byline/cli/terminal.h"
#include "searcher/article_printer.h"
#include "searcher/pager.h"
#include "searcher/wrap.h"
#include "testutil.h"

namespace byline {
namespace {

Article Sample() {
  Article a;
  a.id = "wire-1";
  a.title = "Harbour crane strike ends";
  a.date = "2019-05-02T09:30:00Z";
  a.source = "Byline Wire";
  a.author = "Omar Siddiqui";
  a.url = "https://example.com/wire-1";
  a.lang = "en";
  a.path = "/data/wire.jsonl.gz:8607";
  a.body =
      "Dockworkers at the port returned to the cranes on Thursday after a week-long strike over "
      "shift patterns.\n\nThe union said the deal kept the night shift.";
  return a;
}

TEST(DescribeOriginTest, LinesAndElementsOfJsonFilesOtherPathsAsTheyAre) {
  const std::pair<const char*, const char*> cases[] = {
      {"/data/docs.jsonl.gz:8607", "/data/docs.jsonl.gz, line 8607"},
      {"/data/docs.jsonl:1", "/data/docs.jsonl, line 1"},
      {"/data/FEED.NDJSON:12", "/data/FEED.NDJSON, line 12"},
      {"/data/feed.ndjson.gz:3", "/data/feed.ndjson.gz, line 3"},
      {"/data/desk.json#4", "/data/desk.json, element 4"},
      {"/data/desk.json.gz#2", "/data/desk.json.gz, element 2"},
      {"/data/a.txt", "/data/a.txt"},
      {"/data/odd:12.txt", "/data/odd:12.txt"},
      {"/data/notes.txt:12", "/data/notes.txt:12"},  // not JSON Lines: a file's own name
      {"/data/docs.jsonl:", "/data/docs.jsonl:"},
      {"/data/docs.jsonl:1a", "/data/docs.jsonl:1a"},
      {"/data/desk.jsonl#4", "/data/desk.jsonl#4"},
      {"", ""},
  };
  for (const auto& [path, want] : cases) EXPECT_EQ(DescribeOrigin(path), want) << path;
}

TEST(ArticleTextTest, MetadataOriginThenEveryParagraphWrapped) {
  std::ostringstream out;
  WriteArticleText(out, Sample(), false, 40);
  EXPECT_EQ(out.str(),
            "Harbour crane strike ends\n"
            "2019-05-02T09:30:00Z · Byline Wire ·\n"
            "Omar Siddiqui\n"
            "id    wire-1\n"
            "from  /data/wire.jsonl.gz, line 8607\n"
            "url   https://example.com/wire-1\n"
            "lang  en\n"
            "\n"
            "Dockworkers at the port returned to the\n"
            "cranes on Thursday after a week-long\n"
            "strike over shift patterns.\n"
            "\n"
            "The union said the deal kept the night\n"
            "shift.\n");
}

TEST(ArticleTextTest, ColourOnlyWhenAskedAndEveryLineOfTheTitleBold) {
  Article a = Sample();
  a.title = "A title long enough that it has to be wrapped onto a second line";
  std::ostringstream plain, coloured;
  WriteArticleText(plain, a, false, 40);
  WriteArticleText(coloured, a, true, 40);
  EXPECT_EQ(plain.str().find('\033'), std::string::npos);
  EXPECT_EQ(coloured.str().rfind("\033[1mA title long enough that it has to be\033[0m\n"
                                 "\033[1mwrapped onto a second line\033[0m\n"
                                 "\033[2m2019-05-02T09:30:00Z",
                                 0),
            0u)
      << coloured.str();
}

TEST(ArticleTextTest, DerivedTitleSaysSoAndEmptyFieldsAreLeftOut) {
  Article a;
  a.id = a.path = "/data/note.txt";
  a.title = "The first sentence of the note…";
  a.title_derived = true;
  a.body = "The first sentence of the note is long.";
  std::ostringstream out;
  WriteArticleText(out, a, false, 80);
  EXPECT_EQ(out.str(),
            "The first sentence of the note…\n"
            "(untitled: the title above is taken from its text)\n"
            "undated\n"
            "id    /data/note.txt\n"
            "from  /data/note.txt\n"
            "\n"
            "The first sentence of the note is long.\n");
}

TEST(ArticleTextTest, EscapesAreRemovedAndWideCharactersTakeTwoColumns) {
  Article a;
  a.id = "zh\033[31m-1";
  a.title = "标题\033]0;pwned\007";
  // 30 wide characters, 60 columns: three lines of 20 columns at width 20.
  a.body = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
  std::ostringstream out;
  WriteArticleText(out, a, false, 20);
  EXPECT_EQ(out.str().find('\033'), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find('\007'), std::string::npos) << out.str();
  const std::string text = out.str();
  const std::string body = text.substr(text.find("\n\n") + 2);
  EXPECT_EQ(body,
            "一二三四五六七八九十\n"
            "一二三四五六七八九十\n"
            "一二三四五六七八九十\n");
}

// How a body's line breaks read: a paragraph a line, blank lines, and wire
// copy hard-wrapped at a fixed width (reuters21578's first article, cut).
TEST(BodyParagraphsTest, BlankLinesLinesAndHardWrappedText) {
  using P = std::vector<std::string>;
  const std::pair<const char*, P> cases[] = {
      {"", P{}},
      {"  \n\n ", P{}},
      {"One line.", P{"One line."}},
      // A paragraph a line: too few, or too short, to be wrapping.
      {"First paragraph.\nSecond one.\nThird.", P{"First paragraph.", "Second one.", "Third."}},
      {"A long first paragraph written on one line of its own, as JSON and HTML bodies are, "
       "well past any wrapping width.\nA second one.\nA third one that is long enough to be "
       "within twenty columns of the widest, if that were all it took.",
       P{"A long first paragraph written on one line of its own, as JSON and HTML bodies are, "
         "well past any wrapping width.",
         "A second one.",
         "A third one that is long enough to be within twenty columns of the widest, if that "
         "were all it took."}},
      {"Blank lines\n\nend paragraphs,   and runs of  space\n\n\n  are one.",
       P{"Blank lines", "end paragraphs, and runs of space", "are one."}},
      // Wire copy wrapped at 60-odd columns, paragraphs indented.
      {"SALVADOR, Feb 26 - Showers continued throughout the week in\n"
       "the Bahia cocoa zone, alleviating the drought since early\n"
       "January and improving prospects for the coming temporao,\n"
       "Comissaria Smith said in its weekly review.\n"
       "    The dry period means the temporao will be late this year.\n"
       "    Arrivals for the week ended February 22 were 155,221 bags\n"
       "of 60 kilos.\n"
       "Reuter",
       P{"SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, "
         "alleviating the drought since early January and improving prospects for the coming "
         "temporao, Comissaria Smith said in its weekly review.",
         "The dry period means the temporao will be late this year.",
         "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos.", "Reuter"}},
      // Paragraphs of a line each, as wide as wrapped ones: the next line's
      // first word would have fitted, so no wrapper broke there.
      {"The council voted on Saturday to build a new tidal barrier.\n"
       "Engineers expect the barrier to take six years to complete.\n"
       "Residents of the estuary towns welcomed the vote last night.\n"
       "The cost will be shared by the city and the national agency.",
       P{"The council voted on Saturday to build a new tidal barrier.",
         "Engineers expect the barrier to take six years to complete.",
         "Residents of the estuary towns welcomed the vote last night.",
         "The cost will be shared by the city and the national agency."}},
      // Wrapped, paragraphs between blank lines (a plain-text file).
      {"The council voted on Saturday to build a movable tidal\n"
       "barrier across the mouth of the estuary, ending a debate\n"
       "that began after the storm surge of 2009.\n"
       "\n"
       "Engineers expect the barrier to take six years to build\n"
       "and to cost about 400 million.",
       P{"The council voted on Saturday to build a movable tidal barrier across the mouth of the "
         "estuary, ending a debate that began after the storm surge of 2009.",
         "Engineers expect the barrier to take six years to build and to cost about 400 "
         "million."}},
  };
  for (const auto& [body, want] : cases) EXPECT_EQ(BodyParagraphs(body), want) << body;
}

TEST(ArticleTextTest, AnArticleWithoutTextSaysSo) {
  Article a;
  a.id = a.path = "/data/empty.html";
  std::ostringstream out;
  WriteArticleText(out, a, false, 80);
  EXPECT_EQ(out.str(),
            "(untitled)\nundated\nid    /data/empty.html\nfrom  /data/empty.html\n\n(no text)\n");
}

TEST(ArticleJsonTest, OneLineWithTheTypeEveryFieldAndTheBody) {
  std::ostringstream out;
  Article a = Sample();
  a.body += "\n\xe9t\xe9";  // Latin-1, not UTF-8: replaced
  WriteArticleJson(out, a);
  const std::string line = out.str();
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j.size(), 11u);
  EXPECT_EQ(j["type"], "article");
  EXPECT_EQ(j["id"], "wire-1");
  EXPECT_EQ(j["title"], "Harbour crane strike ends");
  EXPECT_EQ(j["title_derived"], false);
  EXPECT_EQ(j["date"], "2019-05-02T09:30:00Z");
  EXPECT_EQ(j["source"], "Byline Wire");
  EXPECT_EQ(j["author"], "Omar Siddiqui");
  EXPECT_EQ(j["url"], "https://example.com/wire-1");
  EXPECT_EQ(j["lang"], "en");
  EXPECT_EQ(j["path"], "/data/wire.jsonl.gz:8607");
  EXPECT_EQ(j["body"], Sample().body + "\n\xef\xbf\xbdt\xef\xbf\xbd");
}

TEST(WrapTest, DisplayWidthCountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("Qāmishlī"), 8u);
  EXPECT_EQ(DisplayWidth("新闻"), 4u);
  EXPECT_EQ(DisplayWidth("한국어"), 6u);
}

TEST(WrapTest, ASequenceCutShortAtTheEndIsNotReadPast) {
  std::ostringstream out;
  WriteWrapped(out, Snippet{"abc \xe6\x96", {}}, false, 80, "", 3);
  EXPECT_EQ(out.str(), "abc \xe6\x96\n");
}

TEST(PagerTest, ScreenLinesCountFoldedLinesAndNotColour) {
  EXPECT_EQ(ScreenLines("", 80), 0u);
  EXPECT_EQ(ScreenLines("a\n", 80), 1u);
  EXPECT_EQ(ScreenLines("a\n\nb\n", 80), 3u);
  EXPECT_EQ(ScreenLines("a\nb", 80), 2u);
  EXPECT_EQ(ScreenLines(std::string(81, 'x') + "\n", 80), 2u);
  EXPECT_EQ(ScreenLines(std::string(80, 'x') + "\n", 80), 1u);
  EXPECT_EQ(ScreenLines("\033[1m" + std::string(80, 'x') + "\033[0m\n", 80), 1u);
  EXPECT_EQ(ScreenLines("一二三四五六\n", 10), 2u);  // 12 columns
}

TerminalFacts Tty(std::size_t columns, std::size_t rows) {
  TerminalFacts f;
  f.stdout_tty = true;
  f.columns = columns;
  f.rows = rows;
  return f;
}

TEST(PagerTest, TheTerminalsHeightOnlyWhenStdoutIsOne) {
  EXPECT_EQ(ResolveTerminal({}, Tty(80, 50)).height, 50u);
  TerminalFacts piped = Tty(80, 50);
  piped.stdout_tty = false;
  EXPECT_EQ(ResolveTerminal({}, piped).height, 0u);
}

TEST(PagerTest, PagesOnlyATerminalThatTheTextOverfillsUnlessTurnedOff) {
  const Terminal tall = ResolveTerminal({}, Tty(80, 50));
  const Terminal unknown = ResolveTerminal({}, Tty(80, 0));  // taken as 24 rows
  TerminalFacts pipe_facts = Tty(80, 50);
  pipe_facts.stdout_tty = false;
  const Terminal pipe = ResolveTerminal({}, pipe_facts);
  struct Case {
    const Terminal* terminal;
    bool no_pager;
    std::size_t lines;
    bool page;
  } cases[] = {
      {&tall, false, 49, false},  {&tall, false, 50, true},     {&tall, false, 500, true},
      {&tall, true, 500, false},  {&unknown, false, 23, false}, {&unknown, false, 24, true},
      {&pipe, false, 500, false}, {&pipe, false, 0, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ShouldPage(*c.terminal, c.no_pager, c.lines), c.page)
        << "height " << c.terminal->height << " tty " << c.terminal->stdout_tty << " lines "
        << c.lines << " no_pager " << c.no_pager;
  }
}

TEST(PagerTest, PagerIsPagerElseLessElseMore) {
  EXPECT_EQ(PagerCommand("most -s", true), "most -s");
  EXPECT_EQ(PagerCommand("", true), "less -R");
  EXPECT_EQ(PagerCommand(nullptr, true), "less -R");
  EXPECT_EQ(PagerCommand(nullptr, false), "more");
}

TEST(PagerTest, FoundOnPathLooksInEveryFolderForAnExecutable) {
  test::TempDir dir;
  const std::string exe = dir.Write("bin/mypager", "#!/bin/sh\ncat\n");
  std::filesystem::permissions(exe, std::filesystem::perms::owner_all);
  dir.Write("bin/notexec", "text");
  const char* old = std::getenv("PATH");
  const std::string saved = old ? old : "";
  setenv("PATH", ("/nonexistent:" + (dir.path() / "bin").string()).c_str(), 1);
  EXPECT_TRUE(FoundOnPath("mypager"));
  EXPECT_FALSE(FoundOnPath("notexec"));
  EXPECT_FALSE(FoundOnPath("absent"));
  setenv("PATH", saved.c_str(), 1);
}

TEST(PagerTest, RunPagerFeedsTheCommandAndReportsOneThatCannotRun) {
  test::TempDir dir;
  const std::string out = (dir.path() / "paged.txt").string();
  unsetenv("LESS");
  ASSERT_BYLINE_OK(RunPager("{ echo \"LESS=$LESS\"; cat; } > '" + out + "'", "line 1\nline 2\n"));
  std::ifstream in(out);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_EQ(got.str(), "LESS=R\nline 1\nline 2\n");
  // A pager that quits without reading does not kill or stop this process.
  ASSERT_BYLINE_OK(RunPager("true", std::string(1 << 20, 'x')));
  const Status missing = RunPager("/nonexistent/pager 2>/dev/null", "text\n");
  EXPECT_EQ(missing.code(), StatusCode::kIOError);
  EXPECT_NE(missing.message().find("/nonexistent/pager"), std::string::npos);
}

}  // namespace
}  // namespace byline
