// Bucketing a search's day counts into a timeline (byline/coverage.h):
// days, ISO weeks, months and years; gaps shown; invalid keys left out.
#include "byline/coverage.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace byline {
namespace {

struct BucketCase {
  const char* name;
  std::map<std::string, std::uint64_t> days;
  Period by;
  std::string from, to;
  // label:start:end:count, one a bucket
  std::vector<std::string> want;
};

std::string Show(const Bucket& b) {
  return b.label + ":" + b.start + ":" + b.end + ":" + std::to_string(b.count);
}

TEST(BucketDaysTest, Table) {
  const BucketCase cases[] = {
      {"days with a gap",
       {{"20181114", 2}, {"20181116", 1}},
       Period::kDay,
       "",
       "",
       {"2018-11-14:2018-11-14:2018-11-14:2", "2018-11-15:2018-11-15:2018-11-15:0",
        "2018-11-16:2018-11-16:2018-11-16:1"}},
      {"iso weeks start on monday",
       {{"20181114", 2}, {"20181118", 1}, {"20181119", 4}},
       Period::kWeek,
       "",
       "",
       {"2018-W46:2018-11-12:2018-11-18:3", "2018-W47:2018-11-19:2018-11-25:4"}},
      {"iso week 53 of the year before",
       {{"20210101", 1}},
       Period::kWeek,
       "",
       "",
       {"2020-W53:2020-12-28:2021-01-03:1"}},
      {"iso week 1 of the year after",
       {{"20191230", 1}},
       Period::kWeek,
       "",
       "",
       {"2020-W01:2019-12-30:2020-01-05:1"}},
      {"months with an empty one, leap february",
       {{"20160131", 1}, {"20160229", 2}, {"20160401", 3}},
       Period::kMonth,
       "",
       "",
       {"2016-01:2016-01-01:2016-01-31:1", "2016-02:2016-02-01:2016-02-29:2",
        "2016-03:2016-03-01:2016-03-31:0", "2016-04:2016-04-01:2016-04-30:3"}},
      {"years across a gap",
       {{"19991231", 1}, {"20010101", 5}},
       Period::kYear,
       "",
       "",
       {"1999:1999-01-01:1999-12-31:1", "2000:2000-01-01:2000-12-31:0",
        "2001:2001-01-01:2001-12-31:5"}},
      {"bounds widen the range",
       {{"20180315", 1}},
       Period::kMonth,
       "20180101",
       "20180430",
       {"2018-01:2018-01-01:2018-01-31:0", "2018-02:2018-02-01:2018-02-28:0",
        "2018-03:2018-03-01:2018-03-31:1", "2018-04:2018-04-01:2018-04-30:0"}},
      {"bounds cut days outside",
       {{"20180101", 7}, {"20180102", 1}, {"20180103", 9}},
       Period::kYear,
       "20180102",
       "20180102",
       {"2018:2018-01-01:2018-12-31:1"}},
      {"invalid keys are left out",
       {{"20180230", 9}, {"2018", 9}, {"20180301", 1}},
       Period::kMonth,
       "",
       "",
       {"2018-03:2018-03-01:2018-03-31:1"}},
      {"nothing dated", {{"undated", 3}}, Period::kDay, "", "", {}},
  };
  for (const BucketCase& c : cases) {
    std::vector<std::string> got;
    for (const Bucket& b : BucketDays(c.days, c.by, c.from, c.to)) got.push_back(Show(b));
    EXPECT_EQ(got, c.want) << c.name;
  }
}

TEST(ChoosePeriodTest, FromTheSpan) {
  EXPECT_EQ(ChoosePeriod("20180101", "20180101"), Period::kDay);
  EXPECT_EQ(ChoosePeriod("20180101", "20180401"), Period::kDay);    // 91 days
  EXPECT_EQ(ChoosePeriod("20180101", "20180501"), Period::kWeek);   // 121 days
  EXPECT_EQ(ChoosePeriod("19870226", "19871020"), Period::kWeek);   // reuters21578
  EXPECT_EQ(ChoosePeriod("20180101", "20200101"), Period::kMonth);  // two years
  EXPECT_EQ(ChoosePeriod("19900101", "20200101"), Period::kYear);   // thirty
  EXPECT_EQ(ChoosePeriod("", ""), Period::kMonth);                  // nothing dated
}

TEST(PeriodNameTest, RoundTrips) {
  for (Period p : {Period::kDay, Period::kWeek, Period::kMonth, Period::kYear}) {
    EXPECT_EQ(ParsePeriod(PeriodName(p)), p);
  }
  EXPECT_FALSE(ParsePeriod("fortnight"));
  EXPECT_TRUE(IsDateKey("20240229"));
  EXPECT_FALSE(IsDateKey("20230229"));
  EXPECT_FALSE(IsDateKey("2023022"));
}

}  // namespace
}  // namespace byline
