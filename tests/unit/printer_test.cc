// The search printers on hand-made results: the NDJSON lines and the
// terminal listing, with and without colour, at a given width.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "searcher/json_printer.h"
#include "searcher/text_printer.h"

namespace byline {
namespace {

SearchResults OneHit() {
  SearchResults r;
  Hit h;
  h.rank = 1;
  h.score = 1.5;
  h.article.id = "a1";
  h.article.title = "Quarterly earnings rise";
  h.article.date = "2018-11-14T09:30:00Z";
  h.article.source = "Reuters";
  h.article.author = "Jane Doe";
  h.article.url = "https://example.com/a1";
  h.article.lang = "en";
  h.article.path = "news.jsonl:1";
  h.title = {"Quarterly earnings rise", {{0, 9}}};
  h.snippet = {"The company said quarterly earnings rose sharply in the third quarter of the year.",
               {{17, 26}}};
  r.hits.push_back(h);
  r.matches_estimated = r.matches_lower = r.matches_upper = 42;
  r.limit = 10;
  r.elapsed_ms = 3.5;
  r.query_description = "quarterly";
  return r;
}

TEST(JsonPrinterTest, OneObjectPerHitThenASummary) {
  std::ostringstream out;
  WriteJson(out, OneHit());
  EXPECT_EQ(out.str(),
            "{\"author\":\"Jane Doe\",\"copies\":[],\"date\":\"2018-11-14T09:30:00Z\","
            "\"highlights\":[[17,26]],"
            "\"id\":\"a1\",\"lang\":\"en\",\"path\":\"news.jsonl:1\",\"rank\":1,\"score\":1.5,"
            "\"snippet\":\"The company said quarterly earnings rose sharply in the third quarter "
            "of the year.\",\"source\":\"Reuters\",\"title\":\"Quarterly earnings rise\","
            "\"title_derived\":false,\"type\":\"hit\",\"url\":\"https://example.com/a1\"}\n"
            "{\"collapsed\":false,\"elapsed_ms\":3.5,\"exact\":true,\"matches_estimated\":42,"
            "\"matches_lower\":42,\"matches_upper\":42,\"notices\":[],\"offset\":0,"
            "\"query\":\"quarterly\",\"ran\":\"typed\",\"relaxed\":false,\"returned\":1,"
            "\"sort\":\"relevance\",\"suggestion\":null,\"type\":\"summary\"}\n");
}

TEST(JsonPrinterTest, NoHitsIsJustTheSummaryAndBadUtf8IsReplaced) {
  SearchResults r;
  r.relaxed = true;
  r.query_description = "caf\xe9";  // Latin-1, not UTF-8
  r.notices.push_back({7, 7, "position 7: unclosed quote; searched as plain words"});
  std::ostringstream out;
  WriteJson(out, r);
  EXPECT_EQ(out.str(),
            "{\"collapsed\":false,\"elapsed_ms\":0.0,\"exact\":true,\"matches_estimated\":0,"
            "\"matches_lower\":0,\"matches_upper\":0,\"notices\":[{\"message\":"
            "\"position 7: unclosed quote; searched as plain words\",\"offset\":7,\"position\":7}],"
            "\"offset\":0,\"query\":\"caf\xef\xbf\xbd\",\"ran\":\"typed\",\"relaxed\":true,"
            "\"returned\":0,\"sort\":\"relevance\",\"suggestion\":null,\"type\":\"summary\"}\n");
}

TEST(TextPrinterTest, PlainListingWrappedToTheWidth) {
  std::ostringstream out;
  WriteText(out, OneHit(), /*color=*/false, /*width=*/40);
  EXPECT_EQ(out.str(),
            "  1. Quarterly earnings rise\n"
            // 36 columns: the metadata wraps on words as the snippet does.
            "     2018-11-14 \u00b7 Reuters \u00b7 Jane Doe \u00b7\n"
            "     a1\n"
            "     The company said quarterly\n"
            "     earnings rose sharply in the third\n"
            "     quarter of the year.\n"
            "\n"
            "1 of 42 matches (3.5 ms)\n");
}

TEST(TextPrinterTest, ColourMarksTitleMetaMatchesAndFooter) {
  std::ostringstream out;
  WriteText(out, OneHit(), /*color=*/true, /*width=*/40);
  EXPECT_EQ(out.str(),
            "  1. \033[1m\033[1;33mQuarterly\033[0m\033[1m earnings rise\033[0m\n"
            "     \033[2m2018-11-14 \u00b7 Reuters \u00b7 Jane Doe \u00b7\033[0m\n"
            "     \033[2ma1\033[0m\n"
            "     The company said \033[1;33mquarterly\033[0m\n"
            "     earnings rose sharply in the third\n"
            "     quarter of the year.\n"
            "\n"
            "\033[2m1 of 42 matches (3.5 ms)\033[0m\n");
}

TEST(TextPrinterTest, WiderTerminalFewerLinesAndArticleTextCannotEscape) {
  SearchResults r = OneHit();
  r.hits[0].title = {"Evil\033]0;title\007 headline", {}};
  r.hits[0].article.source = "";
  r.hits[0].article.author = "";
  r.hits[0].article.id = r.hits[0].article.path;
  std::ostringstream out;
  WriteText(out, r, /*color=*/false, /*width=*/80);
  EXPECT_EQ(out.str(),
            "  1. Evil]0;title headline\n"
            "     2018-11-14 \u00b7 news.jsonl:1\n"
            "     The company said quarterly earnings rose sharply in the third quarter of\n"
            "     the year.\n"
            "\n"
            "1 of 42 matches (3.5 ms)\n");
}

TEST(TextPrinterTest, NoMatchesAndTheRelaxedNotice) {
  SearchResults r;
  r.relaxed = true;
  std::ostringstream out;
  WriteText(out, r, /*color=*/false, 80);
  EXPECT_EQ(out.str(),
            "No article has every word; showing articles with any of them.\n\nNo matches.\n");
}

TEST(JsonPrinterTest, CopiesAndDerivedTitlesAndEstimatedCounts) {
  SearchResults r = OneHit();
  r.hits[0].article.title_derived = true;
  r.hits[0].copies = {{"c2", "AP", "2018-11-15"}};
  r.matches_estimated = 4400;
  r.matches_lower = 1000;
  r.matches_upper = 9000;
  r.collapsed = true;
  r.sort = SortOrder::kNewest;
  std::ostringstream out;
  WriteJson(out, r);
  std::istringstream lines(out.str());
  std::string hit, summary;
  std::getline(lines, hit);
  std::getline(lines, summary);
  EXPECT_NE(hit.find("\"copies\":[{\"date\":\"2018-11-15\",\"id\":\"c2\",\"source\":\"AP\"}]"),
            std::string::npos)
      << hit;
  EXPECT_NE(hit.find("\"title_derived\":true"), std::string::npos) << hit;
  for (const char* want :
       {"\"exact\":false", "\"matches_estimated\":4400", "\"matches_lower\":1000",
        "\"matches_upper\":9000", "\"sort\":\"newest\"", "\"collapsed\":true"}) {
    EXPECT_NE(summary.find(want), std::string::npos) << want << " in " << summary;
  }
}

TEST(IdsPathsPrinterTest, OneALine) {
  SearchResults r = OneHit();
  r.hits.push_back(r.hits[0]);
  r.hits[1].article.id = r.hits[1].article.path = "docs.jsonl:7";
  std::ostringstream ids, paths;
  WriteIds(ids, r);
  WritePaths(paths, r);
  EXPECT_EQ(ids.str(), "a1\ndocs.jsonl:7\n");
  EXPECT_EQ(paths.str(), "news.jsonl:1\ndocs.jsonl:7\n");
}

TEST(TextPrinterTest, CopiesAndDerivedTitles) {
  SearchResults r = OneHit();
  r.hits[0].article.title_derived = true;
  r.hits[0].copies = {{"c2", "AP", "2018-11-15"}, {"c3", "AFP", ""}};
  std::ostringstream out;
  WriteText(out, r, /*color=*/true, 80);
  // Dimmed, not bold: the title is made from the body.
  EXPECT_EQ(
      out.str().rfind("  1. \033[2m\033[1;33mQuarterly\033[0m\033[2m earnings rise\033[0m\n", 0),
      0u)
      << out.str();
  EXPECT_NE(out.str().find("Jane Doe \u00b7 a1 \u00b7 +2 copies\033[0m\n"), std::string::npos)
      << out.str();
}

// The footer for each kind of page: exact or estimated counts, a next page
// or none, stories, a page past the end.
TEST(TextPrinterTest, FooterSaysWhichHitsOfHowMany) {
  struct Case {
    std::size_t offset, hits;
    std::uint64_t estimated, lower, upper;
    bool collapsed;
    const char* want;  // the last line
  } cases[] = {
      {0, 10, 55, 55, 55, false, "1-10 of 55 matches (3.5 ms); next: --offset 10"},
      {10, 10, 55, 55, 55, false, "11-20 of 55 matches (3.5 ms); next: --offset 20"},
      {50, 5, 55, 55, 55, false, "51-55 of 55 matches (3.5 ms)"},
      {0, 1, 1, 1, 1, false, "1 of 1 match (3.5 ms)"},
      {0, 10, 4400, 1000, 9000, false,
       "1-10 of about 4,400 matches (between 1,000 and 9,000) (3.5 ms); next: --offset 10"},
      {0, 10, 23, 23, 23, true, "1-10 of 23 stories (3.5 ms); next: --offset 10"},
      {300, 0, 23, 23, 23, false,
       "No hits on this page: 23 matches, the last page starts at --offset 20"},
      {30, 0, 1, 1, 1, true, "No hits on this page: 1 story, the last page starts at --offset 0"},
      {0, 0, 0, 0, 0, false, "No matches."},
  };
  for (const Case& c : cases) {
    SearchResults r = OneHit();
    Hit h = r.hits[0];
    r.hits.clear();
    for (std::size_t i = 0; i < c.hits; ++i) {
      h.rank = c.offset + i + 1;
      r.hits.push_back(h);
    }
    r.offset = c.offset;
    r.matches_estimated = c.estimated;
    r.matches_lower = c.lower;
    r.matches_upper = c.upper;
    r.collapsed = c.collapsed;
    std::ostringstream out;
    WriteText(out, r, /*color=*/false, 80);
    std::string text = out.str();
    text.pop_back();
    EXPECT_EQ(text.substr(text.rfind('\n') + 1), c.want) << text;
  }
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(999), "999");
}

TEST(TextPrinterTest, DisplayWidthCountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("caf\xc3\xa9"), 4u);               // é: one column
  EXPECT_EQ(DisplayWidth("\xe6\x9d\xb1\xe4\xba\xac"), 4u);  // 東京: two each
}

}  // namespace
}  // namespace byline
