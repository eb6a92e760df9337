/** @file xapian_error.h
 *  @brief Internal: the one place Xapian exceptions become Status values.
 */
#ifndef BYLINE_UTIL_XAPIAN_ERROR_H
#define BYLINE_UTIL_XAPIAN_ERROR_H

#include <xapian.h>

#include <string>

#include "byline/status.h"

namespace byline {

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

}  // namespace byline

#endif  // BYLINE_UTIL_XAPIAN_ERROR_H
