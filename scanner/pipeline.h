// The scan pipeline for one message: raw bytes + where they came from -> a ScanRecord
// (decoded, judged, identified) -> recorded in the database.
//
// Used by `bouncescan scan` for local files (cli/cmd_scan.cc) and by the IMAP scanner, so
// that both record exactly the same way. BuildRecord is pure (no I/O, no clock); Record
// writes one transaction. Thread-safe for distinct Database objects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "mime/decode.h"
#include "rules/judge.h"
#include "scanner/content_digest.h"
#include "storage/database.h"

namespace bouncescan::scanner {

// The identity of a message by its content, for files (and as the fallback identity of an
// IMAP message): "msgid:<Message-ID>#<16 hex digits>" where the digits hash the body with
// line ends and trailing blanks normalised (so the same bounce saved as CRLF and LF, or in an
// mbox with ">From " quoting, is one message, while two different bounces that reuse one
// Message-ID — seen in real NDR generators — stay two); "sha256:<hex of the bytes>" when there
// is no Message-ID.
//
// Reads all of `raw`. When `done_with` is set, it is called, in order, with consecutive
// stretches of `raw` that the hash has read for the last time: offsets from raw.data() that
// are multiples of kReadStep, except the end of the last one, which is raw's end. A caller
// whose raw lies in a file mapping drops those pages there (scanner::ReleasePages), so that
// hashing a 50 MB file does not make all 50 MB of it resident at once.
std::string ContentIdentity(std::string_view raw, const mime::BounceReport& report,
                            const std::function<void(std::string_view)>& done_with = {});

// The same identity from digests of the message's bytes made as they were read
// (ContentDigester), for a message that is not held whole: equal to ContentIdentity of
// those bytes.
std::string ContentIdentity(const ContentDigests& digests, const mime::BounceReport& report);

// The size of the stretches ContentIdentity reports through `done_with` (a multiple of
// any page size).
inline constexpr std::size_t kReadStep = 1024 * 1024;

struct BuildOptions {
  mime::DecodeOptions decode;
  // Identity at the source ("imap:ACCOUNT/FOLDER/UIDVALIDITY/UID"); empty: ContentIdentity.
  std::string identity;
  // Passed to ContentIdentity: told which parts of `raw` BuildRecord has finished reading.
  // Decoding is over by then. Empty: nobody is told.
  std::function<void(std::string_view)> done_with;
  // The digests of the whole message when `raw` is only its start (an mbox message larger
  // than decoding reads: LocalMessage::digests); the identity is then made from them, and
  // `raw` is only decoded. Not owned; null: the identity is made from `raw`.
  const ContentDigests* digests = nullptr;
};

// Decodes `raw`, judges every recipient with `rules`, and fills in identities. A message
// that looks like a bounce but yields no recipient, or cannot be parsed at all, comes back
// with `undecodable` set and `problem` saying why.
storage::ScanRecord BuildRecord(std::string_view raw, const std::string& source, const rules::RuleSet& rules,
                                const BuildOptions& options = {});

// Whether a decoded message is one that looked like a bounce but could not be read: the
// parse failed, a decoder recognised a damaged report, or a bounce/complaint names no
// recipient. Sets *problem to a one-line reason when true.
bool IsUndecodable(const mime::DecodeResult& decoded, std::string* problem);

// What a scan did, for its summary line.
struct ScanTally {
  std::int64_t messages = 0;       // messages read
  std::int64_t recorded = 0;       // new messages recorded
  std::int64_t already = 0;        // recorded before (skipped)
  std::int64_t bounces = 0;        // new messages that are bounces, delays or complaints
  std::int64_t events = 0;         // event rows added
  std::int64_t undecodable = 0;    // new messages that looked like bounces but could not be read
  std::vector<std::string> newly_suppressed;
  std::vector<std::string> problems;  // unreadable inputs and undecodable messages, one line each

  // "631 messages: 600 new, 31 already recorded; 712 events; 40 addresses newly suppressed; 3 undecodable"
  std::string Summary() const;
};

// Records `record` (one transaction, idempotent on its identity) and counts it in `tally`.
Status Record(storage::Database& db, const storage::ScanRecord& record, ScanTally& tally);

}  // namespace bouncescan::scanner
