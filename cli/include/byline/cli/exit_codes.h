/** @file exit_codes.h
 *  @brief The exit statuses of `byline`, documented in README.md.
 */
#ifndef BYLINE_CLI_EXIT_CODES_H
#define BYLINE_CLI_EXIT_CODES_H

#include "byline/status.h"

namespace byline::exit_code {

inline constexpr int kOk = 0;           ///< everything went in / the search ran
inline constexpr int kFatal = 1;        ///< nothing could be done: no database, write failed
inline constexpr int kUsage = 2;        ///< bad command line or bad query
inline constexpr int kSomeSkipped = 3;  ///< index: done, but some files or lines had errors
inline constexpr int kLocked = 4;       ///< index: another writer holds the database
/// index: stopped by Ctrl-C (SIGINT) or SIGTERM, after committing what an
/// update in place had done or discarding a bulk build: 128 + the signal,
/// as the shell reports a process the signal killed.
inline constexpr int kInterrupted = 130;  ///< SIGINT (Ctrl-C)
inline constexpr int kTerminated = 143;   ///< SIGTERM

/// The exit code for a run stopped by signal `sig` (128 + sig).
inline constexpr int ForSignal(int sig) { return 128 + sig; }
/// --db is not a Byline database (a file, a folder of other files, another
/// program's database) or a newer Byline's format; nothing was changed.
inline constexpr int kNotOurDatabase = 5;
/// The database is damaged; `byline index --rebuild` makes it anew.
inline constexpr int kDamaged = 6;

/// The exit code for a failed library call.
inline int ForStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return kOk;
    case StatusCode::kInvalidArgument:
      return kUsage;
    case StatusCode::kLocked:
      return kLocked;
    case StatusCode::kCancelled:
      return kInterrupted;
    case StatusCode::kNotOurDatabase:
      return kNotOurDatabase;
    case StatusCode::kDamaged:
      return kDamaged;
    default:
      return kFatal;
  }
}

}  // namespace byline::exit_code

#endif  // BYLINE_CLI_EXIT_CODES_H
