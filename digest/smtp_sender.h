// SendMail: hands one finished message to an SMTP server through libcurl.
//
// Used by the digest job (digest/digest_job.h). TLS is required: smtps:// (implicit TLS)
// or smtp:// with STARTTLS; plaintext only when allow_insecure is set. Certificates are
// verified (ca_file adds a private CA). AUTH uses the username with a password, or an
// OAuth2 bearer token (XOAUTH2). The secret is never put in a URL, an error message or the
// verbose log (AUTH lines are redacted). Blocking; one call per message; thread-compatible.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bouncescan::digest {

struct SmtpOptions {
  std::string url;                      // smtps://host[:port] or smtp://host[:port]
  std::string username;                 // empty: no AUTH
  std::string secret;                   // password, or the bearer token when xoauth2
  bool xoauth2 = false;
  std::string ca_file;                  // PEM file of a private CA; empty: the system's
  bool allow_insecure = false;          // smtp:// without STARTTLS is allowed
  std::string from;                     // envelope sender (MAIL FROM)
  std::vector<std::string> recipients;  // envelope recipients (RCPT TO)
  long connect_timeout_seconds = 30;
  long timeout_seconds = 120;           // whole transaction
  std::ostream* log = nullptr;          // non-owning; the SMTP dialogue, secrets redacted
};

// kAuthFailed: the server refused the login or requires one; kTlsError: TLS could not be
// set up or the certificate is not trusted; kNetworkError: unreachable, dropped, or a
// temporary (4xx) refusal; kInvalidArgument: a permanent refusal of the sender or a
// recipient, or a bad URL; kInternal: libcurl cannot be loaded (dynlib::LoadCurl).
Status SendMail(const SmtpOptions& options, std::string_view message);

}  // namespace bouncescan::digest
