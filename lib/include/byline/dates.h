/** @file dates.h
 *  @brief Parsing the date formats found in news articles into ISO 8601.
 */
#ifndef BYLINE_DATES_H
#define BYLINE_DATES_H

#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// A calendar date, with the time of day when the source gave one.
struct Date {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = 0;  ///< hour < 0: no time given

  /// "2018-11-14", or "2018-11-14T09:30:00Z" when a time is known (UTC).
  std::string ToIso() const;
  /// "20181114": the sortable form kept in schema::kSlotDate.
  std::string ToKey() const;
};

/// Parses ISO 8601 ("2018-11-14", "2018-11-14T09:30:00+01:00"), RFC 2822
/// ("Wed, 14 Nov 2018 09:30:00 +0000"), "14 November 2018", "Nov 14, 2018",
/// "November 14 2018", "2018/11/14", "14.11.2018" and a bare Unix timestamp.
/// Times with an offset are converted to UTC. Returns nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

/// A closed range of date keys ("20181101".."20181130"), either end may be open ("").
struct DateRange {
  std::string from, to;
};

/// Parses a query-side date or range: "2018", "2018-11", "2018-11-14",
/// "2018-11-01..2018-11-30", "2018..", "..2018-06". A partial date covers its
/// whole year or month. Returns nullopt if either end does not parse.
std::optional<DateRange> ParseDateRange(std::string_view text);

}  // namespace byline

#endif  // BYLINE_DATES_H
