#include "scanner/pipeline.h"

#include <gtest/gtest.h>

#include "scanner/sha256.h"

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

}  // namespace
}  // namespace bouncescan::scanner
