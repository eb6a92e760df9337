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
  r.matches_estimated = 42;
  r.elapsed_ms = 3.5;
  r.query_description = "quarterly";
  return r;
}

TEST(JsonPrinterTest, OneObjectPerHitThenASummary) {
  std::ostringstream out;
  WriteJson(out, OneHit());
  EXPECT_EQ(out.str(),
            "{\"author\":\"Jane Doe\",\"date\":\"2018-11-14T09:30:00Z\",\"highlights\":[[17,26]],"
            "\"id\":\"a1\",\"lang\":\"en\",\"path\":\"news.jsonl:1\",\"rank\":1,\"score\":1.5,"
            "\"snippet\":\"The company said quarterly earnings rose sharply in the third quarter "
            "of the year.\",\"source\":\"Reuters\",\"title\":\"Quarterly earnings rise\","
            "\"url\":\"https://example.com/a1\"}\n"
            "{\"elapsed_ms\":3.5,\"matches_estimated\":42,\"notices\":[],"
            "\"query\":\"quarterly\",\"relaxed\":false,\"returned\":1}\n");
}

TEST(JsonPrinterTest, NoHitsIsJustTheSummaryAndBadUtf8IsReplaced) {
  SearchResults r;
  r.relaxed = true;
  r.query_description = "caf\xe9";  // Latin-1, not UTF-8
  r.notices.push_back({7, 7, "position 7: unclosed quote; searched as plain words"});
  std::ostringstream out;
  WriteJson(out, r);
  EXPECT_EQ(out.str(),
            "{\"elapsed_ms\":0.0,\"matches_estimated\":0,\"notices\":[{\"message\":"
            "\"position 7: unclosed quote; searched as plain words\",\"offset\":7,\"position\":7}],"
            "\"query\":\"caf\xef\xbf\xbd\",\"relaxed\":true,\"returned\":0}\n");
}

TEST(TextPrinterTest, PlainListingWrappedToTheWidth) {
  std::ostringstream out;
  WriteText(out, OneHit(), /*color=*/false, /*width=*/40);
  EXPECT_EQ(out.str(),
            "  1. Quarterly earnings rise\n"
            "     2018-11-14 \u00b7 Reuters \u00b7 Jane Doe \u00b7 a1\n"
            "     The company said quarterly\n"
            "     earnings rose sharply in the third\n"
            "     quarter of the year.\n"
            "\n"
            "1 of about 42 matches (3.5 ms)\n");
}

TEST(TextPrinterTest, ColourMarksTitleMetaMatchesAndFooter) {
  std::ostringstream out;
  WriteText(out, OneHit(), /*color=*/true, /*width=*/40);
  EXPECT_EQ(out.str(),
            "  1. \033[1m\033[1;33mQuarterly\033[0m\033[1m earnings rise\033[0m\n"
            "     \033[2m2018-11-14 \u00b7 Reuters \u00b7 Jane Doe \u00b7 a1\033[0m\n"
            "     The company said \033[1;33mquarterly\033[0m\n"
            "     earnings rose sharply in the third\n"
            "     quarter of the year.\n"
            "\n"
            // The footer's reset comes after its newline, as it always has.
            "\033[2m1 of about 42 matches (3.5 ms)\n\033[0m");
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
            "1 of about 42 matches (3.5 ms)\n");
}

TEST(TextPrinterTest, NoMatchesAndTheRelaxedNotice) {
  SearchResults r;
  r.relaxed = true;
  std::ostringstream out;
  WriteText(out, r, /*color=*/false, 80);
  EXPECT_EQ(out.str(),
            "No article has every word; showing articles with any of them.\n\nNo matches.\n");
}

TEST(TextPrinterTest, DisplayWidthCountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("caf\xc3\xa9"), 4u);               // é: one column
  EXPECT_EQ(DisplayWidth("\xe6\x9d\xb1\xe4\xba\xac"), 4u);  // 東京: two each
}

}  // namespace
}  // namespace byline
