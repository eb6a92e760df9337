/** @file dates.cc
 *  @brief A small hand-rolled date scanner for the formats news uses.
 */
#include "byline/dates.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace byline {
namespace {

// The value of a run of ASCII digits; 1,000,000,000 (invalid as any date part)
// for a longer run, so that nothing here can throw or overflow.
long long Digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return 1000000000;
  long long n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 1000000000;
    n = n * 10 + (c - '0');
  }
  return n;
}

int MonthFromName(std::string_view word) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  std::string w;
  for (char c : word) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int i = 0; i < 12; ++i) {
    if (w.compare(0, 3, kMonths[i]) == 0) return i + 1;
  }
  return 0;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool Valid(const Date& d) {
  return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month) && d.hour < 24 && d.minute >= 0 && d.minute < 60 &&
         d.second >= 0 && d.second <= 60;
}

// Splits into tokens of digits or letters; everything else separates,
// but '+'/'-' before digits after a time are kept as the UTC offset sign.
struct Piece {
  std::string text;
  bool digits;
  char before;  // the separator character just before it (or 0)
};

std::vector<Piece> Split(std::string_view s) {
  std::vector<Piece> out;
  char sep = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c) || std::isalpha(c)) {
      bool digits = std::isdigit(c);
      std::size_t j = i;
      while (j < s.size() && (digits ? std::isdigit(static_cast<unsigned char>(s[j]))
                                     : std::isalpha(static_cast<unsigned char>(s[j])))) {
        ++j;
      }
      out.push_back({std::string(s.substr(i, j - i)), digits, sep});
      sep = 0;
      i = j;
    } else {
      if (sep == 0 || c == '+' || c == '-') sep = static_cast<char>(c);
      ++i;
    }
  }
  return out;
}

// Applies a "+hhmm"/"-hh:mm" offset so that the time is UTC.
void ApplyOffset(Date* d, int sign, int hours, int minutes) {
  std::tm tm{};
  tm.tm_year = d->year - 1900;
  tm.tm_mon = d->month - 1;
  tm.tm_mday = d->day;
  tm.tm_hour = d->hour - sign * hours;
  tm.tm_min = d->minute - sign * minutes;
  tm.tm_sec = d->second;
  time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  d->year = out.tm_year + 1900;
  d->month = out.tm_mon + 1;
  d->day = out.tm_mday;
  d->hour = out.tm_hour;
  d->minute = out.tm_min;
  d->second = out.tm_sec;
}

// Reads an optional "hh:mm[:ss]" and zone starting at piece i.
void ReadTime(const std::vector<Piece>& p, std::size_t i, Date* d) {
  if (i + 1 >= p.size() || !p[i].digits || !p[i + 1].digits || p[i].text.size() > 2) return;
  d->hour = static_cast<int>(Digits(p[i].text));
  d->minute = static_cast<int>(Digits(p[i + 1].text));
  i += 2;
  if (i < p.size() && p[i].digits && p[i].before == ':' && p[i].text.size() == 2) {
    d->second = static_cast<int>(Digits(p[i].text));
    ++i;
  }
  if (i < p.size() && p[i].digits && p[i].before == '.') ++i;  // fractions of a second
  if (i < p.size() && p[i].digits && (p[i].before == '+' || p[i].before == '-')) {
    int sign = p[i].before == '+' ? 1 : -1;
    int hh = 0, mm = 0;
    if (p[i].text.size() == 4) {
      hh = static_cast<int>(Digits(p[i].text.substr(0, 2)));
      mm = static_cast<int>(Digits(p[i].text.substr(2)));
    } else if (p[i].text.size() <= 2) {
      hh = static_cast<int>(Digits(p[i].text));
      if (i + 1 < p.size() && p[i + 1].digits) mm = static_cast<int>(Digits(p[i + 1].text));
    }
    if (hh < 24 && mm < 60 && Valid(*d)) ApplyOffset(d, sign, hh, mm);
  }
}

}  // namespace

std::string Date::ToIso() const {
  char buf[40];
  if (hour >= 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute,
                  second);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::string Date::ToKey() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> ParseDate(std::string_view text) {
  std::vector<Piece> p = Split(text);
  // Drop a leading weekday name ("Wed, 14 Nov 2018").
  if (!p.empty() && !p[0].digits && MonthFromName(p[0].text) == 0) p.erase(p.begin());
  if (p.empty()) return std::nullopt;
  Date d;
  std::size_t next = 0;
  auto num = [&](std::size_t i) { return static_cast<int>(Digits(p[i].text)); };
  if (p.size() == 1 && p[0].digits && p[0].text.size() >= 9 && p[0].text.size() <= 11) {
    // A Unix timestamp.
    time_t t = 0;
    for (char c : p[0].text) t = t * 10 + (c - '0');  // 9 to 11 digits: no overflow
    std::tm tm{};
    gmtime_r(&t, &tm);
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    d.hour = tm.tm_hour;
    d.minute = tm.tm_min;
    d.second = tm.tm_sec;
    return Valid(d) ? std::optional<Date>(d) : std::nullopt;
  }
  if (p[0].digits && p[0].text.size() == 8 && p.size() == 1) {  // 20181114
    d.year = static_cast<int>(Digits(p[0].text.substr(0, 4)));
    d.month = static_cast<int>(Digits(p[0].text.substr(4, 2)));
    d.day = static_cast<int>(Digits(p[0].text.substr(6, 2)));
    next = 1;
  } else if (p.size() >= 3 && p[0].digits && p[0].text.size() == 4 && p[1].digits &&
             p[2].digits) {  // 2018-11-14, 2018/11/14, 2018-11-14T09:30
    d.year = num(0);
    d.month = num(1);
    d.day = num(2);
    next = 3;
    if (next < p.size() && !p[next].digits && (p[next].text == "T" || p[next].text == "t")) ++next;
  } else if (p.size() >= 3 && p[0].digits && !p[1].digits && p[2].digits &&
             MonthFromName(p[1].text)) {  // 14 November 2018, 14 Nov 2018 09:30 +0000
    d.day = num(0);
    d.month = MonthFromName(p[1].text);
    d.year = num(2);
    next = 3;
  } else if (p.size() >= 3 && !p[0].digits && p[1].digits && p[2].digits &&
             MonthFromName(p[0].text)) {  // Nov 14, 2018 / November 14 2018
    d.month = MonthFromName(p[0].text);
    d.day = num(1);
    d.year = num(2);
    next = 3;
  } else if (p.size() >= 3 && p[0].digits && p[1].digits && p[2].digits && p[2].text.size() == 4 &&
             p[1].before == '.') {  // 14.11.2018
    d.day = num(0);
    d.month = num(1);
    d.year = num(2);
    next = 3;
  } else {
    return std::nullopt;
  }
  if (!Valid(d)) return std::nullopt;
  if (next < p.size()) ReadTime(p, next, &d);
  if (!Valid(d)) {
    d.hour = -1;
    d.minute = d.second = 0;
  }
  return d;
}

std::optional<DateRange> ParseDateRange(std::string_view text) {
  auto end_key = [](std::string_view s, bool upper) -> std::optional<std::string> {
    if (s.empty()) return std::string();
    // Partial dates: YYYY or YYYY-MM cover their whole span.
    auto all_digits = [](std::string_view v) {
      if (v.empty()) return false;
      for (char c : v) {
        if (c < '0' || c > '9') return false;
      }
      return true;
    };
    if (s.size() == 4 && all_digits(s)) return std::string(s) + (upper ? "1231" : "0101");
    if (s.size() == 7 && all_digits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/') &&
        all_digits(s.substr(5))) {
      int y = static_cast<int>(Digits(s.substr(0, 4)));
      int m = static_cast<int>(Digits(s.substr(5)));
      if (m < 1 || m > 12) return std::nullopt;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, upper ? DaysInMonth(y, m) : 1);
      return std::string(buf);
    }
    auto d = ParseDate(s);
    if (!d) return std::nullopt;
    return d->ToKey();
  };
  std::size_t dots = text.find("..");
  DateRange range;
  if (dots == std::string_view::npos) {
    auto from = end_key(text, false), to = end_key(text, true);
    if (!from || !to || from->empty()) return std::nullopt;
    range.from = *from;
    range.to = *to;
  } else {
    auto from = end_key(text.substr(0, dots), false);
    auto to = end_key(text.substr(dots + 2), true);
    if (!from || !to || (from->empty() && to->empty())) return std::nullopt;
    range.from = *from;
    range.to = *to;
  }
  if (!range.from.empty() && !range.to.empty() && range.from > range.to) return std::nullopt;
  return range;
}

}  // namespace byline
