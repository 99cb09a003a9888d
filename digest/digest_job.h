// The digest as a job: collect what is new, compose the message, print or send it, and
// move the digest mark only after the server accepted it.
//
// Used by `bouncescan digest` and `bouncescan run`. A digest with nothing new is neither
// printed nor sent. A failed send leaves the mark where it was, so the same items go out
// with the next digest; a sent digest moves it, so they never go out twice.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "base/status.h"
#include "digest/collect.h"
#include "digest/compose.h"
#include "digest/smtp_sender.h"
#include "storage/database.h"

namespace bouncescan::digest {

struct DigestJob {
  CollectOptions collect;  // language, since, policy, now
  ComposeOptions compose;  // from, to, language, now
  SmtpOptions smtp;        // url, login, TLS; from/recipients/secret are filled in
  // Called only when there is something to send, so that a password command does not run
  // for nothing. Returns the SMTP password or token (ignored when smtp.username is empty).
  std::function<Result<std::string>()> secret;
};

enum class DigestOutcome {
  kNothingNew,  // nothing printed or sent, the mark unchanged
  kPrinted,     // written to the stream, the mark unchanged
  kSent,        // accepted by the SMTP server, the mark moved
};

// Writes the whole message (headers and MIME parts) to `out`.
Result<DigestOutcome> PrintDigest(storage::Database& db, const DigestJob& job, std::ostream& out);
Result<DigestOutcome> SendDigest(storage::Database& db, const DigestJob& job);

// Whether `every` ("daily", "weekly", "always") calls for a digest now, given when the
// last one was sent (0: never). A timer that fires a little early still counts (an hour
// of slack), so a daily timer never skips a day.
bool DigestDue(std::string_view every, std::int64_t last_sent, std::int64_t now);

}  // namespace bouncescan::digest
