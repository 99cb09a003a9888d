// ScanImapAccount: the incremental scan of one IMAP account's folders for bounces.
//
// For each folder: EXAMINE (read-only) → read UIDVALIDITY/UIDNEXT → search on the server
// for bounce candidates above the last UID seen (ESEARCH where advertised, otherwise UID
// windows small enough that a plain SEARCH answer is never truncated) → fetch each
// candidate (capped at max_message_bytes) over `connections` parallel connections, small
// ones several to a command (batch_count; one round trip a batch, not a message) →
// hand it to the caller's sink (decode, judge, record) → apply the post-action to the
// bounces (keep: nothing; flag: add a keyword; move: to a folder, created if missing) →
// remember UIDVALIDITY and the highest UID below which everything was handled.
//
// Guarantees: message flags never change unless the post-action asks (a reconnect, which
// brings back libcurl's read-write SELECT, is detected and any \Seen it caused is undone);
// nothing is ever expunged except single UIDs that were first copied (UID EXPUNGE, never
// EXPUNGE); a failure part-way keeps the folder state at the last fully handled UID, so the
// next run continues there and records nothing twice (the sink's storage is idempotent).
//
// Used by cli/cmd_scan.cc (through scanner/account_scan.h) and the integration tests.
// Single-threaded: the sink and the state store are called from the calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "scanner/imap_session.h"

namespace bouncescan::scanner {

enum class AfterAction { kKeep, kFlag, kMove };

struct ImapAccountOptions {
  std::vector<std::string> folders{"INBOX"};
  AfterAction after = AfterAction::kKeep;
  std::string flag_keyword = "$BounceProcessed";  // for kFlag
  std::string move_to;                            // for kMove (UTF-8 folder name)
  std::int64_t max_message_bytes = 10 * 1024 * 1024;
  int connections = 4;                            // parallel fetch connections, 1..16
  bool dry_run = false;                           // no post-actions, no folder state written
  // UIDs per search command. libcurl silently damages response lines longer than its
  // receive buffer (ImapConnection sets 1 MiB; a plain SEARCH answer past ~64 KiB was seen
  // truncated): 5,000 UIDs of at most 10 digits each stay far below both.
  std::uint32_t search_window = 5000;
  bool use_esearch = true;                        // tests turn it off to exercise plain SEARCH
  // Small messages fetched per command (one round trip for all of them); 1: each message
  // on its own (a URL fetch). Larger messages are always fetched on their own.
  std::size_t batch_count = 50;
};

// Parses `after` ("keep", "flag", "move:FOLDER") into the options.
Status ParseAfter(const std::string& after, ImapAccountOptions* options);

struct FolderState {
  std::uint32_t uidvalidity = 0;
  std::uint32_t last_uid = 0;   // every candidate with a UID <= this was handled
};

// Where folder states are kept (storage::Database in the program, a map in tests).
class FolderStateStore {
 public:
  virtual ~FolderStateStore() = default;
  virtual Result<std::optional<FolderState>> Get(const std::string& folder) = 0;
  virtual Status Set(const std::string& folder, const FolderState& state) = 0;
};

struct FetchedMessage {
  std::string folder;
  std::uint32_t uidvalidity = 0;
  std::uint32_t uid = 0;
  std::string raw;
  bool truncated = false;       // only the first max_message_bytes were fetched
};

// What the sink decided about one message.
struct SinkOutcome {
  bool bounce = false;          // a bounce (or a report): the post-action applies to it
};
// Called once per fetched candidate, in no particular UID order. An error stops the
// account's scan (e.g. the database is busy); the message's UID is not marked handled.
using MessageSink = std::function<Result<SinkOutcome>(const FetchedMessage&)>;

struct FolderReport {
  std::string folder;
  std::uint32_t uidvalidity = 0;
  bool uidvalidity_changed = false;   // a known folder came back with another UIDVALIDITY
  std::uint32_t searched = 0;         // UIDs searched (the UID range above the last seen)
  std::uint32_t candidates = 0;
  std::uint32_t fetched = 0;
  std::uint32_t batched = 0;          // of those, fetched several to a command
  std::uint32_t bounces = 0;
  std::vector<std::uint32_t> truncated;  // fetched only in part (larger than the cap)
  std::uint32_t reconnects = 0;
  std::uint32_t seen_restored = 0;    // \Seen set by a reconnect's SELECT and removed again
  std::uint32_t acted = 0;            // bounces flagged or moved
  std::vector<std::string> notes;     // per-message problems and post-action notes
};

struct AccountReport {
  std::string account;
  std::vector<FolderReport> folders;
  Status status;                      // the failure that ended the scan, if any
};

struct ScanProgress {
  std::string folder;
  std::uint32_t searched = 0;
  std::uint32_t candidates = 0;
  std::uint32_t fetched = 0;
  std::uint32_t bounces = 0;
};

// Searches `mailbox` (EXAMINEd on `connection`) for bounce candidates with UIDs in
// [from, to], in windows of `window` UIDs; `esearch` uses RFC 4731 ESEARCH (the caller
// checks the capability). Returns sorted UIDs. `progress(upto_uid, found)` may be null.
Result<std::vector<std::uint32_t>> SearchBounceCandidates(
    ImapConnection& connection, const std::string& mailbox, std::uint32_t from, std::uint32_t to, bool esearch,
    std::uint32_t window, const std::function<void(std::uint32_t, std::size_t)>& progress = nullptr);

// Scans every folder of one account. `endpoint` carries the secret. `progress` may be
// null. Returns the report; report.status says why the scan ended early, if it did.
AccountReport ScanImapAccount(const ImapEndpoint& endpoint, const ImapAccountOptions& options,
                              FolderStateStore& state, const MessageSink& sink,
                              const std::function<void(const ScanProgress&)>& progress = nullptr);

}  // namespace bouncescan::scanner
