// The batch search's reading of query files and its CSV quoting.
#include "searcher/batch_command.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

TEST(BatchQueries, SkipsBlanksAndCommentsAndKeepsLineNumbers) {
  std::istringstream in(
      "# a comment\nReuters  \n\n  \t\n   # indented comment\r\n\"oil price\"\r\nx\n");
  auto q = byline::ReadBatchQueries(in);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].line, 2u);
  EXPECT_EQ(q[0].query, "Reuters");
  EXPECT_EQ(q[1].line, 6u);
  EXPECT_EQ(q[1].query, "\"oil price\"");
  EXPECT_EQ(q[2].line, 7u);
}

// Lists saved by spreadsheets: UTF-8 with a byte order mark (which would
// otherwise start the first query), UTF-16 with one, Windows-1252.
TEST(BatchQueries, ReadsWindowsEncodingsAsUtf8) {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Bogot\xC3\xA1\r\nLagos\r\n")) {
    // Latin letters and one U+00E1: each code point as two bytes.
    if (c == '\xC3') continue;
    utf16 += c == '\xA1' ? std::string("\xE1\0", 2) : std::string{c, '\0'};
  }
  const struct {
    std::string bytes;
  } cases[] = {
      {"\xEF\xBB\xBF"
       "Bogot\xC3\xA1\nLagos\n"},
      {utf16},
      {"Bogot\xE1\r\nLagos\r\n"},  // Windows-1252
  };
  for (const auto& c : cases) {
    std::istringstream in(c.bytes);
    auto q = byline::ReadBatchQueries(in);
    ASSERT_EQ(q.size(), 2u) << c.bytes;
    EXPECT_EQ(q[0].query, "Bogot\xC3\xA1");
    EXPECT_EQ(q[0].line, 1u);
    EXPECT_EQ(q[1].query, "Lagos");
    EXPECT_EQ(q[1].line, 2u);
  }
}

TEST(BatchCsv, QuotesAsRfc4180Says) {
  const struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      // What a spreadsheet would run as a formula is text.
      {"+zebra -stripes", "'+zebra -stripes"},
      {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
      {"-1", "'-1"},
      {"@sum", "'@sum"},
      {"a-b", "a-b"},
  };
  for (const auto& c : cases) EXPECT_EQ(byline::CsvField(c.in), c.want) << c.in;
}

TEST(BatchCsv, ARowPerHitAndAnEmptyOneForNone) {
  byline::BatchAnswer none;
  none.query = {1, "nothing, here"};
  std::ostringstream out;
  byline::WriteBatchCsv(out, none);
  EXPECT_EQ(out.str(), "\"nothing, here\",0,,,,,,\r\n");
  byline::BatchAnswer two;
  two.query = {2, "oil"};
  two.count = 7;
  two.hits.resize(2);
  two.hits[0].rank = 1;
  two.hits[0].article.id = "r1";
  two.hits[0].article.title = "Oil up";
  two.hits[1].rank = 2;
  two.hits[1].article.id = "r2";
  two.hits[1].article.date = "1987-03-01";
  out.str("");
  byline::WriteBatchCsv(out, two);
  EXPECT_EQ(out.str(), "oil,7,1,r1,Oil up,,,\r\noil,7,2,r2,,1987-03-01,,\r\n");
  byline::BatchAnswer failed = two;
  failed.error = "bad query at position 2: no closing bracket";
  out.str("");
  byline::WriteBatchCsv(out, failed);
  EXPECT_EQ(out.str(), "oil,,,,,,,bad query at position 2: no closing bracket\r\n");
}

}  // namespace
