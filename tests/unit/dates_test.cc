// Table-driven tests of date parsing (articles) and date ranges (queries).
#include "byline/dates.h"

#include <gtest/gtest.h>

namespace byline {
namespace {

TEST(DatesTest, ParsesTheUsualFormats) {
  const std::pair<const char*, const char*> cases[] = {
      {"2018-11-14", "2018-11-14"},
      {"2018/11/14", "2018-11-14"},
      {"20181114", "2018-11-14"},
      {"2018-11-14T09:30:00Z", "2018-11-14T09:30:00Z"},
      {"2018-11-14T09:30:00+01:00", "2018-11-14T08:30:00Z"},
      {"2018-11-14T23:30:00-02:00", "2018-11-15T01:30:00Z"},
      {"2018-11-14T09:30:00.123Z", "2018-11-14T09:30:00Z"},
      {"Wed, 14 Nov 2018 09:30:00 +0000", "2018-11-14T09:30:00Z"},
      {"Wed, 14 Nov 2018 09:30:00 +0200", "2018-11-14T07:30:00Z"},
      {"14 November 2018", "2018-11-14"},
      {"14 Nov 2018", "2018-11-14"},
      {"Nov 14, 2018", "2018-11-14"},
      {"November 14 2018", "2018-11-14"},
      {"14.11.2018", "2018-11-14"},
      {"1542187800", "2018-11-14T09:30:00Z"},
      {"29 February 2020", "2020-02-29"},
  };
  for (const auto& [in, want] : cases) {
    auto d = ParseDate(in);
    ASSERT_TRUE(d.has_value()) << in;
    EXPECT_EQ(d->ToIso(), want) << in;
  }
}

TEST(DatesTest, RejectsWhatIsNotADate) {
  // The last ones were found by tests/fuzz/query_parser_fuzzer: over-long
  // digit runs must not throw.
  for (const char* in :
       {"", "yesterday", "2018-13-01", "2018-02-30", "29 February 2019", "32 Jan 2018",
        "hello 2018", "12", "99999999999999999999-01-01", "01 Jan 99999999999999999999"}) {
    EXPECT_FALSE(ParseDate(in).has_value()) << in;
  }
}

TEST(DatesTest, OverLongNumbersNeverThrow) {
  // Found by tests/fuzz/query_parser_fuzzer (std::stoi threw out_of_range).
  for (const char* in : {"1893-1\xf2"
                         "1-0 0\x00\x00\x00\x12\x00\x00\x00\x00"
                         "777777777777777",
                         "2018-11-14T09:777777777777777777", "2018-11-14T777777777777:00",
                         "2018-11-14T09:30:00+777777777777"}) {
    EXPECT_NO_THROW((void)ParseDate(in)) << in;
    EXPECT_NO_THROW((void)ParseDateRange(in)) << in;
  }
  EXPECT_EQ(ParseDate("2018-11-14T09:777777777777777777")->ToIso(), "2018-11-14");
}

TEST(DatesTest, KeyIsSortable) { EXPECT_EQ(ParseDate("Nov 14, 2018")->ToKey(), "20181114"); }

TEST(DatesTest, ParsesQueryRanges) {
  struct Case {
    const char* in;
    const char* from;
    const char* to;
  };
  const Case cases[] = {
      {"2018", "20180101", "20181231"},
      {"2018-02", "20180201", "20180228"},
      {"2020-02", "20200201", "20200229"},
      {"2018-11-14", "20181114", "20181114"},
      {"2018-11-01..2018-11-30", "20181101", "20181130"},
      {"2018..2019", "20180101", "20191231"},
      {"2018..", "20180101", ""},
      {"..2018-06", "", "20180630"},
  };
  for (const auto& c : cases) {
    auto r = ParseDateRange(c.in);
    ASSERT_TRUE(r.has_value()) << c.in;
    EXPECT_EQ(r->from, c.from) << c.in;
    EXPECT_EQ(r->to, c.to) << c.in;
  }
  for (const char* bad : {"", "..", "2018-13", "soon", "2019..2018", "2018-11-31"}) {
    EXPECT_FALSE(ParseDateRange(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace byline
