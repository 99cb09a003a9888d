#include "scanner/pipeline.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

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

// A message of several kReadStep steps: "Subject: large", a blank line, 60,000 short lines.
std::string LargeMessage(const std::string& header, const std::string& eol) {
  std::string raw = header + "Subject: large" + eol + eol;
  for (int i = 0; i < 60000; ++i) raw += "row " + std::to_string(i) + " of a long returned attachment" + eol;
  return raw;
}

// Checks that `seen` are consecutive stretches of `raw`, from its start to its end, each
// starting a whole number of steps in.
void ExpectCoveredInSteps(std::string_view raw, const std::vector<std::string_view>& seen) {
  ASSERT_GE(seen.size(), 3u);
  const char* next = raw.data();
  for (std::string_view r : seen) {
    EXPECT_EQ(r.data(), next);
    EXPECT_EQ(static_cast<std::size_t>(r.data() - raw.data()) % kReadStep, 0u);
    next = r.data() + r.size();
  }
  EXPECT_EQ(next, raw.data() + raw.size());
}

TEST(ContentIdentity, HashesOfMessagesLargerThanAStepAreUnchanged) {
  // Expected values from Python's hashlib over the same bytes: without a Message-ID, the
  // SHA-256 of all 2,388,906 bytes; with one, of the body without its last line end.
  std::vector<std::string_view> seen;
  auto done_with = [&seen](std::string_view r) { seen.push_back(r); };

  const std::string plain = LargeMessage("", "\n");
  ASSERT_EQ(plain.size(), 2388906u);
  EXPECT_EQ(ContentIdentity(plain, WithId(""), done_with),
            "sha256:5ab76cb4f6ecad5a24f70035c565725d9ea374e96c1423903debedfecf131c1b");
  ExpectCoveredInSteps(plain, seen);
  EXPECT_EQ(ContentIdentity(plain, WithId("")), "sha256:" + Sha256Hex(plain));

  for (const char* eol : {"\n", "\r\n"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(eol)));
    const std::string with_id = LargeMessage(std::string("Message-ID: <large@mx.example.net>") + eol, eol);
    seen.clear();
    EXPECT_EQ(ContentIdentity(with_id, WithId("large@mx.example.net"), done_with),
              "msgid:large@mx.example.net#4a2f488fb8f9f88e");
    ExpectCoveredInSteps(with_id, seen);
    EXPECT_EQ(ContentIdentity(with_id, WithId("large@mx.example.net")), "msgid:large@mx.example.net#4a2f488fb8f9f88e");
  }
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
