/** @file xapian_error.h
 *  @brief Internal: the one place Xapian exceptions become Status values.
 */
#ifndef BYLINE_UTIL_XAPIAN_ERROR_H
#define BYLINE_UTIL_XAPIAN_ERROR_H

#include <xapian.h>

#include <string>

#include "byline/status.h"

namespace byline {

/// Maps the Xapian::Error being handled to a Status; `context` says what was
/// being done ("opening database /x"). Call only from a catch block.
inline Status StatusFromXapian(const Xapian::Error& e, const std::string& context) {
  const std::string type = e.get_type();
  std::string msg = context + ": " + type + ": " + e.get_msg();
  if (type == "DatabaseLockError") {
    return Status::Locked(context + ": another `byline index` is writing to this database");
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError" ||
      type == "DatabaseVersionError") {
    return Status::NotFound(msg);
  }
  if (type == "DatabaseCorruptError") return Status::Corruption(msg);
  if (type == "QueryParserError" || type == "InvalidArgumentError") {
    return Status::InvalidArgument(msg);
  }
  if (type.compare(0, 8, "Database") == 0) return Status::IOError(msg);
  return Status::Internal(msg);
}

}  // namespace byline

#endif  // BYLINE_UTIL_XAPIAN_ERROR_H
