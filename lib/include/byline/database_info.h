/** @file database_info.h
 *  @brief What a database holds (`byline info`): articles, dates,
 *  languages, sources, size on disk, format, last update, and the settings
 *  stored with it.
 */
#ifndef BYLINE_DATABASE_INFO_H
#define BYLINE_DATABASE_INFO_H

#include <cstdint>
#include <string>
#include <vector>

#include "byline/searcher.h"
#include "byline/status.h"

namespace byline {

/// One database folder of what DatabaseInfo describes (a shard of a stub,
/// or the folder itself).
struct DatabasePart {
  std::string path;         ///< the folder, or "host:port" of a remote shard
  bool remote = false;      ///< a remote shard: no size, no metadata read
  std::uint64_t bytes = 0;  ///< the folder's files
};

/// What ReadDatabaseInfo found.
struct DatabaseInfo {
  std::vector<std::string> paths;  ///< as given (--db)
  std::uint64_t articles = 0;
  /// Dates of the oldest and newest dated articles, "YYYY-MM-DD"; "" if no
  /// article has a date.
  std::string first_date, last_date;
  std::uint64_t undated = 0;          ///< articles without a (valid) date
  std::vector<FacetValue> languages;  ///< codes, most articles first
  std::vector<FacetValue> sources;    ///< most articles first
  std::uint64_t without_source = 0;   ///< articles without a source
  bool sources_available = true;      ///< false: built before kSlotSource
  std::uint64_t files = 0;            ///< files the index records (incremental runs)
  std::uint64_t bytes = 0;            ///< every local part's files
  std::vector<DatabasePart> parts;    ///< the folders (several for a stub)
  unsigned format = 0;                ///< schema::kMetaFormat (1 when absent)
  /// When the database last changed, seconds since 1970 (UTC): the newest
  /// modification time of its files. 0 if unknown (only remote parts).
  std::int64_t updated = 0;
  /// Title weight it was built with (schema::kMetaTitleWeight); 0 if the
  /// database predates the key.
  unsigned title_weight = 0;
  std::size_t synonym_groups = 0;  ///< lines of the stored synonyms (0: none)
};

/// Reads what the database(s) at `paths` (folders or stubs, searched as
/// one) hold. Fails as Searcher::Open does for a database that cannot be
/// opened. With `count` it counts every article once (the value slots of
/// date, source and language), so takes about as long as `search --facets`
/// on `*`; without, dates, languages and sources are left empty.
Result<DatabaseInfo> ReadDatabaseInfo(const std::vector<std::string>& paths, bool count = true);

}  // namespace byline

#endif  // BYLINE_DATABASE_INFO_H
