/** @file recency.cc
 *  @brief A date bonus that halves every N days before the newest article.
 */
#include "search/recency.h"

#include <cmath>

#include "byline/schema.h"

namespace byline {

std::optional<long> DaysOfDateKey(const std::string& key) {
  if (key.size() < 8) return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int widths[3] = {4, 2, 2};
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < widths[i]; ++k, ++pos) {
      const char c = key[pos];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  long y = parts[0];
  const unsigned m = static_cast<unsigned>(parts[1]), d = static_cast<unsigned>(parts[2]);
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

RecencySource::RecencySource(Xapian::valueno slot, long newest, double half_life, double max_bonus)
    : Xapian::ValuePostingSource(slot),
      newest_(newest),
      half_life_(half_life),
      max_bonus_(max_bonus) {}

void RecencySource::init(const Xapian::Database& db) {
  Xapian::ValuePostingSource::init(db);
  set_maxweight(max_bonus_);
}

double RecencySource::get_weight() const {
  const auto days = DaysOfDateKey(get_value());
  if (!days) return 0;
  const double age = static_cast<double>(std::max(0L, newest_ - *days));
  return max_bonus_ * std::exp2(-age / half_life_);
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(get_slot(), newest_, half_life_, max_bonus_);
}

Xapian::Query WithRecency(const Xapian::Database& db, const Xapian::Query& query, double half_life,
                          double top_weight, double share) {
  if (half_life <= 0 || top_weight <= 0 || share <= 0) return query;
  // The newest date in the database, not today: an archive's last article
  // may be years old, and ages from today would give every article the same
  // vanishing bonus.
  const auto newest = DaysOfDateKey(db.get_value_upper_bound(schema::kSlotDate));
  if (!newest) return query;
  auto* source = new RecencySource(schema::kSlotDate, *newest, half_life, share * top_weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

}  // namespace byline
