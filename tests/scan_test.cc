// `bouncescan scan` end to end on real files and a real database: re-scans add nothing, a
// scan killed with SIGKILL and re-run ends in exactly the rows of an uninterrupted run, a
// second run at once exits busy, and the dev corpus records what `classify` reports.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "storage/database.h"
#include "storage/test_util.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

using testing::ProcessResult;

// One of our own bounce messages (RFC 3464), message number `i`: recipients and reasons
// cycle through a hard failure, a mailbox-full failure and a sender-side failure, on dates
// spread over November 2023.
std::string Dsn(int i, const std::string& eol = "\n") {
  static const char* kCases[][3] = {
      {"5.1.1", "550 5.1.1 <user{}@example.com>: Recipient address rejected: User unknown", "user{}@example.com"},
      {"5.2.2", "552 5.2.2 <full{}@example.org>: Mailbox full", "full{}@example.org"},
      {"5.7.26", "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both fail)",
       "client{}@example.net"},
  };
  const auto& c = kCases[i % 3];
  auto fill = [&](std::string s) {
    for (std::size_t p; (p = s.find("{}")) != std::string::npos;) s.replace(p, 2, std::to_string(i % 97));
    return s;
  };
  const std::string rcpt = fill(c[2]);
  const std::string day = std::to_string(1 + i % 28);
  std::string m =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
      "To: sender@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "Date: Thu, " + day + " Nov 2023 10:00:00 +0000\n"
      "Message-ID: <bounce-" + std::to_string(i) + "@mx.example.net>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"\n"
      "\n"
      "--BOUNDARY\n"
      "Content-Type: text/plain\n"
      "\n"
      "I'm sorry to have to inform you that your message could not be delivered.\n"
      "\n"
      "--BOUNDARY\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: rfc822; " + rcpt + "\n"
      "Action: failed\n"
      "Status: " + c[0] + "\n"
      "Remote-MTA: dns; mx.example.org\n"
      "Diagnostic-Code: smtp; " + fill(c[1]) + "\n"
      "\n"
      "--BOUNDARY\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: sender@example.com\n"
      "To: " + rcpt + "\n"
      "Subject: Invoice " + std::to_string(i) + "\n"
      "Message-ID: <invoice-" + std::to_string(i) + "@example.com>\n"
      "\n"
      "--BOUNDARY--\n";
  if (eol != "\n") {
    std::string out;
    for (char ch : m) {
      if (ch == '\n') out += eol;
      else out += ch;
    }
    return out;
  }
  return m;
}

std::string Mbox(int from, int to) {
  std::string out;
  for (int i = from; i < to; ++i) out += "From MAILER-DAEMON Thu Nov  9 10:00:00 2023\n" + Dsn(i) + "\n";
  return out;
}

// The rows that matter of a database, as text (no clock times, which differ between runs).
std::string Dump(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open";
  std::string out;
  for (const char* sql :
       {"SELECT id, identity, source, kind, undecodable FROM messages ORDER BY id",
        "SELECT e.id, m.identity, e.recipient, e.address, e.reason, e.hard, e.effect, e.status, e.occurred_at "
        "FROM events e JOIN messages m ON m.id = e.message ORDER BY e.id",
        "SELECT address, reason, origin, first_seen, last_seen, count, evidence_event, removed_at FROM suppressions "
        "ORDER BY address"}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
      out += "bad sql\n";
      continue;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(st);
    out += "--\n";
  }
  sqlite3_close(db);
  return out;
}

std::int64_t Count(const std::string& path, const char* table) {
  sqlite3* db = nullptr;
  std::int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* st = nullptr;
    std::string sql = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

class ScanTest : public ::testing::Test {
 protected:
  ProcessResult Bs(std::vector<std::string> args) {
    return testing::Run(binary_, args, dir_.path(), Env());
  }
  std::vector<std::string> Env() {
    return {"XDG_CONFIG_HOME=" + dir_.File("config"), "XDG_DATA_HOME=" + dir_.File("data")};
  }
  void Write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(dir_.File(name)).parent_path());
    std::ofstream(dir_.File(name), std::ios::binary) << text;
  }

  storage::testing::TempDir dir_;
  std::string binary_ = testing::EnvOr("BOUNCESCAN_BINARY", "");
};

TEST_F(ScanTest, ScanningAgainAddsNothing) {
  Write("box.mbox", Mbox(0, 30));
  // A Maildir holding two of the same bounces saved with CRLF line ends, and one new one.
  Write("Maildir/cur/1:2,S", Dsn(3, "\r\n"));
  Write("Maildir/new/2", Dsn(4, "\r\n"));
  Write("Maildir/new/3", Dsn(30));
  std::filesystem::create_directories(dir_.File("Maildir/tmp"));
  const std::string db = dir_.File("scan.db");
  ProcessResult r = Bs({"--db", db, "scan", dir_.File("box.mbox"), dir_.File("Maildir")});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("scan: 33 messages: 31 new, 2 already recorded; 31 new events;"), std::string::npos) << r.out;
  const std::string first = Dump(db);
  EXPECT_EQ(Count(db, "events"), 31);
  // Hard bounces suppressed at once; mailbox-full once each (not enough); sender-side never.
  ProcessResult list = Bs({"--db", db, "suppressed", "--json"});
  EXPECT_NE(list.out.find("\"address\":\"user0@example.com\""), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("client"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("full"), std::string::npos) << list.out;

  r = Bs({"--db", db, "scan", dir_.File("box.mbox"), dir_.File("Maildir")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("scan: 33 messages: 0 new, 33 already recorded; 0 new events; 0 addresses newly suppressed"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(Dump(db), first);
  ProcessResult events = Bs({"--db", db, "events", "--json"});
  EXPECT_EQ(std::count(events.out.begin(), events.out.end(), '\n'), 31);
  EXPECT_NE(events.out.find("\"original_subject\":\"Invoice 1\""), std::string::npos);
}

TEST_F(ScanTest, KillNineMidScanThenRerunGivesTheRowsOfACleanRun) {
  constexpr int kMessages = 4000;
  Write("big.mbox", Mbox(0, kMessages));
  const std::string clean_db = dir_.File("clean.db");
  ProcessResult clean = Bs({"--db", clean_db, "scan", dir_.File("big.mbox")});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  ASSERT_EQ(Count(clean_db, "messages"), kMessages);

  const std::string db = dir_.File("killed.db");
  int kills = 0;
  // Kill twice, at about a third and two thirds of the way, then let a run finish.
  for (std::int64_t target : {kMessages / 3, 2 * kMessages / 3}) {
    testing::Child child(binary_, {"--db", db, "scan", dir_.File("big.mbox")}, dir_.path(), Env());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (child.Running() && Count(db, "messages") < target && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_TRUE(child.Running()) << "the scan ended before it could be killed; make the mbox larger";
    child.Kill9();
    ProcessResult r = child.Wait();
    ASSERT_EQ(r.signal, SIGKILL);
    ++kills;
    const std::int64_t after_kill = Count(db, "messages");
    EXPECT_GE(after_kill, target);
    EXPECT_LT(after_kill, kMessages);
  }
  EXPECT_EQ(kills, 2);
  ProcessResult rerun = Bs({"--db", db, "scan", dir_.File("big.mbox")});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(Count(db, "messages"), kMessages);
  EXPECT_EQ(Dump(db), Dump(clean_db));
}

TEST_F(ScanTest, ASecondRunAtOnceWaitsThenExitsBusy) {
  Write("one.eml", Dsn(1));
  const std::string db = dir_.File("busy.db");
  storage::OpenOptions o;
  o.run_lock = true;
  auto holder = storage::Database::Open(db, o);  // a run in progress
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = Bs({"--db", db, "scan", dir_.File("one.eml")});
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_NE(r.err.find(db + " is in use by another bouncescan run"), std::string::npos) << r.err;
  EXPECT_GE(waited, std::chrono::seconds(2));  // it waited before giving up
  EXPECT_EQ(Count(db, "messages"), 0);
  holder->reset();
  r = Bs({"--db", db, "scan", dir_.File("one.eml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(db, "messages"), 1);
}

TEST_F(ScanTest, PolicyComesFromTheConfigFile) {
  // Two mailbox-full bounces for one address on different days suppress it with N = 2.
  std::string a = Dsn(1), b = Dsn(1 + 3 * 97);  // same recipient full1@example.org, other day
  Write("a.eml", a);
  Write("b.eml", b);
  Write("config/bouncescan/config.toml", "[policy]\nsoft_bounces = 2\nsoft_window_days = 30\n");
  ProcessResult r = Bs({"scan", dir_.File("a.eml"), dir_.File("b.eml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("suppressed full1@example.org"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir_.File("data/bouncescan/bouncescan.db")));
  ProcessResult why = Bs({"suppressed", "why", "full1@example.org"});
  EXPECT_NE(why.out.find("2 soft failures (mailboxfull) on different days"), std::string::npos) << why.out;
}

// The dev corpus: every failed recipient `classify` reports is recorded, and a second scan
// records nothing.
TEST_F(ScanTest, DevCorpusRecordsWhatClassifyReportsAndRescansAddNothing) {
  const std::string shared = testing::EnvOr("BOUNCESCAN_SHARED_DIR", "");
  const std::string maildir = shared + "/corpus/sisimai/maildir";
  const std::string mailbox = shared + "/corpus/sisimai/mailbox";
  if (shared.empty() || !std::filesystem::is_directory(maildir) || !std::filesystem::is_directory(mailbox)) {
    GTEST_SKIP() << "no dev corpus at " << shared;
  }
  std::vector<std::string> sources{mailbox};
  for (const auto& entry : std::filesystem::directory_iterator(maildir)) sources.push_back(entry.path().string());
  std::vector<std::string> classify_args{"classify", "--json"};
  classify_args.insert(classify_args.end(), sources.begin(), sources.end());
  ProcessResult c = Bs(classify_args);
  // source -> its failed recipients, as classify reports them.
  std::map<std::string, std::set<std::pair<std::string, std::string>>> expected;
  std::size_t failed = 0;
  std::istringstream lines(c.out);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("recipients")) continue;
    for (const auto& rcpt : j["recipients"]) {
      if (rcpt.value("action", "") != "failed") continue;
      // Addresses, not reasons: what is judged is rules/' business, what is recorded is ours.
      expected[j.value("source", "")].emplace(rcpt.value("address", ""), "");
      ++failed;
    }
  }
  ASSERT_GT(failed, 100u) << "classify reported almost no failed recipients:\n" << c.err;

  const std::string db = dir_.File("corpus.db");
  std::vector<std::string> scan_args{"--db", db, "scan"};
  scan_args.insert(scan_args.end(), sources.begin(), sources.end());
  ProcessResult s = Bs(scan_args);
  ASSERT_TRUE(s.exit_code == 0 || s.exit_code == 1) << s.exit_code << s.err;
  ProcessResult ev = Bs({"--db", db, "events", "--json"});
  std::map<std::string, std::set<std::pair<std::string, std::string>>> recorded;
  std::set<std::string> addresses;
  std::istringstream evlines(ev.out);
  for (std::string line; std::getline(evlines, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    if (j.value("action", "") == "failed") recorded[j.value("source", "")].emplace(j.value("recipient", ""), "");
    addresses.insert(j.value("recipient", ""));
  }
  // A message recorded under its own source has exactly classify's verdicts; a copy of a
  // message recorded earlier (the same bounce in an mbox and as an .eml, or with other line
  // ends) adds nothing, but each of its failed addresses is on record.
  std::vector<std::string> missing;
  std::size_t copies = 0, copies_judged_otherwise = 0;
  for (const auto& [source, tuples] : expected) {
    auto it = recorded.find(source);
    if (it != recorded.end()) {
      for (const auto& t : tuples) {
        if (!it->second.count(t)) missing.push_back(source + ": " + t.first);
      }
      continue;
    }
    ++copies;
    bool same = false;
    for (const auto& [other, other_tuples] : recorded) same = same || other_tuples == tuples;
    if (!same) ++copies_judged_otherwise;
    for (const auto& t : tuples) {
      if (!addresses.count(t.first)) missing.push_back(source + " (a copy): " + t.first);
    }
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " failed recipients not recorded, e.g. " << missing.front();
  const std::int64_t events = Count(db, "events");

  ProcessResult again = Bs(scan_args);
  ASSERT_TRUE(again.exit_code == 0 || again.exit_code == 1) << again.err;
  EXPECT_NE(again.out.find(" 0 new, "), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("; 0 new events;"), std::string::npos) << again.out;
  EXPECT_EQ(Count(db, "events"), events);
  std::cout << "corpus: " << s.out << "failed recipients reported by classify: " << failed << " in "
            << expected.size() << " messages; " << copies << " of them copies of a message recorded earlier, "
            << copies_judged_otherwise << " of those decoded differently from the recorded copy\n";
}

}  // namespace
}  // namespace bouncescan
