#include "base/status.h"

namespace bouncescan {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kMalformed: return "malformed";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kAuthFailed: return "authentication failed";
    case StatusCode::kNetworkError: return "network error";
    case StatusCode::kTlsError: return "tls error";
    case StatusCode::kBusy: return "busy";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kNoSecret: return "no secret";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  if (!message_.empty()) {
    out += ": ";
    out += message_;
  }
  return out;
}

}  // namespace bouncescan
