// Collect: what the next digest says, read from the database.
//
// Turns recorded events, suppressions, watches and undecodable messages into a
// DigestInput (digest/digest_input.h), together with the digest mark that a successful
// send of it moves to. Reads only; never changes the database (the caller stores the
// mark after the digest went out). Suggested fixes come from rules::FixText.
#pragma once

#include <cstdint>

#include "base/status.h"
#include "digest/digest_input.h"
#include "rules/judge.h"
#include "storage/database.h"

namespace bouncescan::digest {

struct CollectOptions {
  rules::Language language = rules::Language::kEnglish;
  // 0: everything after the last sent digest. Otherwise everything recorded at or after
  // this time (seconds since the epoch), whatever earlier digests covered.
  std::int64_t since = 0;
  int soft_threshold = 3;     // [policy] soft_bounces, for the "Watching" section
  int soft_window_days = 30;  // [policy] soft_window_days
  std::int64_t now = 0;       // stored in the new mark's sent_at
};

struct Collected {
  DigestInput input;
  storage::Database::DigestMark previous;  // the mark as it was
  storage::Database::DigestMark next;      // the mark once this digest is sent
};

// REQUIRES: db is open. Errors are the database's.
Result<Collected> Collect(storage::Database& db, const CollectOptions& options);

// The sender-side cause a failure with this reason belongs to; `diagnostic` decides
// between the clock and other RFC 5322 problems.
SenderCause CauseFor(std::string_view reason, std::string_view diagnostic);

}  // namespace bouncescan::digest
