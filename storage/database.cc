#include "storage/database.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <thread>

#include "storage/address.h"
#include "storage/policy.h"
#include "storage/schema.h"
#include "storage/sqlite_handle.h"

namespace bouncescan::storage {

std::int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr std::int64_t kDay = 86400;

// The run lock: an flock on a file beside the database, held for the Database's lifetime.
class RunLock {
 public:
  RunLock() = default;
  ~RunLock() {
    if (fd_ >= 0) close(fd_);  // closing releases the flock
  }
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  Status Acquire(const std::string& db_path, int wait_ms) {
    const std::string path = db_path + ".lock";
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) return Status::IoError("cannot open lock file " + path + ": " + std::strerror(errno));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        return Status::IoError("cannot lock " + path + ": " + std::strerror(errno));
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        return Status::Error(StatusCode::kBusy,
                             db_path + " is in use by another bouncescan run (waited " +
                                 std::to_string(wait_ms / 1000.0).substr(0, 3) +
                                 " s); try again when it has finished");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Status::Ok();
  }

 private:
  int fd_ = -1;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) {}
  ~Transaction() {
    if (open_) (void)db_.Exec("ROLLBACK");
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Begin() {
    Status s = db_.Exec("BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = db_.Exec("COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  Connection& db_;
  bool open_ = false;
};

#define RETURN_IF_ERROR(expr)      \
  do {                             \
    Status status_ = (expr);       \
    if (!status_.ok()) return status_; \
  } while (false)

constexpr std::string_view kEventColumns =
    "e.id, e.recorded_at, m.source, e.recipient, e.reason, e.hard, e.fixer, e.fix, e.rule, e.status, "
    "e.reply_code, e.diagnostic, e.remote_mta, e.action, m.date, m.message_id, e.original_message_id, "
    "e.original_subject, e.suppress, e.occurred_at, e.effect";

Event ReadEvent(const Statement& st) {
  Event e;
  e.id = st.Int(0);
  e.recorded_at = st.Int(1);
  e.source = st.Text(2);
  e.recipient = st.Text(3);
  e.reason = st.Text(4);
  e.hard = st.Int(5) != 0;
  e.fixer = st.Text(6);
  e.fix = st.Text(7);
  e.rule = st.Text(8);
  e.status = st.Text(9);
  e.reply_code = st.Text(10);
  e.diagnostic = st.Text(11);
  e.remote_mta = st.Text(12);
  e.action = st.Text(13);
  e.bounce_date = st.Text(14);
  e.bounce_message_id = st.Text(15);
  e.original_message_id = st.Text(16);
  e.original_subject = st.Text(17);
  e.suppress = st.Int(18) != 0;
  e.occurred_at = st.Int(19);
  e.effect = st.Text(20);
  return e;
}

constexpr std::string_view kSuppressionColumns =
    "address, reason, origin, first_seen, last_seen, count, note, evidence_event, listed_at, removed_at";

Suppression ReadSuppression(const Statement& st) {
  Suppression s;
  s.address = st.Text(0);
  s.reason = st.Text(1);
  s.origin = st.Text(2);
  s.first_seen = st.Int(3);
  s.last_seen = st.Int(4);
  s.count = static_cast<int>(st.Int(5));
  s.note = st.Text(6);
  if (!st.IsNull(7)) s.evidence_event = st.Int(7);
  s.listed_at = st.Int(8);
  if (!st.IsNull(9)) s.removed_at = st.Int(9);
  return s;
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, OpenOptions options) : path_(std::move(path)), options_(std::move(options)) {}

  Status Init() {
    if (options_.run_lock) RETURN_IF_ERROR(lock_.Acquire(path_, options_.busy_timeout_ms));
    RETURN_IF_ERROR(db_.Open(path_, options_.read_only));
    db_.SetBusyTimeout(options_.busy_timeout_ms);
    RETURN_IF_ERROR(db_.Exec("PRAGMA foreign_keys = ON"));
    int version = 0;
    int app_id = 0;
    {
      Statement st(db_, "PRAGMA user_version");
      Status err;
      if (st.Step(&err)) version = static_cast<int>(st.Int(0));
      if (!err.ok()) return Annotate(err);
      Statement st2(db_, "PRAGMA application_id");
      if (st2.Step(&err)) app_id = static_cast<int>(st2.Int(0));
      if (!err.ok()) return Annotate(err);
    }
    if (app_id != 0 && app_id != kApplicationId) {
      return Status::Error(StatusCode::kUnsupported, path_ + ": not a bouncescan database");
    }
    if (version > kSchemaVersion) {
      return Status::Error(StatusCode::kUnsupported,
                           path_ + ": written by a newer bouncescan (schema version " + std::to_string(version) +
                               "; this build knows up to " + std::to_string(kSchemaVersion) +
                               "); upgrade bouncescan — the file was left untouched");
    }
    if (!options_.read_only) {
      // WAL: readers never block the writer and a killed writer leaves a consistent file.
      // synchronous=NORMAL keeps every commit atomic; only an OS crash can lose the last ones.
      RETURN_IF_ERROR(Annotate(db_.Exec("PRAGMA journal_mode = WAL")));
      RETURN_IF_ERROR(Annotate(db_.Exec("PRAGMA synchronous = NORMAL")));
    }
    if (version < kSchemaVersion) {
      if (options_.read_only) {
        return Status::Error(StatusCode::kUnsupported,
                             path_ + ": schema version " + std::to_string(version) +
                                 " needs an upgrade; run a command that writes (e.g. bouncescan scan) first");
      }
      RETURN_IF_ERROR(Annotate(Migrate(version)));
    }
    return Status::Ok();
  }

  Result<RecordOutcome> Record(const ScanRecord& record) override {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": opened read-only");
    Transaction tx(db_);
    RETURN_IF_ERROR(Annotate(tx.Begin()));
    RecordOutcome outcome;
    {
      Result<bool> seen = Seen(record.identity, record.fallback_identity);
      if (!seen.ok()) return seen.status();
      if (*seen) return outcome;
    }
    const std::int64_t now = options_.now();
    const mime::BounceReport& r = record.report;
    Statement msg(db_,
                  "INSERT INTO messages (identity, fallback_identity, source, kind, decoder, reporting_mta, "
                  "message_id, subject, date, undecodable, problem, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    msg.Bind(1, record.identity)
        .Bind(2, record.fallback_identity)
        .Bind(3, record.source)
        .Bind(4, mime::ReportKindName(r.kind))
        .Bind(5, r.decoder)
        .Bind(6, r.reporting_mta)
        .Bind(7, r.message_id)
        .Bind(8, r.subject)
        .Bind(9, r.date)
        .Bind(10, std::int64_t{record.undecodable ? 1 : 0})
        .Bind(11, record.problem)
        .Bind(12, now);
    RETURN_IF_ERROR(Annotate(msg.Run()));
    const std::int64_t message_id = db_.LastInsertId();
    outcome.recorded = true;

    // Every recipient of a report becomes an event; autoreplies and non-bounces have none
    // that fail, so they leave only the message row (which makes re-scans skip them).
    if (r.kind != mime::ReportKind::kNone && r.kind != mime::ReportKind::kAutoreply) {
      const std::optional<std::int64_t> report_time = ParseMailDate(r.date);
      for (std::size_t i = 0; i < r.recipients.size(); ++i) {
        const mime::RecipientRecord& rec = r.recipients[i];
        const rules::Verdict verdict = i < record.verdicts.size() ? record.verdicts[i] : rules::Verdict{};
        const std::string& shown = rec.final_recipient.empty() ? rec.original_recipient : rec.final_recipient;
        const std::string address = NormalizeAddress(shown);
        Effect effect = address.empty() ? Effect::kNone : DecideEffect(r.kind, rec, verdict);
        std::int64_t occurred = now;
        if (auto t = ParseMailDate(rec.last_attempt_date)) {
          occurred = *t;
        } else if (report_time) {
          occurred = *report_time;
        }
        if (occurred > now) occurred = now;  // a clock in the future must not extend the window
        Statement ev(db_,
                     "INSERT INTO events (message, recorded_at, recipient, address, action, reason, hard, fixer, "
                     "suppress, fix, rule, status, reply_code, diagnostic, remote_mta, original_message_id, "
                     "original_subject, occurred_at, effect) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        ev.Bind(1, message_id)
            .Bind(2, now)
            .Bind(3, shown)
            .Bind(4, address)
            .Bind(5, rec.action)
            .Bind(6, rules::ReasonName(verdict.reason))
            .Bind(7, std::int64_t{verdict.hard ? 1 : 0})
            .Bind(8, rules::FixerName(verdict.fixer))
            .Bind(9, std::int64_t{verdict.suppress ? 1 : 0})
            .Bind(10, verdict.fix)
            .Bind(11, verdict.rule)
            .Bind(12, rec.status)
            .Bind(13, rec.reply_code)
            .Bind(14, rec.diagnostic_code)
            .Bind(15, rec.remote_mta)
            .Bind(16, r.original.message_id)
            .Bind(17, r.original.subject)
            .Bind(18, occurred)
            .Bind(19, EffectName(effect));
        RETURN_IF_ERROR(Annotate(ev.Run()));
        const std::int64_t event_id = db_.LastInsertId();
        ++outcome.events;
        Result<bool> added = ApplyPolicy(address, effect, std::string(rules::ReasonName(verdict.reason)), occurred,
                                         event_id, now);
        if (!added.ok()) return added.status();
        if (*added) outcome.newly_suppressed.push_back(address);
      }
    }
    RETURN_IF_ERROR(Annotate(tx.Commit()));
    return outcome;
  }

  Result<bool> IsRecorded(const std::string& identity) override { return Seen(identity, ""); }

  Result<std::optional<FolderState>> GetFolderState(const std::string& account, const std::string& folder) override {
    Statement st(db_, "SELECT uidvalidity, last_uid FROM folder_state WHERE account = ? AND folder = ?");
    st.Bind(1, account).Bind(2, folder);
    Status err;
    std::optional<FolderState> out;
    if (st.Step(&err)) out = FolderState{st.Int(0), st.Int(1)};
    if (!err.ok()) return Annotate(err);
    return out;
  }

  Status SetFolderState(const std::string& account, const std::string& folder, const FolderState& state) override {
    Statement st(db_,
                 "INSERT INTO folder_state (account, folder, uidvalidity, last_uid) VALUES (?,?,?,?) "
                 "ON CONFLICT (account, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
                 "last_uid = excluded.last_uid");
    st.Bind(1, account).Bind(2, folder).Bind(3, state.uidvalidity).Bind(4, state.last_uid);
    return Annotate(st.Run());
  }

  Result<std::vector<Event>> ListEvents(std::int64_t after_id, std::int64_t since) override {
    Statement st(db_, "SELECT " + std::string(kEventColumns) +
                          " FROM events e JOIN messages m ON m.id = e.message WHERE e.id > ? AND e.recorded_at >= ? "
                          "ORDER BY e.id");
    st.Bind(1, after_id).Bind(2, since);
    return Collect<Event>(st, ReadEvent);
  }

  Result<std::vector<Suppression>> ListSuppressed() override {
    Statement st(db_, "SELECT " + std::string(kSuppressionColumns) +
                          " FROM suppressions WHERE removed_at IS NULL ORDER BY address");
    return Collect<Suppression>(st, ReadSuppression);
  }

  Result<std::optional<Suppression>> FindSuppressed(const std::string& address) override {
    Result<std::optional<Suppression>> any = Entry(NormalizeAddress(address));
    if (!any.ok()) return any;
    if (*any && (*any)->removed_at) return std::optional<Suppression>();
    return any;
  }

  Result<AddressHistory> Explain(const std::string& address) override {
    AddressHistory h;
    h.address = NormalizeAddress(address);
    if (h.address.empty()) return Status::InvalidArgument("not an e-mail address: '" + address + "'");
    Result<std::optional<Suppression>> entry = Entry(h.address);
    if (!entry.ok()) return entry.status();
    h.entry = *entry;
    Statement st(db_, "SELECT " + std::string(kEventColumns) +
                          " FROM events e JOIN messages m ON m.id = e.message WHERE e.address = ? "
                          "ORDER BY e.occurred_at, e.id");
    st.Bind(1, h.address);
    Result<std::vector<Event>> events = Collect<Event>(st, ReadEvent);
    if (!events.ok()) return events.status();
    h.events = std::move(*events);
    if (!h.entry || h.entry->removed_at) {
      Result<std::vector<Watch>> watching = Watching(h.address);
      if (!watching.ok()) return watching.status();
      if (!watching->empty()) h.watch = watching->front();
    }
    return h;
  }

  Result<std::vector<Watch>> ListWatching() override { return Watching(""); }

  Result<std::vector<Undecodable>> ListUndecodable(std::int64_t after_id) override {
    Statement st(db_,
                 "SELECT id, source, subject, problem, recorded_at FROM messages WHERE undecodable = 1 AND id > ? "
                 "ORDER BY id");
    st.Bind(1, after_id);
    return Collect<Undecodable>(st, [](const Statement& s) {
      return Undecodable{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)};
    });
  }

  Status AddSuppressed(const std::string& address, const std::string& note, const std::string& origin) override {
    const std::string normal = NormalizeAddress(address);
    if (normal.empty()) return Status::InvalidArgument("not an e-mail address: '" + address + "'");
    Transaction tx(db_);
    RETURN_IF_ERROR(Annotate(tx.Begin()));
    Result<std::optional<Suppression>> entry = Entry(normal);
    if (!entry.ok()) return entry.status();
    const std::int64_t now = options_.now();
    if (*entry && !(*entry)->removed_at) {
      if (!note.empty()) {
        Statement st(db_, "UPDATE suppressions SET note = ? WHERE address = ?");
        st.Bind(1, note).Bind(2, normal);
        RETURN_IF_ERROR(Annotate(st.Run()));
      }
    } else {
      Statement st(db_,
                   "INSERT OR REPLACE INTO suppressions (address, reason, origin, first_seen, last_seen, count, note, "
                   "evidence_event, listed_at, removed_at) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?, NULL)");
      st.Bind(1, normal).Bind(2, origin).Bind(3, origin).Bind(4, now).Bind(5, now).Bind(6, note).Bind(7, now);
      RETURN_IF_ERROR(Annotate(st.Run()));
    }
    return Annotate(tx.Commit());
  }

  Result<bool> RemoveSuppressed(const std::string& address) override {
    const std::string normal = NormalizeAddress(address);
    if (normal.empty()) return Status::InvalidArgument("not an e-mail address: '" + address + "'");
    Statement st(db_, "UPDATE suppressions SET removed_at = ? WHERE address = ? AND removed_at IS NULL");
    st.Bind(1, options_.now()).Bind(2, normal);
    Status s = Annotate(st.Run());
    if (!s.ok()) return s;
    return db_.Changes() > 0;
  }

  Result<Totals> GetTotals() override {
    Statement st(db_,
                 "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM events), "
                 "(SELECT count(*) FROM suppressions WHERE removed_at IS NULL), "
                 "(SELECT count(*) FROM messages WHERE undecodable = 1)");
    Status err;
    Totals t;
    if (st.Step(&err)) t = Totals{st.Int(0), st.Int(1), st.Int(2), st.Int(3)};
    if (!err.ok()) return Annotate(err);
    return t;
  }

  Result<DigestMark> GetDigestMark() override {
    Statement st(db_, "SELECT last_event_id, last_undecodable_id, sent_at FROM digest_mark WHERE id = 1");
    Status err;
    DigestMark m;
    if (st.Step(&err)) m = DigestMark{st.Int(0), st.Int(1), st.Int(2)};
    if (!err.ok()) return Annotate(err);
    return m;
  }

  Status SetDigestMark(const DigestMark& mark) override {
    Statement st(db_,
                 "INSERT OR REPLACE INTO digest_mark (id, last_event_id, last_undecodable_id, sent_at) "
                 "VALUES (1, ?, ?, ?)");
    st.Bind(1, mark.last_event_id).Bind(2, mark.last_undecodable_id).Bind(3, mark.sent_at);
    return Annotate(st.Run());
  }

 private:
  // Prefixes the file name, so that every error names the database it is about.
  Status Annotate(const Status& s) const {
    if (s.ok()) return s;
    return Status::Error(s.code(), path_ + ": " + s.message());
  }

  template <typename T, typename Fn>
  Result<std::vector<T>> Collect(Statement& st, Fn read) {
    std::vector<T> out;
    Status err;
    while (st.Step(&err)) out.push_back(read(st));
    if (!err.ok()) return Annotate(err);
    return out;
  }

  Result<bool> Seen(const std::string& identity, const std::string& fallback) {
    // Four index lookups; one WHERE with ORs made SQLite scan the table once per message.
    Statement st(db_,
                 "SELECT 1 FROM messages WHERE identity = ?1 "
                 "UNION ALL SELECT 1 FROM messages WHERE fallback_identity = ?1 AND fallback_identity <> '' "
                 "UNION ALL SELECT 1 FROM messages WHERE identity = ?2 "
                 "UNION ALL SELECT 1 FROM messages WHERE fallback_identity = ?2 AND fallback_identity <> '' LIMIT 1");
    st.Bind(1, identity).Bind(2, fallback);
    Status err;
    bool seen = st.Step(&err);
    if (!err.ok()) return Annotate(err);
    return seen;
  }

  Result<std::optional<Suppression>> Entry(const std::string& normal) {
    Statement st(db_, "SELECT " + std::string(kSuppressionColumns) + " FROM suppressions WHERE address = ?");
    st.Bind(1, normal);
    Status err;
    std::optional<Suppression> out;
    if (st.Step(&err)) out = ReadSuppression(st);
    if (!err.ok()) return Annotate(err);
    return out;
  }

  // Distinct UTC days of counted soft failures of one address, ascending.
  Result<std::vector<std::int64_t>> SoftDays(const std::string& address) {
    Statement st(db_,
                 "SELECT DISTINCT occurred_at / 86400 AS day FROM events WHERE address = ? AND effect = 'soft' "
                 "ORDER BY day");
    st.Bind(1, address);
    std::vector<std::int64_t> out;
    Status err;
    while (st.Step(&err)) out.push_back(st.Int(0));
    if (!err.ok()) return Annotate(err);
    return out;
  }

  Result<std::vector<Watch>> Watching(const std::string& address) {
    Statement st(db_,
                 "SELECT e.address, e.occurred_at / 86400 AS day, max(e.occurred_at), "
                 "(SELECT reason FROM events x WHERE x.address = e.address AND x.effect = 'soft' "
                 " ORDER BY x.occurred_at DESC, x.id DESC LIMIT 1) "
                 "FROM events e WHERE e.effect = 'soft' " +
                     std::string(address.empty() ? "" : "AND e.address = ?1 ") +
                 "AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address = e.address AND s.removed_at IS NULL) "
                 "GROUP BY e.address, day ORDER BY e.address, day");
    if (!address.empty()) st.Bind(1, address);
    std::vector<Watch> out;
    std::vector<std::int64_t> days;
    Watch current;
    const std::int64_t today = options_.now() / kDay;
    auto flush = [&] {
      if (current.address.empty()) return;
      current.count = CountInWindow(days, today, options_.soft_window_days);
      if (current.count > 0) out.push_back(current);
      days.clear();
    };
    Status err;
    while (st.Step(&err)) {
      std::string a = st.Text(0);
      if (a != current.address) {
        flush();
        current = Watch{a, st.Text(3), 0, 0};
      }
      days.push_back(st.Int(1));
      current.last_seen = std::max(current.last_seen, st.Int(2));
    }
    if (!err.ok()) return Annotate(err);
    flush();
    return out;
  }

  // Applies one event's effect to the list. Returns true if the address went on the list.
  Result<bool> ApplyPolicy(const std::string& address, Effect effect, const std::string& reason,
                           std::int64_t occurred, std::int64_t event_id, std::int64_t now) {
    if (effect == Effect::kNone) return false;
    Result<std::optional<Suppression>> entry = Entry(address);
    if (!entry.ok()) return entry.status();
    const bool active = *entry && !(*entry)->removed_at;
    if (active) {
      // Already listed: the event adds to its evidence.
      Statement st(db_,
                   "UPDATE suppressions SET last_seen = max(last_seen, ?), first_seen = min(first_seen, ?), "
                   "count = count + 1 WHERE address = ?");
      st.Bind(1, occurred).Bind(2, occurred).Bind(3, address);
      RETURN_IF_ERROR(Annotate(st.Run()));
      return false;
    }
    std::string origin;
    int count = 1;
    std::int64_t first_seen = occurred;
    if (effect == Effect::kSuppress || effect == Effect::kComplaint) {
      // A removed address comes back only with a failure newer than its removal.
      if (*entry && occurred <= *(*entry)->removed_at) return false;
      origin = effect == Effect::kSuppress ? "hard" : "complaint";
    } else {
      if (*entry) return false;  // removed by hand: soft failures never bring it back
      Result<std::vector<std::int64_t>> days = SoftDays(address);
      if (!days.ok()) return days.status();
      const std::vector<std::int64_t>& d = *days;
      if (!SoftThresholdReached(d, options_.soft_bounces, options_.soft_window_days)) return false;
      origin = "soft-threshold";
      count = static_cast<int>(d.size());
      first_seen = d.empty() ? occurred : std::min(occurred, d.front() * kDay);
    }
    Statement st(db_,
                 "INSERT OR REPLACE INTO suppressions (address, reason, origin, first_seen, last_seen, count, note, "
                 "evidence_event, listed_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, NULL)");
    st.Bind(1, address)
        .Bind(2, reason)
        .Bind(3, origin)
        .Bind(4, first_seen)
        .Bind(5, occurred)
        .Bind(6, std::int64_t{count})
        .Bind(7, event_id)
        .Bind(8, now);
    RETURN_IF_ERROR(Annotate(st.Run()));
    return true;
  }

  Status Migrate(int from) {
    Transaction tx(db_);
    RETURN_IF_ERROR(tx.Begin());
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    {
      Statement st(db_, "PRAGMA user_version");
      Status err;
      if (st.Step(&err)) from = static_cast<int>(st.Int(0));
      RETURN_IF_ERROR(err);
    }
    for (int v = from + 1; v <= kSchemaVersion; ++v) {
      RETURN_IF_ERROR(db_.Exec(kMigrations[static_cast<std::size_t>(v - 1)]));
      if (v == 2) RETURN_IF_ERROR(BackfillEffects());
    }
    RETURN_IF_ERROR(db_.Exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
    RETURN_IF_ERROR(db_.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    return tx.Commit();
  }

  // Migration 2: decide events.effect for events recorded by version 1 with today's policy.
  Status BackfillEffects() {
    Statement st(db_,
                 "SELECT e.id, m.kind, e.action, e.reason, e.hard, e.fixer, e.suppress FROM events e "
                 "JOIN messages m ON m.id = e.message WHERE e.address <> ''");
    Status err;
    std::vector<std::pair<std::int64_t, Effect>> effects;
    while (st.Step(&err)) {
      mime::ReportKind kind = mime::ReportKind::kNone;
      for (auto k : {mime::ReportKind::kDsn, mime::ReportKind::kBounce, mime::ReportKind::kFeedback,
                     mime::ReportKind::kAutoreply, mime::ReportKind::kDelay}) {
        if (mime::ReportKindName(k) == st.Text(1)) kind = k;
      }
      mime::RecipientRecord rec;
      rec.action = st.Text(2);
      rules::Verdict v;
      v.reason = rules::ParseReason(st.Text(3)).value_or(rules::Reason::kUndefined);
      v.hard = st.Int(4) != 0;
      v.fixer = rules::ParseFixer(st.Text(5)).value_or(rules::Fixer::kNone);
      v.suppress = st.Int(6) != 0;
      effects.emplace_back(st.Int(0), DecideEffect(kind, rec, v));
    }
    RETURN_IF_ERROR(err);
    Statement up(db_, "UPDATE events SET effect = ? WHERE id = ?");
    for (const auto& [id, effect] : effects) {
      up.Reset();
      up.Bind(1, EffectName(effect)).Bind(2, id);
      RETURN_IF_ERROR(up.Run());
    }
    return Status::Ok();
  }

  std::string path_;
  OpenOptions options_;
  RunLock lock_;
  Connection db_;
};

// Creates the file with mode 0600 (and missing parent directories with 0700) before SQLite
// opens it, so that the database is never readable by others, not even for a moment. SQLite
// gives its -wal and -shm files the database file's permissions.
Status CreateFile(const std::string& path) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path() && !std::filesystem::exists(p.parent_path(), ec)) {
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) return Status::IoError("cannot create directory " + p.parent_path().string() + ": " + ec.message());
    std::filesystem::permissions(p.parent_path(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError("cannot create " + path + ": " + std::strerror(errno));
  close(fd);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, const OpenOptions& options) {
  if (path.empty()) return Status::InvalidArgument("no database path");
  if (options.read_only) {
    if (access(path.c_str(), F_OK) != 0) {
      return Status::NotFound(path + ": no database yet (bouncescan scan creates it)");
    }
  } else {
    Status s = CreateFile(path);
    if (!s.ok()) return s;
  }
  auto db = std::make_unique<SqliteDatabase>(path, options);
  Status s = db->Init();
  if (!s.ok()) return s;
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace bouncescan::storage
