// Exit statuses of the bouncescan command (documented in packaging/bouncescan.1).
#pragma once

#include "base/status.h"

namespace bouncescan::cli {

enum ExitCode : int {
  kExitOk = 0,         // success
  kExitPartial = 1,    // done, but some input could not be read or decoded
  kExitUsage = 2,      // usage or configuration error
  kExitAuth = 3,       // a server refused the credentials, or no secret was found
  kExitNetwork = 4,    // a server could not be reached, or the connection dropped
  kExitTls = 5,        // TLS negotiation or certificate verification failed
  kExitBusy = 6,       // another bouncescan run holds the database
  kExitData = 7,       // the database is unusable (corrupt, or from a newer version)
  kExitInternal = 70,  // a bug (EX_SOFTWARE), or libcurl missing (dynlib/curl_runtime.h)
};

// The exit status that a failure with this Status means.
int ExitCodeFor(const Status& status);

}  // namespace bouncescan::cli
