// One engine for every MTA-family decoder: each fixture in testdata/ (messages written for
// these tests, anonymised) with what its decoder must read out of it.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mime/decode.h"
#include "mime/decoder.h"
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"
#include "mime/message.h"

namespace bouncescan::mime::lhost {
namespace {

std::string ReadFixture(const std::string& name) {
  const char* root = std::getenv("BOUNCESCAN_SOURCE_DIR");
  const std::string path = std::string(root != nullptr ? root : ".") + "/mime/lhost/testdata/" + name;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Expectation {
  const char* fixture;
  DecodeFn decode;
  const char* decoder;                  // BounceReport::decoder
  ReportKind kind;
  std::vector<std::string> recipients;  // final_recipient of each record, in order
  // Of the first recipient ("" = must be empty):
  const char* status;
  const char* reply_code;
  const char* smtp_command;
  const char* remote_mta;
  const char* diagnostic_has;  // a phrase its diagnostic must contain
};

const Expectation kExpectations[] = {
    {"activehunter-fatal.eml", DecodeActiveHunter, "activehunter", ReportKind::kBounce, {"gus@example.com"},
     "", "550", "", "", "User unknown in local recipient table"},
    {"amazonses-bounce.eml", DecodeAmazonSes, "amazonses", ReportKind::kBounce, {"jack@example.com"},
     "5.1.1", "550", "", "", "user unknown"},
    {"amazonses-complaint.eml", DecodeAmazonSes, "amazonses", ReportKind::kFeedback, {"kate@example.com"},
     "", "", "", "", ""},
    {"amazonworkmail-report.eml", DecodeAmazonWorkMail, "amazonworkmail", ReportKind::kBounce, {"mona@example.com"},
     "5.2.2", "550", "", "", "Mailbox Full"},
    {"biglobe-problems.eml", DecodeBiglobe, "biglobe", ReportKind::kBounce, {"emil@biglobe.ne.jp"},
     "", "", "", "", "exceeded the local limit"},
    {"domino-not-listed.eml", DecodeDomino, "domino", ReportKind::kBounce, {"sybil@example.com"},
     "", "", "", "", "not listed in Domino Directory"},
    {"dragonfly-rcpt.eml", DecodeDragonFly, "dragonfly", ReportKind::kBounce, {"grace@example.com"},
     "5.7.26", "550", "RCPT", "mx.example.com", "authentication checks failed"},
    {"einsundeins-size.eml", DecodeEinsUndEins, "einsundeins", ReportKind::kBounce, {"olga@example.org"},
     "", "", "", "", "Mail size limit exceeded"},
    {"exchange2003-not-recognized.eml", DecodeExchange2003, "exchange2003", ReportKind::kBounce,
     {"peggy@example.com"}, "", "", "", "", "The recipient name is not recognized"},
    {"exim-two-recipients.eml", DecodeExim, "exim", ReportKind::kBounce, {"alice@example.com", "bob@example.net"},
     "5.1.1", "550", "RCPT", "mx.example.com", "User unknown"},
    {"exim-local-name.eml", DecodeExim, "exim", ReportKind::kBounce, {"carol@example.org"},
     "", "", "", "", "mailbox is full"},
    {"ezweb-rejected.eml", DecodeEzweb, "ezweb", ReportKind::kBounce, {"xavier@ezweb.ne.jp"},
     "", "550", "RCPT", "", "User unknown"},
    {"ezweb-account-disabled.eml", DecodeEzweb, "ezweb", ReportKind::kBounce, {"yuki@ezweb.ne.jp"},
     "", "", "", "", "The user(s) account is disabled. user unknown"},
    {"fml-not-member.eml", DecodeFml, "fml", ReportKind::kBounce, {"list@example.org"},
     "", "", "", "", "not a member"},
    {"gmail-permanent.eml", DecodeGmail, "gmail", ReportKind::kBounce, {"heidi@example.com"},
     "5.1.1", "550", "", "mx.example.com", "User Unknown"},
    {"gmail-delayed.eml", DecodeGmail, "gmail", ReportKind::kDelay, {"ivan@example.com"},
     "", "", "", "", "retried"},
    {"gmail-message-not-delivered.eml", DecodeGmail, "gmail", ReportKind::kBounce, {"meeting@example.com"},
     "", "", "EHLO", "", "does not advertise AUTH"},
    {"gmx-quoted.eml", DecodeGmx, "gmx", ReportKind::kBounce, {"ned@example.com"},
     "5.2.2", "", "RCPT", "", "Mailbox Full"},
    {"googlegroups-no-permission.eml", DecodeGoogleGroups, "googlegroups", ReportKind::kBounce,
     {"team@googlegroups.com"}, "", "", "", "", "permission to post"},
    {"imailserver-unknown.eml", DecodeIMailServer, "imailserver", ReportKind::kBounce, {"victor@example.com"},
     "", "", "", "", "Unknown user"},
    {"kddi-mailbox-full.eml", DecodeKddi, "kddi", ReportKind::kBounce, {"walter@example.dion.ne.jp"},
     "", "", "", "", "mailbox is full"},
    {"mailfoundry-quota.eml", DecodeMailFoundry, "mailfoundry", ReportKind::kBounce, {"zach@example.com"},
     "", "550", "", "mx.example.com", "No such user here"},
    {"mailmarshal-affected.eml", DecodeMailMarshal, "mailmarshal", ReportKind::kBounce, {"hank@example.com"},
     "5.1.1", "550", "", "", "User unknown"},
    {"mailmarshal-additional-information.eml", DecodeMailMarshal, "mailmarshal", ReportKind::kBounce,
     {"ivy@example.com"}, "5.1.1", "550", "", "", "User unknown"},
    {"mailru-user-unknown.eml", DecodeMailRu, "mailru", ReportKind::kBounce, {"dave@example.com"},
     "5.1.1", "550", "RCPT", "mx.example.com", "User Unknown"},
    {"mfilter-server-message.eml", DecodeMFilter, "mfilter", ReportKind::kBounce, {"yvonne@example.com"},
     "5.1.1", "550", "DATA", "", "User unknown"},
    {"mimecast-access-denied.eml", DecodeMimecast, "mimecast", ReportKind::kBounce, {"iris@example.org"},
     "5.4.1", "", "", "", "Access denied"},
    {"mxlogic-unknown.eml", DecodeMxLogic, "mxlogic", ReportKind::kBounce, {"pete@example.com"},
     "5.1.1", "550", "", "", "User unknown"},
    {"notes-reason-first.eml", DecodeNotes, "notes", ReportKind::kBounce, {"trent@example.com"},
     "", "", "", "", "not listed in public Name & Address Book"},
    {"office365-not-found.eml", DecodeOffice365, "office365", ReportKind::kBounce, {"quentin@example.com"},
     "5.1.10", "550", "", "", "RecipientNotFound"},
    {"office365-auth-required.eml", DecodeOffice365, "office365", ReportKind::kBounce, {"rupert@example.net"},
     "5.7.1", "530", "", "", "Client was not authenticated"},
    {"office365-soft-break.eml", DecodeOffice365, "office365", ReportKind::kBounce, {"otto.longname@example.net"},
     "5.1.1", "550", "", "", "RecipNotFound"},
    {"opensmtpd-list.eml", DecodeOpenSmtpd, "opensmtpd", ReportKind::kBounce, {"ursula@example.com"},
     "5.1.1", "550", "", "", "User unknown"},
    {"postfix-plain.eml", DecodePostfix, "postfix", ReportKind::kBounce, {"kim@example.com"},
     "5.1.1", "550", "RCPT", "mx.example.com", "User unknown in local recipient table"},
    {"postfix-transcript.eml", DecodePostfix, "postfix", ReportKind::kBounce, {"leo@example.org"},
     "4.3.0", "451", "DATA", "", "queue file write error"},
    {"postfix-report-unavailable.eml", DecodePostfix, "postfix", ReportKind::kBounce, {"paula@example.com"},
     "", "", "", "", ""},
    {"qmail-remote-said.eml", DecodeQmail, "qmail", ReportKind::kBounce, {"erin@example.com", "frank@example.net"},
     "5.1.1", "550", "", "", "User unknown"},
    {"sendmail-forwarded.eml", DecodeSendmail, "sendmail", ReportKind::kBounce, {"mallory@example.com"},
     "5.1.1", "550", "RCPT", "", "User unknown"},
    {"surfcontrol-no-such-user.eml", DecodeSurfControl, "surfcontrol", ReportKind::kDsn, {"tilda@example.com"},
     "5.0.0", "550", "", "", "No such user"},
    {"trendmicro-session.eml", DecodeTrendMicro, "trendmicro", ReportKind::kBounce, {"fay@example.com"},
     "5.1.1", "550", "RCPT", "", "user unknown"},
    {"v5sendmail-transcript.eml", DecodeV5Sendmail, "v5sendmail", ReportKind::kBounce,
     {"nina@example.com", "oscar@example.net"}, "", "554", "", "", "Remote protocol error"},
    {"v5sendmail-reply-above-recipient.eml", DecodeV5Sendmail, "v5sendmail", ReportKind::kBounce,
     {"paul@example.com", "quinn@example.net"}, "", "554", "", "", "which is an open relay"},
    {"verizon-invalid.eml", DecodeVerizon, "verizon", ReportKind::kBounce, {"5550100@vzwpix.com"},
     "", "", "", "", "No valid recipients"},
    // The inner multipart's boundary parameter sits on an unindented line (sample file
    // lhost-verizon-02): the words must still be read, and the reason above the details kept.
    {"verizon-unindented-boundary.eml", DecodeVerizon, "verizon", ReportKind::kBounce, {"5550199@vtext.com"},
     "", "550", "RCPT", "", "no such user here"},
    {"x1-delivery-errors.eml", DecodeX1, "x1", ReportKind::kBounce, {"abby@example.com"},
     "", "", "", "", "User unknown"},
    {"x2-queue-too-long.eml", DecodeX2, "x2", ReportKind::kBounce, {"bert@example.net"},
     "", "", "", "", "Operation timed out"},
    {"x3-bullet.eml", DecodeX3, "x3", ReportKind::kBounce, {"cleo@example.net"},
     "5.3.0", "553", "RCPT", "192.0.2.120", "No such user here"},
    {"x4-mailfolder-full.eml", DecodeX4, "x4", ReportKind::kBounce, {"dora@example.com"},
     "", "", "", "", "mailfolder is full"},
    {"yahoo-mailbox-full.eml", DecodeYahoo, "yahoo", ReportKind::kBounce, {"judy@example.com"},
     "5.2.2", "552", "RCPT", "", "Mailbox Full"},
    {"zoho-invalid.eml", DecodeZoho, "zoho", ReportKind::kBounce, {"rosa@example.com"},
     "5.1.1", "550", "", "", "User Unknown"},
};

class FamilyDecoderTest : public ::testing::TestWithParam<Expectation> {};

TEST_P(FamilyDecoderTest, ReadsTheFixture) {
  const Expectation& e = GetParam();
  const std::string raw = ReadFixture(e.fixture);
  ASSERT_FALSE(raw.empty()) << "missing fixture " << e.fixture;
  Result<Message> parsed = ParseMessage(raw);
  ASSERT_TRUE(parsed.ok()) << e.fixture;
  BounceReport report;
  ASSERT_EQ(e.decode(*parsed, &report), DecoderMatch::kDecoded) << e.fixture;
  EXPECT_EQ(report.decoder, e.decoder);
  EXPECT_EQ(report.kind, e.kind) << ReportKindName(report.kind);
  std::vector<std::string> got;
  for (const RecipientRecord& r : report.recipients) got.push_back(r.final_recipient);
  EXPECT_EQ(got, e.recipients);
  ASSERT_FALSE(report.recipients.empty());
  const RecipientRecord& first = report.recipients.front();
  EXPECT_EQ(first.status, e.status) << first.diagnostic_code;
  EXPECT_EQ(first.reply_code, e.reply_code) << first.diagnostic_code;
  EXPECT_EQ(first.smtp_command, e.smtp_command) << first.diagnostic_code;
  EXPECT_EQ(first.remote_mta, e.remote_mta) << first.diagnostic_code;
  EXPECT_NE(first.diagnostic_code.find(e.diagnostic_has), std::string::npos) << first.diagnostic_code;
  if (e.kind == ReportKind::kBounce) {
    EXPECT_EQ(first.action, "failed");
  }
  if (e.kind == ReportKind::kDelay) {
    EXPECT_EQ(first.action, "delayed");
  }
}

// Postfix's "Delivery report unavailable": the template text above it is no reason, so
// the recipient's diagnostic stays empty and the verdict says the cause is unknown
// (sample files lhost-postfix-64, issue-15-01).
TEST(FamilyDecoders, PostfixReportUnavailableHasNoDiagnostic) {
  Result<Message> parsed = ParseMessage(ReadFixture("postfix-report-unavailable.eml"));
  ASSERT_TRUE(parsed.ok());
  BounceReport report;
  ASSERT_EQ(DecodePostfix(*parsed, &report), DecoderMatch::kDecoded);
  ASSERT_EQ(report.recipients.size(), 1u);
  EXPECT_EQ(report.recipients[0].diagnostic_code, "");
}

// Sendmail V5 writes the server's reply and the per-host line above the recipient line
// they concern: the refusal of the sender's server belongs to the first recipient, the
// unknown host to the second (sample file lhost-v5sendmail-07, where the host line made the
// first recipient an unknown host).
TEST(FamilyDecoders, V5SendmailRepliesBelongToTheRecipientNamedNext) {
  Result<Message> parsed = ParseMessage(ReadFixture("v5sendmail-reply-above-recipient.eml"));
  ASSERT_TRUE(parsed.ok());
  BounceReport report;
  ASSERT_EQ(DecodeV5Sendmail(*parsed, &report), DecoderMatch::kDecoded);
  ASSERT_EQ(report.recipients.size(), 2u);
  EXPECT_EQ(report.recipients[0].diagnostic_code.find("Host unknown"), std::string::npos)
      << report.recipients[0].diagnostic_code;
  EXPECT_EQ(report.recipients[1].diagnostic_code.find("open relay"), std::string::npos)
      << report.recipients[1].diagnostic_code;
  EXPECT_NE(report.recipients[1].diagnostic_code.find("example.net (smtp)... 550 Host unknown"), std::string::npos)
      << report.recipients[1].diagnostic_code;
}

// Through the registry: the decoders before this one in the order table must not take
// the fixture, and the RFC 3464 / generic decoders must not shadow it.
TEST_P(FamilyDecoderTest, RegistryOrderPicksThisDecoder) {
  const Expectation& e = GetParam();
  const DecodeResult result = DecodeBounce(ReadFixture(e.fixture));
  EXPECT_EQ(result.report.decoder, e.decoder) << e.fixture;
  EXPECT_EQ(result.report.kind, e.kind) << e.fixture;
}

std::string FixtureName(const ::testing::TestParamInfo<Expectation>& info) {
  std::string name = info.param.fixture;
  name = name.substr(0, name.find('.'));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FamilyDecoderTest, ::testing::ValuesIn(kExpectations), FixtureName);

// Mail that only quotes bounce phrases, and notifications that are not failures, are no
// family's bounce; and "not mine" leaves the report as it was.
TEST(FamilyDecoders, OrdinaryMailIsNobodysBounce) {
  for (const char* fixture : {"not-a-bounce.eml", "amazonses-delivery.eml"}) {
    Result<Message> parsed = ParseMessage(ReadFixture(fixture));
    ASSERT_TRUE(parsed.ok());
    for (const Expectation& e : kExpectations) {
      BounceReport report;
      report.decoder = "untouched";
      EXPECT_EQ(e.decode(*parsed, &report), DecoderMatch::kNotMine) << e.decoder << " took " << fixture;
      EXPECT_EQ(report.decoder, "untouched");
      EXPECT_TRUE(report.recipients.empty());
    }
  }
}

TEST(FamilyDecoders, EveryDecoderIsInTheRegistry) {
  for (const Expectation& e : kExpectations) {
    bool found = false;
    for (const Decoder& d : DecoderOrder()) found = found || (d.id == e.decoder && d.decode == e.decode);
    EXPECT_TRUE(found) << e.decoder;
  }
}

// Exim names local deliveries by pipe, file or bare local part; those are resolved against
// X-Failed-Recipients and the returned message instead of being reported as addresses.
TEST(FamilyDecoders, EximBareNamesAreResolved) {
  Result<Message> parsed = ParseMessage(ReadFixture("exim-local-name.eml"));
  ASSERT_TRUE(parsed.ok());
  BounceReport report;
  ASSERT_EQ(DecodeExim(*parsed, &report), DecoderMatch::kDecoded);
  ASSERT_EQ(report.recipients.size(), 1u);
  EXPECT_EQ(report.recipients[0].final_recipient, "carol@example.org");
}

// "<user@example.com> (expanded from\n    <alias@example.org>): ..." reports one recipient;
// the alias in parentheses is not a second one.
TEST(FamilyDecoders, PostfixAliasIsNotARecipient) {
  Result<Message> parsed = ParseMessage(ReadFixture("postfix-plain.eml"));
  ASSERT_TRUE(parsed.ok());
  BounceReport report;
  ASSERT_EQ(DecodePostfix(*parsed, &report), DecoderMatch::kDecoded);
  ASSERT_EQ(report.recipients.size(), 1u);
}

// A sendmail transcript's "<<< 501 <sender@...>" echoes the MAIL FROM address; it must not
// become a recipient.
TEST(FamilyDecoders, TranscriptEchoOfTheSenderIsNotARecipient) {
  Result<Message> parsed = ParseMessage(ReadFixture("v5sendmail-transcript.eml"));
  ASSERT_TRUE(parsed.ok());
  BounceReport report;
  ASSERT_EQ(DecodeV5Sendmail(*parsed, &report), DecoderMatch::kDecoded);
  for (const RecipientRecord& r : report.recipients) EXPECT_NE(r.final_recipient, "sender@example.org");
}

TEST(FamilyDecoders, ReturnedMessageHeadersAreKept) {
  const DecodeResult result = DecodeBounce(ReadFixture("exim-two-recipients.eml"));
  EXPECT_EQ(result.report.original.message_id, "E1vAbCc-0001Xw-O9@mx1.example.org");
  EXPECT_EQ(result.report.original.subject, "Quarterly figures");
}

TEST(Scan, FindNoCase) {
  EXPECT_EQ(FindNoCase("Hello World", "world"), 6u);
  EXPECT_EQ(FindNoCase("Hello", "hello world"), std::string_view::npos);
  EXPECT_EQ(FindNoCase("abc", ""), 0u);
  // Long texts take the skipping search; it must agree with a plain scan everywhere.
  const std::string text =
      "Hi. This is the QMAIL-SEND program at mx.example.org. I'm afraid I wasn't able to deliver "
      "your message to the following addresses. ABABABABC ababab abc";
  for (std::string_view needle : {"this is the qmail-send program", "following addresses.", "ababc", "abc",
                                  "not there at all", "mx.example.org. i'm", "hi. this"}) {
    std::string lower_text;
    for (char c : text) lower_text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    EXPECT_EQ(FindNoCase(text, needle), lower_text.find(needle)) << needle;
  }
}

TEST(Scan, EmbeddedDsnFields) {
  const auto records = ReadEmbeddedDsnFields(
      "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 no such\n  user\n\nFinal-Recipient: rfc822; b@example.net\n"
      "Action: delayed\nStatus: 4.4.1\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].final_recipient, "a@example.com");
  EXPECT_EQ(records[0].diagnostic_code, "550 5.1.1 no such user");
  EXPECT_EQ(records[0].reply_code, "550");
  EXPECT_EQ(records[1].action, "delayed");
  EXPECT_EQ(records[1].status, "4.4.1");
}

}  // namespace
}  // namespace bouncescan::mime::lhost
