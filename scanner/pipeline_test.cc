#include "scanner/pipeline.h"

#include <gtest/gtest.h>

#include "scanner/sha256.h"
#include "storage/test_util.h"

namespace bouncescan::scanner {
namespace {

mime::BounceReport WithId(std::string id) {
  mime::BounceReport r;
  r.message_id = std::move(id);
  return r;
}

const char kBounce[] =
    "From: MAILER-DAEMON@mx.example.net\n"
    "Message-ID: <20231114.abc@mx.example.net>\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "\n"
    "This is the mail system at host mx.example.net.\n"
    "From the postmaster   \n"
    "<user@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1 unknown user\n"
    "\n";

std::string WithCrlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(ContentIdentity, UsesTheMessageIdQualifiedByTheBody) {
  const std::string id = ContentIdentity(kBounce, WithId("20231114.abc@mx.example.net"));
  EXPECT_EQ(id.rfind("msgid:20231114.abc@mx.example.net#", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("msgid:20231114.abc@mx.example.net#").size() + 16);
  // Angle brackets or spaces around the id do not matter.
  EXPECT_EQ(ContentIdentity(kBounce, WithId(" <20231114.abc@mx.example.net> ")), id);
}

TEST(ContentIdentity, TheSameMessageSavedDifferentlyIsOneMessage) {
  const std::string id = ContentIdentity(kBounce, WithId("20231114.abc@mx.example.net"));
  // CRLF line ends (Maildir on Windows, IMAP), extra headers added by an mbox writer, the
  // body's "From " quoted, trailing blank lines dropped.
  std::string crlf = WithCrlf(kBounce);
  EXPECT_EQ(ContentIdentity(crlf, WithId("20231114.abc@mx.example.net")), id);
  std::string mbox = std::string("Status: RO\nX-Mozilla-Status: 0001\n") + kBounce;
  const std::size_t from = mbox.find("\nFrom the postmaster");
  mbox.insert(from + 1, ">");
  mbox += "\n\n";
  EXPECT_EQ(ContentIdentity(mbox, WithId("20231114.abc@mx.example.net")), id);
}

TEST(ContentIdentity, TwoBouncesSharingAMessageIdStayTwo) {
  std::string other = kBounce;
  other.replace(other.find("user@example.com"), 16, "ann@example.com");
  EXPECT_NE(ContentIdentity(other, WithId("20231114.abc@mx.example.net")),
            ContentIdentity(kBounce, WithId("20231114.abc@mx.example.net")));
}

TEST(ContentIdentity, WithoutAMessageIdItIsTheHashOfTheBytes) {
  EXPECT_EQ(ContentIdentity(kBounce, WithId("")), "sha256:" + Sha256Hex(kBounce));
  EXPECT_NE(ContentIdentity(WithCrlf(kBounce), WithId("")), ContentIdentity(kBounce, WithId("")));
}

TEST(ScanTally, SummaryCountsWhatHappened) {
  ScanTally t;
  t.messages = 3;
  t.recorded = 2;
  t.already = 1;
  t.events = 4;
  t.newly_suppressed = {"a@example.com"};
  EXPECT_EQ(t.Summary(), "3 messages: 2 new, 1 already recorded; 4 new events; 1 address newly suppressed");
  t.undecodable = 1;
  EXPECT_EQ(t.Summary(), "3 messages: 2 new, 1 already recorded; 4 new events; 1 address newly suppressed; 1 undecodable");
}

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

TEST(IsUndecodable, BouncesThatCannotBeReadAreFlagged) {
  std::string problem;
  mime::DecodeResult d;
  EXPECT_FALSE(IsUndecodable(d, &problem));  // an ordinary message
  d.malformed = true;
  d.problems = {"no header/body separator"};
  EXPECT_TRUE(IsUndecodable(d, &problem));
  EXPECT_EQ(problem, "no header/body separator");
  d = mime::DecodeResult();
  d.report.kind = mime::ReportKind::kDsn;
  d.report.decoder = "rfc3464";
  EXPECT_TRUE(IsUndecodable(d, &problem));
  EXPECT_EQ(problem, "looks like a dsn but names no recipient");
  d.report.recipients.emplace_back();
  EXPECT_FALSE(IsUndecodable(d, &problem));
  d = mime::DecodeResult();
  d.report.decoder = "postfix";
  d.problems = {"the postfix decoder found a damaged report"};
  EXPECT_TRUE(IsUndecodable(d, &problem));
  d.report.kind = mime::ReportKind::kAutoreply;
  EXPECT_FALSE(IsUndecodable(d, &problem));
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
