/** @file xapian_error.h
 *  @brief Internal: the one place Xapian exceptions (and errno values of our
 *  own file operations) become Status values.
 */
#ifndef BYLINE_UTIL_XAPIAN_ERROR_H
#define BYLINE_UTIL_XAPIAN_ERROR_H

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "byline/status.h"

namespace byline {

/// True for the errno values of a full disk: no space, or the quota used up.
inline bool IsDiskFullErrno(int err) { return err == ENOSPC || err == EDQUOT; }

/// The prefix of every disk-full message, which names what was being written
/// ("disk full writing /x/db.building/shard0-3: ..."), so that a user sees the
/// cause and the place, not a Xapian class name.
inline constexpr const char* kDiskFull = "disk full ";

/// Maps a failed file operation of ours (`err`: an errno value) to a Status.
inline Status StatusFromErrno(int err, const std::string& context) {
  if (IsDiskFullErrno(err)) return Status::IOError(kDiskFull + context + ": " + std::strerror(err));
  return Status::IOError(context + ": " + std::strerror(err));
}

/// The same for a std::filesystem error code.
inline Status StatusFromErrorCode(const std::error_code& ec, const std::string& context) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category()) {
    return StatusFromErrno(ec.value(), context);
  }
  return Status::IOError(context + ": " + ec.message());
}

/// What a Xapian error says, for a message: its text and the system error
/// behind it, if any ("Error reading block 7: No such file or directory").
/// Never the exception's class name, which means nothing to a user.
inline std::string XapianDetail(const Xapian::Error& e) {
  std::string detail = e.get_msg();
  const char* sys = e.get_error_string();
  if (sys && *sys && detail.find(sys) == std::string::npos) {
    detail += detail.empty() ? sys : std::string(": ") + sys;
  }
  return detail;
}

/// Maps the Xapian::Error being handled to a Status; `context` says what was
/// being done ("opening database /x"). Call only from a catch block.
inline Status StatusFromXapian(const Xapian::Error& e, const std::string& context) {
  const std::string type = e.get_type();
  std::string msg = context + ": " + XapianDetail(e);
  // Xapian 1.4 throws DatabaseError (or, when a half-written block is read
  // back, DatabaseCorruptError) for a failed write and keeps the errno text
  // apart from the message: in get_error_string(), not get_msg().
  if (type.compare(0, 8, "Database") == 0) {
    const char* err = e.get_error_string();
    const std::string reason = err ? err : "";
    for (int code : {ENOSPC, EDQUOT}) {
      const std::string text = std::strerror(code);
      if (reason == text || e.get_msg().find(text) != std::string::npos) {
        return Status::IOError(kDiskFull + msg);
      }
    }
  }
  if (type == "DatabaseLockError") {
    return Status::Locked(context + ": another `byline index` is writing to this database");
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return Status::NotFound(msg);
  }
  if (type == "DatabaseVersionError") {
    return Status::NotOurDatabase(context + ": a database format this Byline cannot read (" +
                                  XapianDetail(e) + ")");
  }
  if (type == "DatabaseCorruptError") {
    return Status::Damaged(context + ": the database is damaged (" + XapianDetail(e) +
                           "); `byline index --rebuild` makes it anew");
  }
  if (type == "QueryParserError" || type == "InvalidArgumentError") {
    return Status::InvalidArgument(msg);
  }
  if (type.compare(0, 8, "Database") == 0) return Status::IOError(msg);
  return Status::Internal(msg);
}

/// True when `s` reports a full disk (StatusFromXapian, StatusFromErrno).
inline bool IsDiskFull(const Status& s) {
  return s.code() == StatusCode::kIOError && s.message().compare(0, 10, kDiskFull) == 0;
}

}  // namespace byline

#endif  // BYLINE_UTIL_XAPIAN_ERROR_H
