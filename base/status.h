// Status and Result<T>: how every bouncescan module reports failure.
//
// Errors are values at module boundaries. Foreign errors (CURLcode, IMAP NO/BAD,
// sqlite codes, mimetic exceptions) are translated into a Status once, at the edge
// that meets them; only cli/main turns a Status into a message and an exit code.
// A Status is cheap to copy when OK. Thread-compatible.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace bouncescan {

// What went wrong, coarse enough to pick an exit code (see cli/exit_codes.h).
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller's input is unusable (bad flag, bad config value)
  kMalformed,         // input data is broken (a message, a CSV row, a rule file line)
  kNotFound,          // a file, account, folder or item that does not exist
  kIoError,           // reading or writing a local file failed
  kAuthFailed,        // the server refused our credentials
  kNetworkError,      // could not connect, connection dropped, timeout
  kTlsError,          // certificate or TLS negotiation failed
  kBusy,              // another bouncescan holds the database or lock
  kUnsupported,       // e.g. a database written by a newer version
  kNoSecret,          // no password/token could be found in any configured source
  kInternal,          // a bug: something that must not happen did
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(StatusCode code, std::string message) {
    assert(code != StatusCode::kOk);
    return Status(code, std::move(message));
  }
  static Status InvalidArgument(std::string m) { return Error(StatusCode::kInvalidArgument, std::move(m)); }
  static Status Malformed(std::string m) { return Error(StatusCode::kMalformed, std::move(m)); }
  static Status NotFound(std::string m) { return Error(StatusCode::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Error(StatusCode::kIoError, std::move(m)); }
  static Status Internal(std::string m) { return Error(StatusCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "malformed: line 3: ..." — for logs and error lines.
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  // REQUIRES: !ok()
  const Status& status() const { return std::get<Status>(v_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace bouncescan
