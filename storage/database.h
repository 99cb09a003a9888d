// Database: bouncescan's SQLite store — bounce events, the suppression list, scan state
// and digest bookkeeping. Schema and migrations: storage/SCHEMA.md.
//
// Every Record() is one transaction, idempotent on the message's identity, so a crash or
// kill at any point followed by a re-run ends in the same rows as an uninterrupted run.
// One Database per thread; several processes may open the same file (WAL; a second
// writer waits briefly, then gets kBusy). A run that scans (scan, run) opens with
// `run_lock`, so that a second run waits busy_timeout_ms and then gets kBusy instead of
// interleaving with the first.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "mime/bounce_report.h"
#include "rules/verdict.h"

namespace bouncescan::storage {

// Seconds since the Unix epoch. Injected so that tests control time.
using Clock = std::function<std::int64_t()>;
std::int64_t SystemNow();

struct OpenOptions {
  int busy_timeout_ms = 3000;      // how long a second writer waits before kBusy
  int soft_bounces = 3;            // [policy] soft recipient-side failures that suppress ...
  int soft_window_days = 30;       // ... within this many days
  Clock now = SystemNow;
  bool read_only = false;          // for --dry-run and listing commands
  // Hold the run lock (an flock on "<db>.lock") for the Database's lifetime. A second
  // opener with run_lock waits busy_timeout_ms, then Open returns kBusy. A killed holder
  // releases it (the kernel drops the lock with the process).
  bool run_lock = false;
};

// The schema version this build writes (storage/SCHEMA.md).
inline constexpr int kSchemaVersion = 2;

// One classified message, ready to be recorded.
struct ScanRecord {
  // Unique identity of the message at its source: "imap:ACCOUNT/FOLDER/UIDVALIDITY/UID",
  // or for files "msgid:<Message-ID>", else "sha256:<hex of the bytes>".
  std::string identity;
  // Message-ID (or content hash) identity; a message whose fallback identity is already
  // recorded is not recorded again (an IMAP UIDVALIDITY change re-presents old mail).
  std::string fallback_identity;
  std::string source;              // for people: path, path#N, or account/folder/UID
  mime::BounceReport report;
  std::vector<rules::Verdict> verdicts;  // verdicts[i] belongs to report.recipients[i]
  // The message looked like a bounce but could not be decoded/classified; kept so the
  // digest can say so. `problem` says why.
  bool undecodable = false;
  std::string problem;
};

struct RecordOutcome {
  bool recorded = false;           // false: it was recorded before, nothing changed
  int events = 0;                  // event rows added
  std::vector<std::string> newly_suppressed;  // addresses put on the list by this message
};

struct Event {
  std::int64_t id = 0;
  std::int64_t recorded_at = 0;
  std::string source;
  std::string recipient;
  std::string reason;              // rules::ReasonName
  bool hard = false;
  std::string fixer;               // rules::FixerName
  std::string fix;
  std::string rule;
  std::string status;
  std::string reply_code;
  std::string diagnostic;
  std::string remote_mta;
  std::string action;
  std::string bounce_date;
  std::string bounce_message_id;
  std::string original_message_id;
  std::string original_subject;
  bool suppress = false;
  std::int64_t occurred_at = 0;    // the failure's time: Last-Attempt-Date, else the bounce's Date, else recorded_at
  std::string effect;              // what it did to the list: "none", "hard", "complaint", "soft" (storage/policy.h)
};

struct Suppression {
  std::string address;             // normalised: trimmed, domain lowercased (punycode)
  std::string reason;
  std::string origin;              // "hard", "complaint", "soft-threshold", "manual", "import"
  std::int64_t first_seen = 0;
  std::int64_t last_seen = 0;
  int count = 0;                   // events that counted towards it
  std::string note;
  std::optional<std::int64_t> evidence_event;  // the event that decided it
  std::int64_t listed_at = 0;      // when it (last) went on the list, by the clock
  std::optional<std::int64_t> removed_at;  // set when removed by hand: then it is off the list
};


// Soft recipient-side failures counting towards the threshold.
struct Watch {
  std::string address;
  std::string reason;
  int count = 0;                   // counted days within the window
  std::int64_t last_seen = 0;
};

// Everything the database knows about one address (`suppressed why`).
struct AddressHistory {
  std::string address;             // normalised
  std::optional<Suppression> entry;  // on the list, or removed (entry->removed_at set)
  std::optional<Watch> watch;      // soft failures counting now (when not on the list)
  std::vector<Event> events;       // every event for the address, oldest first
};

struct Undecodable {  // a message that looked like a bounce but could not be read
  std::int64_t id = 0;
  std::string source;
  std::string subject;
  std::string problem;
  std::int64_t recorded_at = 0;
};

struct FolderState {
  std::int64_t uidvalidity = 0;
  std::int64_t last_uid = 0;       // highest UID processed
};

class Database {
 public:
  // Creates the file (mode 0600, parent directories 0700) if missing, migrates an older
  // schema, refuses a newer one (kUnsupported).
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const OpenOptions& options = {});
  virtual ~Database() = default;

  virtual Result<RecordOutcome> Record(const ScanRecord& record) = 0;
  // True if a message with this identity (or fallback identity) is recorded.
  virtual Result<bool> IsRecorded(const std::string& identity) = 0;

  virtual Result<std::optional<FolderState>> GetFolderState(const std::string& account, const std::string& folder) = 0;
  virtual Status SetFolderState(const std::string& account, const std::string& folder, const FolderState& state) = 0;

  // Events with id > after_id, oldest first; since: recorded_at >= since (0: all).
  virtual Result<std::vector<Event>> ListEvents(std::int64_t after_id = 0, std::int64_t since = 0) = 0;
  virtual Result<std::vector<Suppression>> ListSuppressed() = 0;
  // The entry for `address` (any spelling; it is normalised) if it is on the list now.
  virtual Result<std::optional<Suppression>> FindSuppressed(const std::string& address) = 0;
  // Entry (also a removed one), watch and events of one address.
  virtual Result<AddressHistory> Explain(const std::string& address) = 0;
  virtual Result<std::vector<Watch>> ListWatching() = 0;
  virtual Result<std::vector<Undecodable>> ListUndecodable(std::int64_t after_id = 0) = 0;
  // Puts the address on the list (origin "manual" or "import"); kInvalidArgument if it is not
  // an address. An address already on the list keeps its entry (a non-empty note replaces).
  virtual Status AddSuppressed(const std::string& address, const std::string& note, const std::string& origin) = 0;
  // Removed addresses stay off the list until a new hard bounce or complaint.
  // False if the address was not on the list.
  virtual Result<bool> RemoveSuppressed(const std::string& address) = 0;

  // Counts for summaries and tests.
  struct Totals {
    std::int64_t messages = 0;
    std::int64_t events = 0;
    std::int64_t suppressed = 0;   // on the list now
    std::int64_t undecodable = 0;
  };
  virtual Result<Totals> GetTotals() = 0;

  // Digest bookkeeping: the highest event / undecodable ids a sent digest covered.
  struct DigestMark {
    std::int64_t last_event_id = 0;
    std::int64_t last_undecodable_id = 0;
    std::int64_t sent_at = 0;
  };
  virtual Result<DigestMark> GetDigestMark() = 0;
  virtual Status SetDigestMark(const DigestMark& mark) = 0;
};

}  // namespace bouncescan::storage
