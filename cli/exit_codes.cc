#include "cli/exit_codes.h"

namespace bouncescan::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kMalformed: return kExitPartial;
    case StatusCode::kNotFound: return kExitPartial;
    case StatusCode::kIoError: return kExitPartial;
    case StatusCode::kAuthFailed: return kExitAuth;
    case StatusCode::kNoSecret: return kExitAuth;
    case StatusCode::kNetworkError: return kExitNetwork;
    case StatusCode::kTlsError: return kExitTls;
    case StatusCode::kBusy: return kExitBusy;
    case StatusCode::kUnsupported: return kExitData;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace bouncescan::cli
