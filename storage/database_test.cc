#include "storage/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "storage/schema.h"
#include "storage/test_util.h"

namespace bouncescan::storage {
namespace {

using testing::Failure;
using testing::MakeRecord;
using testing::TempDir;
using rules::Reason;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStart = 1'700'000'000;  // 2023-11-14, a fixed "now" for tests

class DatabaseTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> OpenDb(OpenOptions options = {}) {
    options.now = [this] { return now_; };
    auto db = Database::Open(dir_.File("data/bouncescan.db"), options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  RecordOutcome Rec(Database& db, const ScanRecord& r) {
    auto out = db.Record(r);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : RecordOutcome{};
  }
  bool Listed(Database& db, const std::string& a) {
    auto s = db.FindSuppressed(a);
    EXPECT_TRUE(s.ok());
    return s.ok() && s->has_value();
  }

  TempDir dir_;
  std::int64_t now_ = kStart;
};

Failure Soft(const std::string& a, Reason r = Reason::kMailboxFull) {
  return Failure{a, r, false, false, rules::Fixer::kRecipient, "failed", "4.2.2"};
}

TEST_F(DatabaseTest, CreatesPrivateFileInWalMode) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  struct stat st {};
  ASSERT_EQ(stat(dir_.File("data/bouncescan.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir_.File("data").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("data/bouncescan.db").c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kSchemaVersion);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST_F(DatabaseTest, RecordingTheSameMessageTwiceAddsNothing) {
  auto db = OpenDb();
  ScanRecord r = MakeRecord("msgid:a@example.net", {Failure{"user@example.com"}, Failure{"other@example.org"}});
  RecordOutcome first = Rec(*db, r);
  EXPECT_TRUE(first.recorded);
  EXPECT_EQ(first.events, 2);
  EXPECT_EQ(first.newly_suppressed.size(), 2u);
  RecordOutcome second = Rec(*db, r);
  EXPECT_FALSE(second.recorded);
  EXPECT_EQ(second.events, 0);
  auto totals = db->GetTotals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->messages, 1);
  EXPECT_EQ(totals->events, 2);
  EXPECT_EQ(totals->suppressed, 2);
  // And after closing and opening again.
  db.reset();
  db = OpenDb();
  EXPECT_FALSE(Rec(*db, r).recorded);
  EXPECT_EQ(db->GetTotals()->events, 2);
}

TEST_F(DatabaseTest, FallbackIdentityCatchesARenumberedMailbox) {
  auto db = OpenDb();
  ScanRecord r = MakeRecord("imap:work/INBOX/100/7", {Failure{"user@example.com"}});
  r.fallback_identity = "msgid:bounce-1@mx.example.net";
  EXPECT_TRUE(Rec(*db, r).recorded);
  // UIDVALIDITY changed: the same message comes back under a new UID.
  r.identity = "imap:work/INBOX/200/1";
  EXPECT_FALSE(Rec(*db, r).recorded);
  EXPECT_TRUE(*db->IsRecorded("imap:work/INBOX/100/7"));
  EXPECT_TRUE(*db->IsRecorded("msgid:bounce-1@mx.example.net"));
  EXPECT_FALSE(*db->IsRecorded("imap:work/INBOX/200/1"));
  EXPECT_EQ(db->GetTotals()->events, 1);
}

TEST_F(DatabaseTest, EventsKeepTheirEvidence) {
  auto db = OpenDb();
  ScanRecord r = MakeRecord("msgid:e@example.net", {Failure{" User@EXAMPLE.com "}}, mime::ReportKind::kDsn,
                            "Tue, 14 Nov 2023 10:00:00 +0000");
  r.report.message_id = "e@example.net";
  r.report.recipients[0].reply_code = "550";
  r.report.recipients[0].remote_mta = "mx.example.com";
  Rec(*db, r);
  auto events = db->ListEvents();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  const Event& e = events->front();
  EXPECT_EQ(e.recipient, " User@EXAMPLE.com ");
  EXPECT_EQ(e.reason, "userunknown");
  EXPECT_TRUE(e.hard);
  EXPECT_EQ(e.fixer, "sender");
  EXPECT_EQ(e.status, "5.1.1");
  EXPECT_EQ(e.reply_code, "550");
  EXPECT_EQ(e.diagnostic, "test diagnostic");
  EXPECT_EQ(e.remote_mta, "mx.example.com");
  EXPECT_EQ(e.bounce_date, "Tue, 14 Nov 2023 10:00:00 +0000");
  EXPECT_EQ(e.bounce_message_id, "e@example.net");
  EXPECT_EQ(e.original_message_id, "orig-msgid:e@example.net@example.com");
  EXPECT_EQ(e.original_subject, "Invoice");
  EXPECT_EQ(e.source, "test/msgid:e@example.net");
  EXPECT_EQ(e.occurred_at, 1699956000);
  EXPECT_EQ(e.effect, "hard");
  EXPECT_EQ(e.recorded_at, kStart);
  // The list holds the normalised address; any spelling finds it.
  EXPECT_TRUE(Listed(*db, "User@example.com"));
  EXPECT_TRUE(Listed(*db, "<User@Example.COM>"));
  EXPECT_FALSE(Listed(*db, "user@example.com"));  // the local part is compared as written
  auto events_since = db->ListEvents(0, kStart + 1);
  ASSERT_TRUE(events_since.ok());
  EXPECT_TRUE(events_since->empty());
  EXPECT_EQ(db->ListEvents(e.id)->size(), 0u);
}

TEST_F(DatabaseTest, HardBouncesAndComplaintsSuppressAndNeverExpire) {
  auto db = OpenDb();
  RecordOutcome out = Rec(*db, MakeRecord("msgid:1", {Failure{"gone@example.com"}}));
  EXPECT_EQ(out.newly_suppressed, std::vector<std::string>{"gone@example.com"});
  ScanRecord arf = MakeRecord("msgid:2", {Failure{"angry@example.org", Reason::kFeedback, false, true,
                                                   rules::Fixer::kSender, "", ""}},
                              mime::ReportKind::kFeedback);
  EXPECT_EQ(Rec(*db, arf).newly_suppressed, std::vector<std::string>{"angry@example.org"});
  now_ += 3650 * kDay;  // ten years on
  db.reset();
  db = OpenDb();
  auto gone = db->FindSuppressed("gone@example.com");
  ASSERT_TRUE(gone.ok() && gone->has_value());
  EXPECT_EQ((*gone)->origin, "hard");
  EXPECT_EQ((*gone)->reason, "userunknown");
  auto angry = db->FindSuppressed("angry@example.org");
  ASSERT_TRUE(angry.ok() && angry->has_value());
  EXPECT_EQ((*angry)->origin, "complaint");
}

TEST_F(DatabaseTest, SenderSideFailuresNeverSuppress) {
  auto db = OpenDb();
  int n = 0;
  // Even when a rule wrongly says "suppress", and however often it happens.
  for (Reason r : {Reason::kAuthFailure, Reason::kBlocked, Reason::kNoRelaying, Reason::kSecurityError,
                   Reason::kBadReputation, Reason::kRequirePtr, Reason::kRejected, Reason::kSpamDetected,
                   Reason::kPolicyViolation, Reason::kFailedStartTls, Reason::kMesgTooBig}) {
    for (int day = 0; day < 5; ++day) {
      Rec(*db, MakeRecord("msgid:s" + std::to_string(n++),
                          {Failure{"customer@example.com", r, true, true, rules::Fixer::kSenderAdmin, "failed", "5.7.1"},
                           Failure{"client@example.net", r, false, true, rules::Fixer::kSender, "failed", "4.7.1"}}));
      now_ += kDay;
    }
  }
  EXPECT_FALSE(Listed(*db, "customer@example.com"));
  EXPECT_FALSE(Listed(*db, "client@example.net"));
  EXPECT_TRUE(db->ListWatching()->empty());
  auto events = db->ListEvents();
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u * 5 * 11);  // kept as events for the digest
  for (const Event& e : *events) EXPECT_EQ(e.effect, "none") << e.reason;
}

TEST_F(DatabaseTest, SoftFailuresCountOncePerDayAndSuppressAtTheThreshold) {
  auto db = OpenDb();  // defaults: 3 within 30 days
  int n = 0;
  auto soft = [&](const std::string& a) {
    return Rec(*db, MakeRecord("msgid:soft" + std::to_string(n++), {Soft(a)}));
  };
  soft("full@example.com");
  soft("full@example.com");  // same day: counts once
  soft("full@example.com");
  auto watching = db->ListWatching();
  ASSERT_TRUE(watching.ok());
  ASSERT_EQ(watching->size(), 1u);
  EXPECT_EQ(watching->front().count, 1);
  EXPECT_EQ(watching->front().reason, "mailboxfull");
  EXPECT_FALSE(Listed(*db, "full@example.com"));
  now_ += 10 * kDay;
  soft("full@example.com");
  EXPECT_EQ(db->ListWatching()->front().count, 2);
  EXPECT_FALSE(Listed(*db, "full@example.com"));
  now_ += 10 * kDay;  // day 20: third counted day within 30 days
  RecordOutcome out = soft("full@example.com");
  EXPECT_EQ(out.newly_suppressed, std::vector<std::string>{"full@example.com"});
  auto entry = db->FindSuppressed("full@example.com");
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->origin, "soft-threshold");
  EXPECT_EQ((*entry)->count, 3);
  EXPECT_TRUE(db->ListWatching()->empty());  // on the list now, no longer watched
}

TEST_F(DatabaseTest, SoftCountDecaysWhenTheWindowPassesWithoutOne) {
  OpenOptions o;
  o.soft_bounces = 3;
  o.soft_window_days = 30;
  auto db = OpenDb(o);
  int n = 0;
  auto soft = [&] { Rec(*db, MakeRecord("msgid:d" + std::to_string(n++), {Soft("busy@example.com", Reason::kSuspend)})); };
  soft();                // day 0
  now_ += 10 * kDay;
  soft();                // day 10
  now_ += 25 * kDay;     // day 35: day 0 has left the window
  EXPECT_EQ(db->ListWatching()->front().count, 1);
  soft();                // day 35: days 10 and 35 count -> 2
  EXPECT_FALSE(Listed(*db, "busy@example.com"));
  now_ += 31 * kDay;     // day 66: more than W days without one
  EXPECT_TRUE(db->ListWatching()->empty());
  soft();                // day 66: a fresh count of 1
  now_ += kDay;
  soft();                // day 67: 2
  EXPECT_FALSE(Listed(*db, "busy@example.com"));
  now_ += kDay;
  soft();                // day 68: 3 within 30 days
  EXPECT_TRUE(Listed(*db, "busy@example.com"));
}

TEST_F(DatabaseTest, PolicyComesFromTheOptions) {
  OpenOptions o;
  o.soft_bounces = 2;
  o.soft_window_days = 7;
  auto db = OpenDb(o);
  Rec(*db, MakeRecord("msgid:p1", {Soft("q@example.com")}));
  now_ += 7 * kDay;  // outside a 7-day window
  Rec(*db, MakeRecord("msgid:p2", {Soft("q@example.com")}));
  EXPECT_FALSE(Listed(*db, "q@example.com"));
  now_ += 6 * kDay;
  Rec(*db, MakeRecord("msgid:p3", {Soft("q@example.com")}));
  EXPECT_TRUE(Listed(*db, "q@example.com"));
}

TEST_F(DatabaseTest, SoftDaysComeFromTheBounceDateNotTheScanTime) {
  auto db = OpenDb();
  // Three mailbox-full bounces from three days last week, all scanned today.
  for (int d = 0; d < 3; ++d) {
    std::string date = "Mon, " + std::to_string(6 + d) + " Nov 2023 09:00:00 +0000";
    Rec(*db, MakeRecord("msgid:w" + std::to_string(d), {Soft("w@example.com")}, mime::ReportKind::kDsn, date));
  }
  EXPECT_TRUE(Listed(*db, "w@example.com"));
}

TEST_F(DatabaseTest, DelaysAndDeliveredRecipientsDoNotCount) {
  auto db = OpenDb();
  Failure delayed{"slow@example.com", Reason::kExpired, false, false, rules::Fixer::kNone, "delayed", "4.4.7"};
  Failure delivered{"ok@example.com", Reason::kDelivered, false, false, rules::Fixer::kNone, "delivered", "2.0.0"};
  Failure hard_delayed{"x@example.com", Reason::kUserUnknown, true, true, rules::Fixer::kSender, "delayed", "5.1.1"};
  for (int d = 0; d < 5; ++d) {
    Rec(*db, MakeRecord("msgid:dl" + std::to_string(d), {delayed, delivered, hard_delayed}, mime::ReportKind::kDelay));
    now_ += kDay;
  }
  EXPECT_EQ(db->GetTotals()->suppressed, 0);
  EXPECT_TRUE(db->ListWatching()->empty());
  EXPECT_EQ(db->GetTotals()->events, 15);
}

TEST_F(DatabaseTest, RemovedStaysRemovedUntilANewHardBounce) {
  auto db = OpenDb();
  Rec(*db, MakeRecord("msgid:r1", {Failure{"back@example.com"}}));
  now_ += kDay;
  auto removed = db->RemoveSuppressed(" back@Example.COM");
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(*db->RemoveSuppressed("back@example.com"));  // already off
  EXPECT_FALSE(Listed(*db, "back@example.com"));
  // Soft failures do not bring it back, nor does an old hard bounce found later.
  for (int d = 0; d < 4; ++d) {
    now_ += kDay;
    Rec(*db, MakeRecord("msgid:r-soft" + std::to_string(d), {Soft("back@example.com")}));
  }
  Rec(*db, MakeRecord("msgid:r-old", {Failure{"back@example.com"}}, mime::ReportKind::kDsn,
                      "Tue, 14 Nov 2023 00:00:00 +0000"));
  EXPECT_FALSE(Listed(*db, "back@example.com"));
  auto why = db->Explain("back@example.com");
  ASSERT_TRUE(why.ok());
  ASSERT_TRUE(why->entry.has_value());
  EXPECT_TRUE(why->entry->removed_at.has_value());
  EXPECT_EQ(why->events.size(), 6u);
  // A new hard bounce does.
  now_ += kDay;
  RecordOutcome out = Rec(*db, MakeRecord("msgid:r2", {Failure{"back@example.com"}}));
  EXPECT_EQ(out.newly_suppressed, std::vector<std::string>{"back@example.com"});
  EXPECT_TRUE(Listed(*db, "back@example.com"));
}

TEST_F(DatabaseTest, ManualEntriesAndWhy) {
  auto db = OpenDb();
  ASSERT_TRUE(db->AddSuppressed("boss@bücher.example", "asked not to be mailed", "manual").ok());
  auto entry = db->FindSuppressed("boss@xn--bcher-kva.example");
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->origin, "manual");
  EXPECT_EQ((*entry)->note, "asked not to be mailed");
  EXPECT_EQ((*entry)->listed_at, kStart);
  EXPECT_EQ(db->AddSuppressed("not an address", "", "manual").code(), StatusCode::kInvalidArgument);
  auto why = db->Explain("BOSS@BÜCHER.example");
  ASSERT_TRUE(why.ok());
  EXPECT_EQ(why->address, "BOSS@xn--bcher-kva.example");
  EXPECT_FALSE(why->entry.has_value());  // the local part differs
  auto list = db->ListSuppressed();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().address, "boss@xn--bcher-kva.example");
}

TEST_F(DatabaseTest, FolderStateAndDigestMark) {
  auto db = OpenDb();
  EXPECT_FALSE(db->GetFolderState("work", "INBOX")->has_value());
  ASSERT_TRUE(db->SetFolderState("work", "INBOX", FolderState{42, 1000}).ok());
  ASSERT_TRUE(db->SetFolderState("work", "INBOX", FolderState{42, 1005}).ok());
  auto st = db->GetFolderState("work", "INBOX");
  ASSERT_TRUE(st.ok() && st->has_value());
  EXPECT_EQ((*st)->uidvalidity, 42);
  EXPECT_EQ((*st)->last_uid, 1005);
  EXPECT_EQ(db->GetDigestMark()->last_event_id, 0);
  ASSERT_TRUE(db->SetDigestMark(Database::DigestMark{7, 3, kStart}).ok());
  EXPECT_EQ(db->GetDigestMark()->last_event_id, 7);
  EXPECT_EQ(db->GetDigestMark()->last_undecodable_id, 3);
}

TEST_F(DatabaseTest, UndecodableMessagesAreKept) {
  auto db = OpenDb();
  ScanRecord r = MakeRecord("sha256:00ff", {});
  r.undecodable = true;
  r.problem = "no delivery-status part and no recognisable NDR text";
  r.report.subject = "Returned mail";
  Rec(*db, r);
  auto list = db->ListUndecodable();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().problem, r.problem);
  EXPECT_EQ(list->front().subject, "Returned mail");
  EXPECT_TRUE(db->ListUndecodable(list->front().id)->empty());
}

TEST_F(DatabaseTest, ASecondRunWaitsThenGetsBusy) {
  OpenOptions o;
  o.run_lock = true;
  o.busy_timeout_ms = 300;
  auto first = OpenDb(o);
  ASSERT_TRUE(first);
  auto second = Database::Open(dir_.File("data/bouncescan.db"), o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_NE(second.status().message().find("in use by another bouncescan run"), std::string::npos);
  // Readers and short writers are not blocked by a run.
  auto reader = Database::Open(dir_.File("data/bouncescan.db"));
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->AddSuppressed("a@example.com", "", "manual").ok());
  first.reset();
  EXPECT_TRUE(Database::Open(dir_.File("data/bouncescan.db"), o).ok());
}

TEST_F(DatabaseTest, ReadOnlyOpenOfAMissingFileIsNotFound) {
  OpenOptions o;
  o.read_only = true;
  auto db = Database::Open(dir_.File("missing.db"), o);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("missing.db")));
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(raw);
}

TEST_F(DatabaseTest, ANewerSchemaIsRefusedAndLeftUntouched) {
  const std::string path = dir_.File("newer.db");
  RawExec(path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  const std::string before = Slurp(path);
  auto db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(db.status().message().find(path), std::string::npos);
  EXPECT_NE(db.status().message().find("newer"), std::string::npos);
  EXPECT_EQ(Slurp(path), before);
}

TEST_F(DatabaseTest, AFileThatIsNotADatabaseIsAClearError) {
  const std::string path = dir_.File("notes.txt");
  std::ofstream(path) << "these are not the rows you are looking for\n";
  auto db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(db.status().message().find(path), std::string::npos);
}

TEST_F(DatabaseTest, MigratesAVersionOneFile) {
  const std::string path = dir_.File("v1.db");
  // A file as version 1 wrote it: its schema, a hard bounce, a mailbox-full event and a
  // sender-side event, and one suppression.
  RawExec(path, std::string(kMigrations[0]) +
                    "INSERT INTO messages (id, identity, source, kind, recorded_at) VALUES "
                    "  (1, 'msgid:old@example.net', 'old.eml', 'dsn', 1600000000);"
                    "INSERT INTO events (id, message, recorded_at, recipient, address, action, reason, hard, fixer, "
                    "  suppress, status) VALUES "
                    "  (1, 1, 1600000000, 'gone@example.com', 'gone@example.com', 'failed', 'userunknown', 1, "
                    "   'sender', 1, '5.1.1'),"
                    "  (2, 1, 1600000000, 'full@example.com', 'full@example.com', 'failed', 'mailboxfull', 0, "
                    "   'recipient', 0, '4.2.2'),"
                    "  (3, 1, 1600000000, 'ok@example.com', 'ok@example.com', 'failed', 'authfailure', 1, "
                    "   'sender_admin', 0, '5.7.26');"
                    "INSERT INTO suppressions (address, reason, origin, first_seen, last_seen, count, "
                    "  evidence_event, listed_at) VALUES ('gone@example.com', 'userunknown', 'hard', 1600000000, "
                    "  1600000000, 1, 1, 1600000000);"
                    "PRAGMA user_version = 1;");
  auto db = OpenDb();  // the test's own file, to check both coexist
  auto old = Database::Open(path);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  auto events = (*old)->ListEvents();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].effect, "hard");
  EXPECT_EQ((*events)[1].effect, "soft");
  EXPECT_EQ((*events)[2].effect, "none");
  EXPECT_EQ((*events)[0].occurred_at, 1600000000);
  EXPECT_EQ((*events)[0].source, "old.eml");
  EXPECT_TRUE((*(*old)->FindSuppressed("gone@example.com")).has_value());
  EXPECT_FALSE((*(*old)->IsRecorded("msgid:new@example.net")));
  EXPECT_TRUE((*(*old)->IsRecorded("msgid:old@example.net")));
  EXPECT_TRUE((*old)->Record(MakeRecord("msgid:new@example.net", {Failure{"gone2@example.com"}})).ok());
  old->reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kSchemaVersion);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

}  // namespace
}  // namespace bouncescan::storage
