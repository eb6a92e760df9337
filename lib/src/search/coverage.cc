/** @file coverage.cc
 *  @brief Bucketing day counts into days, ISO weeks, months and years.
 */
#include "byline/coverage.h"

#include <cstdio>

namespace byline {
namespace {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long DaysFromCivil(Ymd t) {
  const int y = t.m <= 2 ? t.y - 1 : t.y;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (t.m + (t.m > 2 ? -3 : 9)) + 2) / 5 + t.d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  Ymd t;
  t.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.y = static_cast<int>(yoe + era * 400 + (t.m <= 2 ? 1 : 0));
  return t;
}

// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
int Weekday(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

std::optional<Ymd> ReadKey(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (key[i] - '0');
    return v;
  };
  Ymd t{num(0, 4), num(4, 2), num(6, 2)};
  if (t.m < 1 || t.m > 12 || t.d < 1 || t.d > DaysInMonth(t.y, t.m)) return std::nullopt;
  return t;
}

std::string Iso(Ymd t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.y, t.m, t.d);
  return buf;
}

// The first day (days since the epoch) of the period holding `day`.
long PeriodStart(long day, Period by) {
  Ymd t = CivilFromDays(day);
  switch (by) {
    case Period::kDay:
      return day;
    case Period::kWeek:
      return day - Weekday(day);
    case Period::kMonth:
      return DaysFromCivil({t.y, t.m, 1});
    case Period::kYear:
      return DaysFromCivil({t.y, 1, 1});
  }
  return day;
}

// The first day of the next period after the one starting on `start`.
long NextStart(long start, Period by) {
  Ymd t = CivilFromDays(start);
  switch (by) {
    case Period::kDay:
      return start + 1;
    case Period::kWeek:
      return start + 7;
    case Period::kMonth:
      return t.m == 12 ? DaysFromCivil({t.y + 1, 1, 1}) : DaysFromCivil({t.y, t.m + 1, 1});
    case Period::kYear:
      return DaysFromCivil({t.y + 1, 1, 1});
  }
  return start + 1;
}

std::string Label(long start, Period by) {
  Ymd t = CivilFromDays(start);
  char buf[32];
  switch (by) {
    case Period::kDay:
      return Iso(t);
    case Period::kWeek: {
      // ISO 8601: the week belongs to the year of its Thursday, and week 1
      // is the one holding that year's first Thursday.
      Ymd thu = CivilFromDays(start + 3);
      int week = static_cast<int>((start + 3 - DaysFromCivil({thu.y, 1, 1})) / 7 + 1);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", thu.y, week);
      return buf;
    }
    case Period::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", t.y, t.m);
      return buf;
    case Period::kYear:
      std::snprintf(buf, sizeof buf, "%04d", t.y);
      return buf;
  }
  return Iso(t);
}

}  // namespace

const char* PeriodName(Period by) {
  switch (by) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
    case Period::kYear:
      return "year";
  }
  return "month";
}

std::optional<Period> ParsePeriod(std::string_view name) {
  for (Period p : {Period::kDay, Period::kWeek, Period::kMonth, Period::kYear}) {
    if (name == PeriodName(p)) return p;
  }
  return std::nullopt;
}

bool IsDateKey(std::string_view key) { return ReadKey(key).has_value(); }

Period ChoosePeriod(const std::string& first, const std::string& last) {
  auto a = ReadKey(first), b = ReadKey(last);
  if (!a || !b) return Period::kMonth;
  const long span = DaysFromCivil(*b) - DaysFromCivil(*a) + 1;
  if (span <= 92) return Period::kDay;
  if (span <= 549) return Period::kWeek;
  if (span <= 3653) return Period::kMonth;
  return Period::kYear;
}

std::vector<Bucket> BucketDays(const std::map<std::string, std::uint64_t>& days, Period by,
                               const std::string& from, const std::string& to) {
  std::vector<std::pair<long, std::uint64_t>> valid;  // day, count; in order (keys sort)
  for (const auto& [key, count] : days) {
    if (auto t = ReadKey(key)) valid.emplace_back(DaysFromCivil(*t), count);
  }
  std::vector<Bucket> out;
  if (valid.empty()) return out;
  long first = valid.front().first, last = valid.back().first;
  if (auto t = ReadKey(from)) first = DaysFromCivil(*t);
  if (auto t = ReadKey(to)) last = DaysFromCivil(*t);
  if (first > last) return out;
  std::size_t i = 0;
  while (i < valid.size() && valid[i].first < first) ++i;
  for (long start = PeriodStart(first, by); start <= last; start = NextStart(start, by)) {
    const long next = NextStart(start, by);
    Bucket b;
    b.label = Label(start, by);
    b.start = Iso(CivilFromDays(start));
    b.end = Iso(CivilFromDays(next - 1));
    for (; i < valid.size() && valid[i].first < next && valid[i].first <= last; ++i) {
      b.count += valid[i].second;
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace byline
