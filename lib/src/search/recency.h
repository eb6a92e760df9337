/** @file recency.h
 *  @brief Internal: the date bonus of SearchRequest::recent_days.
 */
#ifndef BYLINE_SEARCH_RECENCY_H
#define BYLINE_SEARCH_RECENCY_H

#include <xapian.h>

#include <optional>
#include <string>

namespace byline {

/// Days since 1970-01-01 of a date key as schema::kSlotDate holds it
/// ("YYYYMMDD", longer keys read by their first 8 digits); nullopt if it is
/// not one.
std::optional<long> DaysOfDateKey(const std::string& key);

/// A weight for every dated article: `max_bonus` for one dated `newest`
/// (days, DaysOfDateKey), halving every `half_life` days before it
/// (max_bonus * 2^-(age / half_life)); articles after `newest` get
/// max_bonus, undated ones nothing. Combined with OP_AND_MAYBE it adds to
/// the weight of the articles a query matches, without matching any.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno slot, long newest, double half_life, double max_bonus);
  double get_weight() const override;
  void init(const Xapian::Database& db) override;
  RecencySource* clone() const override;  // one per shard of a stub
  std::string name() const override { return "byline::RecencySource"; }

 private:
  long newest_;
  double half_life_, max_bonus_;
};

/// `query` with the date bonus of `half_life` days added, its largest
/// bonus `share` of `top_weight` (the query's best match), counting ages
/// back from the newest date in `db`; `query` itself when `db` has no
/// dated article or half_life <= 0.
Xapian::Query WithRecency(const Xapian::Database& db, const Xapian::Query& query, double half_life,
                          double top_weight, double share);

}  // namespace byline

#endif  // BYLINE_SEARCH_RECENCY_H
