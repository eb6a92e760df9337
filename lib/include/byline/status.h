/** @file status.h
 *  @brief Status and Result: how the core library reports expected failures.
 *
 *  A bad article, a bad query or a missing file is not exceptional: every
 *  public function that can fail that way returns a Status (or a Result<T>),
 *  with a message that names the file, line or query position. Xapian and
 *  ICU errors are caught inside the library and mapped to a Status.
 */
#ifndef BYLINE_STATUS_H
#define BYLINE_STATUS_H

#include <optional>
#include <string>
#include <utility>

namespace byline {

/// What went wrong, coarse enough for a caller to choose an exit code.
enum class StatusCode {
  kOk = 0,
  kNotFound,         ///< a file, folder or database that does not exist
  kInvalidArgument,  ///< bad user input: a query, an option value
  kCorruption,       ///< bad article data: unparseable JSON, broken gzip
  kIOError,          ///< reading or writing failed
  kLocked,           ///< the database is held by another writer
  kCancelled,        ///< stopped on request (Ctrl-C); the message says what was kept
  kNotOurDatabase,   ///< the database path holds something else: files, another program's
                     ///< database, a newer Byline's format
  kDamaged,          ///< the database is damaged (truncated or overwritten tables)
  kInternal,         ///< a bug or an unexpected library error
};

/// The outcome of an operation: OK, or a code with a message.
class Status {
 public:
  /// An OK status.
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status Locked(std::string msg) { return {StatusCode::kLocked, std::move(msg)}; }
  static Status Cancelled(std::string msg) { return {StatusCode::kCancelled, std::move(msg)}; }
  static Status NotOurDatabase(std::string msg) {
    return {StatusCode::kNotOurDatabase, std::move(msg)};
  }
  static Status Damaged(std::string msg) { return {StatusCode::kDamaged, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  /// True when the operation succeeded.
  [[nodiscard]] bool ok() const { return code_ == StatusCode::kOk; }
  [[nodiscard]] StatusCode code() const { return code_; }
  /// The message alone ("" when OK).
  [[nodiscard]] const std::string& message() const { return message_; }
  /// A one-line description for people: "OK" or the message.
  [[nodiscard]] std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

/// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return status_.ok(); }
  [[nodiscard]] const Status& status() const { return status_; }
  /// The value; only valid when ok().
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace byline

#endif  // BYLINE_STATUS_H
