#include "mime/decode.h"
#include "mime/decoder_util.h"
#include "mime/message.h"
#include "mime/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace bouncescan::mime {
namespace {

std::string Fixture(const std::string& name) {
  const char* dir = std::getenv("BOUNCESCAN_SOURCE_DIR");
  std::string path = std::string(dir ? dir : ".") + "/mime/testdata/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string WithLineEnding(const std::string& text, const std::string& eol) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += eol;
    } else {
      out += c;
    }
  }
  return out;
}

const RecipientRecord* Find(const BounceReport& r, const std::string& address) {
  for (const RecipientRecord& x : r.recipients) {
    if (x.final_recipient == address) return &x;
  }
  return nullptr;
}

class Rfc3464EveryLineEnding : public ::testing::TestWithParam<const char*> {};

TEST_P(Rfc3464EveryLineEnding, EveryRecipientGroup) {
  DecodeResult d = DecodeBounce(WithLineEnding(Fixture("dsn-two-failed-one-delivered.eml"), GetParam()));
  ASSERT_FALSE(d.malformed);
  const BounceReport& r = d.report;
  EXPECT_EQ(r.kind, ReportKind::kDsn);
  EXPECT_EQ(r.decoder, "rfc3464");
  EXPECT_EQ(r.reporting_mta, "mx.example.net");
  ASSERT_EQ(r.recipients.size(), 3u);

  const RecipientRecord* alice = Find(r, "alice@example.org");
  ASSERT_NE(alice, nullptr);
  EXPECT_EQ(alice->original_recipient, "Alice@example.org");
  EXPECT_EQ(alice->action, "failed");
  EXPECT_EQ(alice->status, "5.1.1");
  EXPECT_EQ(alice->reply_code, "550");
  EXPECT_EQ(alice->diagnostic_type, "smtp");
  EXPECT_EQ(alice->diagnostic_code,
            "550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown in virtual mailbox table");
  EXPECT_EQ(alice->remote_mta, "mx1.example.org");
  EXPECT_EQ(alice->last_attempt_date, "Tue, 14 May 2024 09:12:45 +0000 (UTC)");

  // No Status field: taken from the diagnostic.
  const RecipientRecord* bob = Find(r, "bob@example.org");
  ASSERT_NE(bob, nullptr);
  EXPECT_EQ(bob->status, "5.2.2");
  EXPECT_EQ(bob->reply_code, "552");

  const RecipientRecord* carol = Find(r, "carol@example.org");
  ASSERT_NE(carol, nullptr);
  EXPECT_EQ(carol->action, "delivered");

  EXPECT_EQ(r.original.message_id, "orig-1234@mail.example.com");
  EXPECT_EQ(r.original.subject, "Tháng năm mới");
  EXPECT_EQ(r.original.to, "alice@example.org, bob@example.org, carol@example.org");
  EXPECT_EQ(r.subject, "Undelivered Mail Returned to Sender");
}

INSTANTIATE_TEST_SUITE_P(LineEndings, Rfc3464EveryLineEnding, ::testing::Values("\n", "\r\n", "\r"));

// PowerMTA's per-recipient X-PowerMTA-BounceCategory is its own class of the failure.
TEST(Rfc3464, PowerMtaBounceCategoryPerRecipient) {
  DecodeResult d = DecodeBounce(Fixture("dsn-powermta-category.eml"));
  ASSERT_EQ(d.report.recipients.size(), 2u);
  const RecipientRecord* una = Find(d.report, "una@example.com");
  const RecipientRecord* vera = Find(d.report, "vera@example.org");
  ASSERT_NE(una, nullptr);
  ASSERT_NE(vera, nullptr);
  EXPECT_EQ(una->bounce_category, "bad-mailbox");
  EXPECT_EQ(una->status, "5.2.1");
  EXPECT_EQ(vera->bounce_category, "quota-issues");
}

// A source-routed Final-Recipient to a host inside the site ("@relay:user@server") is
// not an address the sender knows; the Original-Recipient is.
TEST(Rfc3464, SourceRoutedFinalRecipientGivesWayToTheOriginal) {
  DecodeResult d = DecodeBounce(Fixture("dsn-source-routed-final-recipient.eml"));
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "wendy@example.net");
  EXPECT_EQ(d.report.recipients[0].status, "5.1.1");
}

TEST(Rfc3464, OnlyDelayedIsKindDelay) {
  DecodeResult d = DecodeBounce(Fixture("dsn-delayed.eml"));
  EXPECT_EQ(d.report.kind, ReportKind::kDelay);
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].action, "delayed");
  EXPECT_EQ(d.report.recipients[0].status, "4.4.1");
  EXPECT_EQ(d.report.recipients[0].diagnostic_type, "x-postfix");
}

// A SurfControl report (read by DecodeRfc3464 under its own id) whose group lacks a
// Diagnostic-Code: filling it from the text asked the SurfControl decoder, which read the
// fields and asked again, until the stack overflowed (found by fuzzing the decode path).
TEST(Rfc3464, ReportWithoutDiagnosticReadThroughAnotherDecoderEnds) {
  DecodeResult d = DecodeBounce(Fixture("surfcontrol-dsn-without-diagnostic-code.eml"));
  EXPECT_FALSE(d.malformed);
  EXPECT_EQ(d.report.decoder, "surfcontrol");
  EXPECT_EQ(d.report.kind, ReportKind::kDsn);
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "user@example.net");
  EXPECT_EQ(d.report.recipients[0].status, "5.7.1");
}

TEST(Rfc3464, EverythingDeliveredIsNotABounce) {
  DecodeResult d = DecodeBounce(Fixture("dsn-all-delivered.eml"));
  EXPECT_EQ(d.report.kind, ReportKind::kNone);
  EXPECT_EQ(d.report.recipients.size(), 2u);
}

TEST(Arf, FeedbackReport) {
  DecodeResult d = DecodeBounce(Fixture("arf-abuse.eml"));
  EXPECT_EQ(d.report.kind, ReportKind::kFeedback);
  EXPECT_EQ(d.report.decoder, "arf");
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "grace@example.net");
  EXPECT_EQ(d.report.recipients[0].feedback_type, "abuse");
  EXPECT_EQ(d.report.original.message_id, "offer-1@example.com");
}

TEST(Arf, RecipientFromOriginalToWhenNoOriginalRcptTo) {
  std::string raw = Fixture("arf-abuse.eml");
  std::size_t p = raw.find("Original-Rcpt-To: <grace@example.net>\n");
  ASSERT_NE(p, std::string::npos);
  raw.erase(p, std::string("Original-Rcpt-To: <grace@example.net>\n").size());
  DecodeResult d = DecodeBounce(raw);
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "grace@example.net");
}

TEST(Autoreply, GermanSubjectIsAutoreplyNotFailure) {
  DecodeResult d = DecodeBounce(Fixture("vacation-german.eml"));
  EXPECT_EQ(d.report.kind, ReportKind::kAutoreply);
  EXPECT_EQ(d.report.subject, "Abwesenheitsnotiz: Ihre Nachricht");
  for (const RecipientRecord& r : d.report.recipients) EXPECT_NE(r.action, "failed");
}

TEST(Autoreply, AutoSubmittedHeaderEvenWhenTextMentionsDelivery) {
  DecodeResult d = DecodeBounce(Fixture("vacation-auto-submitted.eml"));
  EXPECT_EQ(d.report.kind, ReportKind::kAutoreply);
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "ivan@example.net");
}

TEST(Autoreply, MailerDaemonWithAutoSubmittedIsNotAutoreply) {
  DecodeResult d = DecodeBounce(Fixture("exim-plain.eml"));
  EXPECT_NE(d.report.kind, ReportKind::kAutoreply);
}

TEST(None, OrdinaryMessage) {
  DecodeResult d = DecodeBounce(Fixture("plain-message.eml"));
  EXPECT_FALSE(d.malformed);
  EXPECT_EQ(d.report.kind, ReportKind::kNone);
  EXPECT_TRUE(d.report.recipients.empty());
}

// A delivery report that names nobody, not even in a quoted original, was classified
// "none" and so vanished; it is a bounce that could not be read, and the digest lists it.
TEST(Generic, ReportThatNamesNoRecipientIsADamagedBounceNotNone) {
  DecodeResult d = DecodeBounce(Fixture("dsn-names-no-recipient.eml"));
  EXPECT_FALSE(d.malformed);
  EXPECT_EQ(d.report.kind, ReportKind::kBounce);
  EXPECT_TRUE(d.report.recipients.empty());
  EXPECT_EQ(d.report.subject, "Undeliverable: Invoice 2024-05");
  ASSERT_FALSE(d.problems.empty());
  EXPECT_NE(d.problems.back().find("damaged report"), std::string::npos);
}

// The reason written on the line above the address belongs to it (sample file
// rb-issue-368-bug: "reject reason: Mailbox full" / "target mail address: ...").
TEST(DecodeBounce, OpaqueBodyIsNotReadAsText) {
  // A bounce whose only body is an application/octet-stream part. Its bytes decode to a
  // Postfix-style report followed by binary; they were read as the bounce's text and gave a
  // recipient whose diagnostic held the binary tail. There is no text to read: a damaged
  // bounce that names nobody.
  DecodeResult d = DecodeBounce(Fixture("opaque-body-not-read-as-text.eml"));
  ASSERT_FALSE(d.malformed);
  EXPECT_EQ(d.report.kind, ReportKind::kBounce);
  EXPECT_TRUE(d.report.recipients.empty()) << d.report.recipients.front().diagnostic_code;
}

TEST(DecodeBounce, AttachmentOfTheReturnedMessageChangesNothing) {
  DecodeResult d = DecodeBounce(Fixture("dsn-returned-attachment-not-in-text.eml"));
  ASSERT_FALSE(d.malformed);
  EXPECT_EQ(d.report.decoder, "rfc3464");
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "binh@example.org");
  EXPECT_EQ(d.report.recipients[0].status, "5.1.1");
  EXPECT_EQ(d.report.original.subject, "The quote you asked for");
  EXPECT_EQ(d.report.original.to, "binh@example.org");
}

TEST(Generic, ReasonLineAboveTheAddress) {
  DecodeResult d = DecodeBounce(Fixture("generic-reason-above-address.eml"));
  EXPECT_EQ(d.report.decoder, "generic");
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "xena@example.de");
  EXPECT_NE(d.report.recipients[0].diagnostic_code.find("reject reason: Mailbox full"), std::string::npos)
      << d.report.recipients[0].diagnostic_code;
}

TEST(Generic, PlainTextBounceWithQuotedOriginal) {
  DecodeResult d = DecodeBounce(Fixture("exim-plain.eml"));
  EXPECT_TRUE(d.report.kind == ReportKind::kBounce || d.report.kind == ReportKind::kDsn);
  ASSERT_EQ(d.report.recipients.size(), 1u);
  const RecipientRecord& r = d.report.recipients[0];
  EXPECT_EQ(r.final_recipient, "kim@example.org");
  EXPECT_EQ(r.action, "failed");
  EXPECT_EQ(r.status, "5.1.1");
  EXPECT_EQ(r.reply_code, "550");
  EXPECT_EQ(d.report.original.subject, "Invoice 2024-05");
  EXPECT_EQ(d.report.original.message_id, "E1s89Aa-0001xw-1P@mail.example.com");
}

TEST(Charsets, Iso2022JpDiagnosticAndShiftJisText) {
  DecodeResult d = DecodeBounce(Fixture("dsn-iso2022jp-diagnostic-sjis-text.eml"));
  ASSERT_EQ(d.report.recipients.size(), 1u);
  const RecipientRecord& r = d.report.recipients[0];
  EXPECT_EQ(r.final_recipient, "hanako@example.jp");
  EXPECT_EQ(r.diagnostic_code, "550 5.1.1 宛先不明です");
  EXPECT_EQ(r.reply_code, "550");
  EXPECT_EQ(d.report.subject, "配信できませんでした");
}

TEST(Charsets, ShiftJisTextPartIsUtf8) {
  Result<Message> m = ParseMessage(Fixture("dsn-iso2022jp-diagnostic-sjis-text.eml"));
  ASSERT_TRUE(m.ok());
  EXPECT_NE(m->MainText().find("宛先 hanako@example.jp は存在しません"), std::string_view::npos);
}

TEST(Charsets, Windows1258Diagnostic) {
  // A delivery-status part has no charset; 8-bit text that is not UTF-8 is read as
  // windows-1252 there, so only the ASCII of this diagnostic is guaranteed; the text part
  // is labelled windows-1258 and must come out as Vietnamese.
  DecodeResult d = DecodeBounce(Fixture("dsn-windows-1258.eml"));
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].status, "5.2.2");
  EXPECT_EQ(d.report.recipients[0].reply_code, "552");
  Result<Message> m = ParseMessage(Fixture("dsn-windows-1258.eml"));
  ASSERT_TRUE(m.ok());
  EXPECT_NE(m->MainText().find("Thư không"), std::string_view::npos) << m->MainText();
}

TEST(DecoderUtil, IFindIgnoresAsciiCase) {
  EXPECT_EQ(IFind("Delivery Status Notification", "status"), 9u);
  EXPECT_EQ(IFind("abcABC", "ABC", 1), 3u);
  EXPECT_EQ(IFind("xx", "xxx"), std::string_view::npos);
  EXPECT_EQ(IFind("the end", "END"), 4u);
  EXPECT_EQ(IFind("a1", "1"), 1u);
  EXPECT_EQ(IFind("no match here", "z"), std::string_view::npos);
  EXPECT_EQ(IFind("abc", "", 2), 2u);
}

// The marker search skips ahead by whole windows; near misses, any case, markers at the
// very start and end and several markers in one text must all come out as a plain search
// for the earliest marker would.
TEST(DecoderUtil, TextBeforeQuotedOriginalStopsAtTheEarliestMarker) {
  const std::vector<std::string> markers = {"----- Original message -----", "Headers follow",
                                            "BELOW THIS LINE IS A COPY OF THE MESSAGE.",
                                            "------ This is a copy of the message, including all the headers. ------",
                                            "Orginal message"};
  const std::vector<std::string> filler = {"headers follo", "original messag", "copy of the messag", "the", "he",
                                           "error", "user unknown", "-----", "Below", "this", "line"};
  std::mt19937 rng(29112026);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    std::size_t want = std::string::npos;
    const int words = static_cast<int>(rng() % 40);
    const int marker_at = static_cast<int>(rng() % 50);  // past the end: no marker
    for (int w = 0; w <= words; ++w) {
      if (w == marker_at) {
        std::size_t line_start = text.size();
        std::string m = markers[rng() % markers.size()];
        if (rng() % 2) {
          for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        text += m;
        want = line_start;
      } else {
        text += filler[rng() % filler.size()];
      }
      text += (rng() % 4 == 0) ? "\n" : " ";
      if (want != std::string::npos && rng() % 3 == 0) text += markers[rng() % markers.size()] + "\n";
    }
    std::string_view before = TextBeforeQuotedOriginal(text);
    if (want == std::string::npos) {
      ASSERT_EQ(before, text);
      continue;
    }
    // Everything up to the start of the marker's line.
    std::size_t line_start = text.rfind('\n', want == 0 ? 0 : want - 1);
    line_start = (want == 0 || line_start == std::string::npos) ? 0 : line_start + 1;
    ASSERT_EQ(before, std::string_view(text).substr(0, line_start)) << text;
  }
}

// What PhraseFinder must answer: the smallest plain search over ASCII-folded copies,
// the first phrase listed on ties.
PhraseFinder::Match PlainEarliest(std::string_view text, const std::vector<std::string_view>& phrases) {
  auto fold = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  };
  const std::string folded = fold(text);
  PhraseFinder::Match best;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    const std::size_t at = folded.find(fold(phrases[i]));
    if (at < best.pos) best = {at, i};
  }
  return best;
}

TEST(DecoderUtil, EqualsNoCaseFoldsAsciiOnly) {
  EXPECT_TRUE(EqualsNoCase("Final-Recipient", "final-recipient"));
  EXPECT_TRUE(EqualsNoCase("", ""));
  EXPECT_FALSE(EqualsNoCase("Final-Recipient", "final-recipients"));
  EXPECT_FALSE(EqualsNoCase("final-recipients", "Final-Recipient"));
  EXPECT_FALSE(EqualsNoCase("@", "`"));
  EXPECT_FALSE(EqualsNoCase("\xC3\x89", "\xC3\xA9"));  // no folding beyond ASCII
}

TEST(DecoderUtil, PhraseFinderAgreesWithAPlainSearch) {
  std::mt19937 rng(20261129);
  // Few letters so that phrases and near misses occur often; '@'/'`' and '['/'{' sit 32
  // apart like 'A'/'a' but must not fold; 0xC3 stands for non-ASCII bytes.
  const std::string alphabet = "abAB c@`[{\xC3";
  auto random_string = [&](std::size_t min, std::size_t max) {
    std::string s(std::uniform_int_distribution<std::size_t>(min, max)(rng), ' ');
    for (char& c : s) c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    return s;
  };
  int found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> owned;
    const std::size_t count = std::uniform_int_distribution<std::size_t>(1, 6)(rng);
    // Some lists have a one-byte phrase (searched phrase by phrase), most do not.
    const std::size_t shortest = round % 7 == 0 ? 1 : 2;
    for (std::size_t i = 0; i < count; ++i) owned.push_back(random_string(shortest, 9));
    std::vector<std::string_view> phrases(owned.begin(), owned.end());
    const PhraseFinder finder(phrases);
    for (int t = 0; t < 10; ++t) {
      std::string text = random_string(0, 120);
      // Plant a phrase (in upper case now and then) at the start, the end or inside.
      if (t % 2 == 0 && !owned.empty()) {
        std::string phrase = owned[static_cast<std::size_t>(t) % owned.size()];
        if (t % 4 == 0) {
          for (char& c : phrase) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const std::size_t where = t == 0 ? 0 : t == 2 ? text.size() : text.size() / 2;
        text.insert(where, phrase);
      }
      const PhraseFinder::Match want = PlainEarliest(text, phrases);
      const PhraseFinder::Match got = finder.Find(text);
      ASSERT_EQ(got.pos, want.pos) << "text '" << text << "' round " << round;
      ASSERT_EQ(got.index, want.index) << "text '" << text << "' round " << round;
      ASSERT_EQ(finder.Contains(text), want.pos != std::string_view::npos);
      found += want.pos != std::string_view::npos;
    }
  }
  EXPECT_GT(found, 10000);  // the rounds did exercise matches, not only misses
}

// Both lists are searched in one pass (a PhraseFinder) now; these are the answers the
// search phrase by phrase gave, including texts no longer than the shortest name.
TEST(DecoderUtil, MailSystemSendersAndBounceSubjects) {
  EXPECT_TRUE(IsMailSystemSender("MAILER-DAEMON@example.com"));
  EXPECT_TRUE(IsMailSystemSender("Mail Delivery System <postmaster@example.com>"));
  EXPECT_TRUE(IsMailSystemSender("<>"));
  EXPECT_TRUE(IsMailSystemSender("\"Bounces\" <bounces@example.com>"));
  EXPECT_FALSE(IsMailSystemSender("Alice <alice@example.com>"));
  EXPECT_FALSE(IsMailSystemSender("<"));
  EXPECT_FALSE(IsMailSystemSender(""));

  EXPECT_TRUE(IsBounceSubject("Undeliverable: quarterly report"));
  EXPECT_TRUE(IsBounceSubject("Re: FAILURE NOTICE"));
  EXPECT_TRUE(IsBounceSubject("Delivery Status Notification (Failure)"));
  EXPECT_TRUE(IsBounceSubject("退信"));
  EXPECT_TRUE(IsBounceSubject("Mail nicht zugestellt"));
  EXPECT_TRUE(IsBounceSubject("Thư không gửi được"));
  EXPECT_FALSE(IsBounceSubject("Quarterly report"));
  EXPECT_FALSE(IsBounceSubject("undeliv"));
  EXPECT_FALSE(IsBounceSubject(""));
}

TEST(DecoderUtil, PhraseFinderEarliestFirstThenListOrder) {
  const std::vector<std::string_view> phrases = {"user unknown", "mailbox full", "unknown"};
  const PhraseFinder finder(phrases);
  // The earliest wins over the order of the list.
  EXPECT_EQ(finder.Find("Mailbox FULL, then user unknown").index, 1u);
  EXPECT_EQ(finder.Find("Mailbox FULL, then user unknown").pos, 0u);
  // Two phrases starting at one place: the first listed.
  EXPECT_EQ(finder.Find("550 USER UNKNOWN").index, 0u);
  EXPECT_EQ(finder.Find("550 USER UNKNOWN").pos, 4u);
  // At the very end, and cut one byte short.
  EXPECT_EQ(finder.Find("xx unknown").pos, 3u);
  EXPECT_EQ(finder.Find("xx unknow").pos, std::string_view::npos);
  // Near misses and a text shorter than every phrase.
  EXPECT_FALSE(finder.Contains("mailbox-full user-unknow"));
  EXPECT_FALSE(finder.Contains("unkno"));
  EXPECT_FALSE(finder.Contains(""));
  // Only ASCII folds: "@" is not "`" although they differ like "A" and "a".
  const std::vector<std::string_view> at_sign = {"`x", "\xD0\xBE\xD1\x88"};
  const PhraseFinder bytes(at_sign);
  EXPECT_FALSE(bytes.Contains("@X @x"));
  EXPECT_EQ(bytes.Find("a `X").pos, 2u);
  EXPECT_EQ(bytes.Find("--\xD0\xBE\xD1\x88").index, 1u);
  EXPECT_FALSE(bytes.Contains("--\xD0\x9E\xD1\x88"));
  // No phrases: nothing is found; an empty phrase is found at once, as IFind finds it.
  EXPECT_FALSE(PhraseFinder({}).Contains("anything"));
  const std::vector<std::string_view> with_empty = {"abc", ""};
  EXPECT_EQ(PhraseFinder(with_empty).Find("xyz").pos, 0u);
  EXPECT_EQ(PhraseFinder(with_empty).Find("xyz").index, 1u);
}

TEST(DecoderUtil, EncodedWordAddressIsOneRecipientNotTwo) {
  // Regression: the same address once with and once without its leading '=' was counted
  // as two recipients.
  EXPECT_EQ(ExtractAddress("<=?utf-8?q?a+=f0?=@example.com>"), "=?utf-8?q?a+=f0?=@example.com");
  EXPECT_EQ(FindAddresses("to =?utf-8?q?a+=f0?=@example.com failed").at(0), "=?utf-8?q?a+=f0?=@example.com");
}

TEST(DecodeBounce, NeverThrowsOnGarbage) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 131) % 256);
  DecodeResult d = DecodeBounce(junk);
  EXPECT_EQ(d.report.kind, ReportKind::kNone);
}

// Regression: a '/' inside a quoted local part was taken for a file path and everything
// before it cut off, so "<script>alert(1)</script>"@example.org became script>"@example.org.
TEST(DecodeBounce, QuotedLocalPartWithSlashIsKeptWhole) {
  DecodeResult d = DecodeBounce(Fixture("dsn-quoted-local-part-with-slash.eml"));
  ASSERT_EQ(d.report.recipients.size(), 2u);
  EXPECT_EQ(d.report.recipients[0].final_recipient, "\"<script>alert(1)</script>\"@example.org");
  EXPECT_EQ(d.report.recipients[1].final_recipient, "\"sales/north\"@example.org");
}

// The SMTP command comes from the text part when the fields do not give it: a sendmail
// transcript (the reply answers the last ">>>" command above it) and Postfix's "(in reply
// to RCPT TO command)", folded over two lines.
TEST(DecodeBounce, SmtpCommandFromTheTextPart) {
  DecodeResult d = DecodeBounce(Fixture("dsn-sendmail-transcript-commands.eml"));
  ASSERT_EQ(d.report.recipients.size(), 4u);
  ASSERT_NE(Find(d.report, "held@example.org"), nullptr);
  EXPECT_EQ(Find(d.report, "held@example.org")->smtp_command, "DATA");
  ASSERT_NE(Find(d.report, "gone@example.org"), nullptr);
  EXPECT_EQ(Find(d.report, "gone@example.org")->smtp_command, "RCPT");
  ASSERT_NE(Find(d.report, "moved@example.net"), nullptr);
  EXPECT_EQ(Find(d.report, "moved@example.net")->smtp_command, "RCPT");
  ASSERT_NE(Find(d.report, "quiet@example.net"), nullptr);
  EXPECT_EQ(Find(d.report, "quiet@example.net")->smtp_command, "");
}

// A delivery-status group without Diagnostic-Code takes the server's words from the text
// part, as the body-text decoders read them (Gmail, OpenSMTPD and Exim pipes do this).
TEST(DecodeBounce, EmptyDiagnosticComesFromTheTextPart) {
  DecodeResult d = DecodeBounce(Fixture("dsn-empty-diagnostic-text-says.eml"));
  EXPECT_EQ(d.report.decoder, "rfc3464");
  ASSERT_EQ(d.report.recipients.size(), 1u);
  EXPECT_EQ(d.report.recipients[0].status, "5.0.0");
  EXPECT_NE(d.report.recipients[0].diagnostic_code.find("the address couldn't be found"), std::string::npos)
      << d.report.recipients[0].diagnostic_code;
}

// ParseDeliveryStatusFields as it was written first (one owned name and value per field,
// fields copied into their group): the reference that the version which keeps names as
// views and values in one buffer is held to.
std::vector<RecipientRecord> PlainParseDeliveryStatusFields(std::string_view text, std::string* reporting_mta) {
  std::vector<RecipientRecord> out;
  // Group the fields: a blank line or a second Final-Recipient starts a new group.
  struct Field {
    std::string name;
    std::string value;
  };
  struct Group {
    std::vector<Field> fields;
    bool has_final = false;
    bool has_original = false;
    bool has_action = false;
  };
  std::vector<Group> groups(1);
  std::string current_name, current_value;
  auto flush_field = [&] {
    if (current_name.empty()) return;
    Group& g = groups.back();
    bool is_final = IStartsWith(current_name, "final-recipient");
    bool is_orig = IStartsWith(current_name, "original-recipient");
    // Original-Recipient may come before or after Final-Recipient in its group.
    if ((is_final && g.has_final) || (is_orig && (g.has_original || (g.has_final && g.has_action)))) {
      groups.emplace_back();
    }
    groups.back().has_final |= is_final;
    groups.back().has_original |= is_orig;
    groups.back().has_action |= IStartsWith(current_name, "action");
    groups.back().fields.push_back({current_name, std::string(TrimView(current_value))});
    current_name.clear();
    current_value.clear();
  };
  for (std::string_view line : SplitLines(text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimView(line).empty()) {
      flush_field();
      if (!groups.back().fields.empty()) groups.emplace_back();
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t')) {
      if (!current_name.empty()) {
        current_value += ' ';
        current_value.append(TrimView(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view name = TrimView(line.substr(0, colon));
    if (name.find(' ') != std::string_view::npos) continue;
    flush_field();
    current_name = std::string(name);
    current_value = std::string(line.substr(colon + 1));
  }
  flush_field();

  for (const Group& g : groups) {
    RecipientRecord r;
    std::string actual;
    bool any_recipient_field = false;
    bool source_routed = false;  // Final-Recipient is "@relay:user@host"
    for (const Field& f : g.fields) {
      // Compared in place: one lowered copy per field cost an allocation for most names.
      const auto is = [&f](std::string_view lower_name) { return EqualsNoCase(f.name, lower_name); };
      if (is("reporting-mta")) {
        if (reporting_mta && reporting_mta->empty()) {
          RecipientRecord tmp;
          tmp.remote_mta = f.value;
          CompleteRecord(&tmp);
          *reporting_mta = tmp.remote_mta;
        }
      } else if (is("final-recipient")) {
        r.final_recipient = ExtractAddress(DecodeEncodedWords(f.value));
        std::string_view v = TrimView(f.value);
        if (std::size_t semi = v.find(';'); semi != std::string_view::npos) v = TrimView(v.substr(semi + 1));
        source_routed = !v.empty() && v.front() == '@' && v.find(':') != std::string_view::npos;
        any_recipient_field = true;
      } else if (is("original-recipient")) {
        r.original_recipient = ExtractAddress(DecodeEncodedWords(f.value));
        any_recipient_field = true;
      } else if (is("x-actual-recipient")) {
        actual = ExtractAddress(f.value);
      } else if (is("action")) {
        r.action = f.value;
        any_recipient_field = true;
      } else if (is("status")) {
        r.status = f.value;
        any_recipient_field = true;
      } else if (is("diagnostic-code")) {
        r.diagnostic_code = f.value;
      } else if (is("remote-mta")) {
        r.remote_mta = f.value;
      } else if (is("last-attempt-date")) {
        r.last_attempt_date = f.value;
      } else if (is("x-postfix-smtp-command") || is("x-smtp-command")) {
        r.smtp_command = ToLower(TrimView(f.value));
      } else if (is("x-powermta-bouncecategory")) {
        // PowerMTA's per-recipient class of the failure (its bounce-category patterns).
        r.bounce_category = ToLower(TrimView(f.value));
      }
    }
    if (!any_recipient_field) continue;
    // "Final-Recipient: rfc822;@smtp.example.net:user@server" (an RFC 821 source route to a
    // host inside the receiving site, Sun ONE Messaging Server): the address after the route
    // is internal; the Original-Recipient is the address the sender used.
    if (source_routed && !r.original_recipient.empty()) r.final_recipient = r.original_recipient;
    if (r.final_recipient.empty()) r.final_recipient = !r.original_recipient.empty() ? r.original_recipient : actual;
    if (r.final_recipient.empty()) continue;
    CompleteRecord(&r);
    out.push_back(std::move(r));
  }
  return out;
}

std::string Describe(const std::vector<RecipientRecord>& records, const std::string& reporting_mta) {
  std::string s = "reporting_mta=" + reporting_mta + "\n";
  for (const RecipientRecord& r : records) {
    for (const std::string* f : {&r.final_recipient, &r.original_recipient, &r.action, &r.status, &r.reply_code,
                                 &r.diagnostic_type, &r.diagnostic_code, &r.remote_mta, &r.last_attempt_date,
                                 &r.smtp_command, &r.feedback_type, &r.bounce_category}) {
      s += *f;
      s += '|';
    }
    s += '\n';
  }
  return s;
}

// Random field blocks: groups with and without blank lines between them, Original-Recipient
// before and after Final-Recipient, folded values, CRLF, lines that are not fields.
TEST(DecoderUtil, DeliveryStatusFieldsAgreeWithPlainReadingOnRandomBlocks) {
  const std::string lines[] = {
      "Final-Recipient: rfc822; anna@example.com", "Final-Recipient: rfc822;@relay.example.net:binh@example.org",
      "Original-Recipient: rfc822;chloe@example.net", "X-Actual-Recipient: rfc822; duc@example.com",
      "Action: failed", "Action: delayed (retrying)", "Status: 5.1.1", "Status: 4.4.1 (timeout)",
      "Diagnostic-Code: smtp; 550 5.1.1 <anna@example.com>: Recipient address rejected",
      "Diagnostic-Code: X-Unix; 67", "Remote-MTA: dns; mx.example.net.", "Reporting-MTA: dns; mail.example.org",
      "Last-Attempt-Date: Mon, 23 Nov 2026 10:00:01 +0000", "X-Postfix-Smtp-Command: RCPT TO",
      "X-PowerMTA-BounceCategory: bad-mailbox", "Final-Recipient-Extra: x", "Action-Taken: none",
      "    user unknown, folded", "\tand more  words", "", "   ", "not a field", ": no name", "Bad Name: x",
      "\r: odd", "Status:5.2.2", "final-recipient: RFC822; Emil@Example.COM"};
  std::mt19937 rng(3464);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 16);
    for (int i = 0; i < n; ++i) {
      text += lines[rng() % std::size(lines)];
      text += rng() % 5 == 0 ? "\r\n" : "\n";
    }
    if (rng() % 4 == 0 && !text.empty()) text.pop_back();  // no final line break
    std::string mta, plain_mta;
    const std::vector<RecipientRecord> ours = ParseDeliveryStatusFields(text, &mta);
    const std::vector<RecipientRecord> plain = PlainParseDeliveryStatusFields(text, &plain_mta);
    ASSERT_EQ(Describe(ours, mta), Describe(plain, plain_mta)) << text;
  }
}

}  // namespace
}  // namespace bouncescan::mime
