/** @file coverage.h
 *  @brief Matches over time: the periods of a timeline (`byline timeline`)
 *  and the bucketing of a search's day counts (Searcher::CountCoverage) into them.
 */
#ifndef BYLINE_COVERAGE_H
#define BYLINE_COVERAGE_H

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// The length of a timeline's bars.
enum class Period { kDay, kWeek, kMonth, kYear };

/// "day", "week", "month", "year".
const char* PeriodName(Period by);
/// The inverse of PeriodName; nullopt for anything else.
std::optional<Period> ParsePeriod(std::string_view name);

/// The period for a span of dates ("YYYYMMDD" keys, first <= last) that
/// gives between about 10 and 100 bars: days up to 92 days, weeks up to 18
/// months, months up to 10 years, years beyond.
Period ChoosePeriod(const std::string& first, const std::string& last);

/// One bar of a timeline.
struct Bucket {
  std::string label;  ///< "2018-11-14", "2018-W46" (ISO week), "2018-11", "2018"
  std::string start;  ///< first day, ISO ("2018-11-12" for 2018-W46)
  std::string end;    ///< last day, ISO
  std::uint64_t count = 0;
};

/// Counts of `days` ("YYYYMMDD" -> matches) summed by `by`, one bucket for
/// every period from the one holding `from` to the one holding `to` (both
/// "YYYYMMDD"; "" takes the first or last day of `days`), periods without
/// matches included, oldest first. Keys that are not valid dates are
/// ignored (the caller counts them as undated). Empty if there is no day.
std::vector<Bucket> BucketDays(const std::map<std::string, std::uint64_t>& days, Period by,
                               const std::string& from = "", const std::string& to = "");

/// True if `key` is a valid "YYYYMMDD" calendar date.
bool IsDateKey(std::string_view key);

}  // namespace byline

#endif  // BYLINE_COVERAGE_H
