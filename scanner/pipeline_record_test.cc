// The pipeline with the real decoder and rules, recording into a real database.
#include <gtest/gtest.h>

#include "scanner/pipeline.h"
#include "storage/test_util.h"

namespace bouncescan::scanner {
namespace {

// Our own RFC 3464 report: one recipient, 5.1.1.
const char kDsn[] =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
    "To: sender@example.com\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "Date: Tue, 14 Nov 2023 10:00:00 +0000\r\n"
    "Message-ID: <dsn-1@mx.example.net>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Your message could not be delivered.\r\n"
    "--b1\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; nobody@example.org\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown\r\n"
    "\r\n"
    "--b1--\r\n";

class PipelineDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::Open(dir_.File("p.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  storage::testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::shared_ptr<const rules::RuleSet> rules_ = rules::RuleSet::BuiltIn();
};

TEST_F(PipelineDbTest, DecodesJudgesAndRecordsOnce) {
  storage::ScanRecord r = BuildRecord(kDsn, "inbox.eml", *rules_);
  EXPECT_EQ(r.report.kind, mime::ReportKind::kDsn);
  ASSERT_EQ(r.report.recipients.size(), 1u);
  ASSERT_EQ(r.verdicts.size(), 1u);
  EXPECT_EQ(r.verdicts[0].reason, rules::Reason::kUserUnknown);
  EXPECT_EQ(r.identity.rfind("msgid:dsn-1@mx.example.net#", 0), 0u) << r.identity;
  EXPECT_EQ(r.identity, r.fallback_identity);
  EXPECT_FALSE(r.undecodable);
  ScanTally tally;
  ASSERT_TRUE(Record(*db_, r, tally).ok());
  ASSERT_TRUE(Record(*db_, BuildRecord(kDsn, "copy.eml", *rules_), tally).ok());
  EXPECT_EQ(tally.messages, 2);
  EXPECT_EQ(tally.recorded, 1);
  EXPECT_EQ(tally.already, 1);
  EXPECT_EQ(tally.events, 1);
  EXPECT_EQ(tally.newly_suppressed, std::vector<std::string>{"nobody@example.org"});
}

TEST_F(PipelineDbTest, AnImapMessageSeenAgainUnderANewUidvalidityIsNotRecordedTwice) {
  BuildOptions o;
  o.identity = "imap:work/INBOX/7/100";
  storage::ScanRecord r = BuildRecord(kDsn, "work/INBOX/100", *rules_, o);
  EXPECT_EQ(r.identity, "imap:work/INBOX/7/100");
  EXPECT_EQ(r.fallback_identity.rfind("msgid:dsn-1@mx.example.net#", 0), 0u);
  ScanTally tally;
  ASSERT_TRUE(Record(*db_, r, tally).ok());
  o.identity = "imap:work/INBOX/8/3";
  ASSERT_TRUE(Record(*db_, BuildRecord(kDsn, "work/INBOX/3", *rules_, o), tally).ok());
  // The same bytes as a file are the same message too.
  ASSERT_TRUE(Record(*db_, BuildRecord(kDsn, "saved.eml", *rules_), tally).ok());
  EXPECT_EQ(tally.recorded, 1);
  EXPECT_EQ(tally.already, 2);
  EXPECT_TRUE(*db_->IsRecorded("imap:work/INBOX/7/100"));
}

TEST_F(PipelineDbTest, UndecodableMessagesAreRecordedForTheDigest) {
  storage::ScanRecord r = BuildRecord("no headers, no body, no blank line", "junk.eml", *rules_);
  r.undecodable = true;  // whatever the decoder made of it, the recording path is what is tested here
  r.problem = "unreadable";
  ScanTally tally;
  ASSERT_TRUE(Record(*db_, r, tally).ok());
  EXPECT_EQ(tally.undecodable, 1);
  ASSERT_EQ(tally.problems.size(), 1u);
  EXPECT_EQ(tally.problems[0], "junk.eml: unreadable");
  auto list = db_->ListUndecodable();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().source, "junk.eml");
}

TEST_F(PipelineDbTest, AnOrdinaryMessageIsRecordedWithoutEvents) {
  ScanTally tally;
  // An ordinary message is recorded (so it is skipped next time) with no events.
  storage::ScanRecord plain = BuildRecord("From: a@example.com\r\nSubject: hello\r\nMessage-ID: <h@example.com>\r\n\r\nhi\r\n",
                                          "hello.eml", *rules_);
  EXPECT_EQ(plain.report.kind, mime::ReportKind::kNone);
  EXPECT_FALSE(plain.undecodable);
  ASSERT_TRUE(Record(*db_, plain, tally).ok());
  EXPECT_TRUE(*db_->IsRecorded(plain.identity));
}

}  // namespace
}  // namespace bouncescan::scanner
