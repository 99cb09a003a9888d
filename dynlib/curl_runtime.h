// The libcurl that scanner/ (IMAP) and digest/ (SMTP) use, loaded at run time.
//
// The program is not linked against libcurl: libcurl and the ~35 libraries it pulls in
// (TLS, Kerberos, LDAP, SSH, ...) would cost every command, `classify` included, about 15 ms
// of relocation at start-up. curl_runtime.cc instead defines the curl_* functions the code
// calls, as forwarders to the libcurl.so.4 that LoadCurl() opens, so callers include
// <curl/curl.h> and call curl_easy_setopt() and friends as usual.
//
// REQUIRES: LoadCurl() returned OK before any other curl_* function is called. A curl_*
// function called anyway fails the way libcurl reports a failure (null handle, an error
// code), never crashes. Thread-safe.
#pragma once

#include <string>

#include "base/status.h"

namespace bouncescan::dynlib {

// The file that is loaded, and the Debian package that ships it (named in the error).
inline constexpr char kCurlSoname[] = "libcurl.so.4";
inline constexpr char kCurlPackage[] = "libcurl4";

// Opens libcurl, resolves every function the program calls and runs curl_global_init, the
// first time; later calls return the first call's answer. An error names the library and
// the package to install.
Status LoadCurl();

// What LoadCurl() would answer if libcurl were the file `soname`: opens it and resolves
// every function, then closes it again. Changes nothing for LoadCurl(). For tests.
Status CheckCurlLibrary(const std::string& soname);

}  // namespace bouncescan::dynlib
