#include "mime/message.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "mime/decode.h"

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

TEST(ParseMessage, MultipartReportParts) {
  Result<Message> m = ParseMessage(Fixture("dsn-two-failed-one-delivered.eml"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->parts[0].content_type, "multipart/report");
  EXPECT_EQ(m->parts[0].report_type, "delivery-status");
  const Part* ds = m->Find("message/delivery-status");
  ASSERT_NE(ds, nullptr);
  EXPECT_EQ(ds->depth, 1);
  EXPECT_NE(ds->body.find("Final-Recipient: rfc822; bob@example.org"), std::string::npos);
  EXPECT_NE(m->MainText().find("could not\nbe delivered"), std::string::npos);
  EXPECT_EQ(m->headers.Get("subject"), "Undelivered Mail Returned to Sender");
}

TEST(ParseMessage, SameResultForLfCrLfAndCrOnly) {
  std::string lf = Fixture("dsn-two-failed-one-delivered.eml");
  for (const char* eol : {"\r\n", "\r"}) {
    Result<Message> m = ParseMessage(WithLineEnding(lf, eol));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    Result<Message> base = ParseMessage(lf);
    ASSERT_EQ(m->parts.size(), base->parts.size());
    for (std::size_t i = 0; i < m->parts.size(); ++i) {
      EXPECT_EQ(m->parts[i].content_type, base->parts[i].content_type);
      EXPECT_EQ(m->parts[i].body, base->parts[i].body);
    }
  }
}

TEST(ParseMessage, FoldedHeadersAreUnfolded) {
  Result<Message> m = ParseMessage("Subject: one\n two\nFrom: a@example.com\n\nbody\n");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->headers.Get("Subject"), "one two");
  EXPECT_EQ(m->parts[0].content_type, "text/plain");  // RFC 2045 default
}

TEST(ParseMessage, Base64AndCharsetDecoded) {
  std::string raw =
      "From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: base64\n\nY2Fm6Q==\n";
  Result<Message> m = ParseMessage(raw);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->MainText(), "café");
}

// A one-part message is read without mimetic; its part must come out as the same part
// inside a multipart does.
TEST(ParseMessage, OnePartMessageReadsLikeThePartOfAMultipart) {
  const std::string part_header =
      "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n";
  const std::string body = "caf=E9 soft=\n break\n\n--not-a-boundary\nFrom the end\n";
  Result<Message> one = ParseMessage("From: a@example.com\n" + part_header + "\n" + body);
  Result<Message> multi = ParseMessage("From: a@example.com\nMIME-Version: 1.0\n"
                                       "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n" +
                                       part_header + "\n" + body + "\n--b--\n");
  ASSERT_TRUE(one.ok() && multi.ok());
  ASSERT_EQ(one->parts.size(), 1u);
  ASSERT_EQ(multi->parts.size(), 2u);
  EXPECT_EQ(one->parts[0].body, "café soft break\n\n--not-a-boundary\nFrom the end\n");
  EXPECT_EQ(one->parts[0].body, multi->parts[1].body);
  EXPECT_EQ(one->parts[0].charset, multi->parts[1].charset);
  EXPECT_EQ(one->MainText(), multi->MainText());
  // Behind an mbox envelope line, and with no body at all.
  Result<Message> enveloped = ParseMessage("From a@example.com Sat Nov 28 10:00:00 2026\n" + part_header + "\n" + body);
  ASSERT_TRUE(enveloped.ok());
  EXPECT_EQ(enveloped->parts[0].body, one->parts[0].body);
  Result<Message> bodiless = ParseMessage("From: a@example.com\nSubject: nothing\n");
  ASSERT_TRUE(bodiless.ok());
  EXPECT_EQ(bodiless->parts[0].body, "");
}

TEST(ParseMessage, HtmlOnlyMainTextHasNoTags) {
  std::string raw =
      "From: a@example.com\nContent-Type: text/html\n\n<html><body><p>Delivery has failed to "
      "<b>x@example.org</b></p><style>p{}</style></body></html>\n";
  Result<Message> m = ParseMessage(raw);
  ASSERT_TRUE(m.ok());
  EXPECT_NE(m->MainText().find("Delivery has failed to x@example.org"), std::string::npos);
  EXPECT_EQ(m->MainText().find('<'), std::string::npos);
}

TEST(ParseMessage, MessageRfc822PartCarriesEnclosedText) {
  Result<Message> m = ParseMessage(Fixture("arf-abuse.eml"));
  ASSERT_TRUE(m.ok());
  const Part* rfc822 = m->Find("message/rfc822");
  ASSERT_NE(rfc822, nullptr);
  EXPECT_NE(rfc822->body.find("Subject: Weekly offers"), std::string::npos);
  EXPECT_NE(rfc822->body.find("Buy now."), std::string::npos);
}

TEST(ParseMessage, ReturnedMessageTextLeavesOutItsAttachments) {
  Result<Message> m = ParseMessage(Fixture("dsn-returned-attachment-not-in-text.eml"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Part* pdf = m->Find("application/pdf");
  ASSERT_NE(pdf, nullptr);
  ASSERT_EQ(pdf->body.rfind("%PDF-1.4", 0), 0u);  // the attachment itself is still there, decoded
  const Part* rfc822 = m->Find("message/rfc822");
  ASSERT_NE(rfc822, nullptr);
  EXPECT_NE(rfc822->body.find("Subject: The quote you asked for"), std::string::npos);
  EXPECT_NE(rfc822->body.find("Hello Binh, the quote is attached."), std::string::npos);
  // Its bytes, including lines that look like header fields, are not in the returned text.
  EXPECT_EQ(rfc822->body.find("%PDF"), std::string::npos) << rfc822->body;
  EXPECT_EQ(rfc822->body.find("from inside the attachment"), std::string::npos);
  EXPECT_EQ(rfc822->body.find('\0'), std::string::npos);
}

TEST(ParseMessage, OnlyTextAndReportTypesAreText) {
  for (const char* t : {"text/plain", "text/html", "text/rfc822-headers", "message/delivery-status",
                        "message/global-delivery-status", "message/feedback-report", "message/rfc822-headers"}) {
    EXPECT_TRUE(IsTextType(t)) << t;
  }
  for (const char* t : {"application/octet-stream", "application/pdf", "image/png", "ipamultrt/rezort",
                        "message/rfc822", "multipart/mixed"}) {
    EXPECT_FALSE(IsTextType(t)) << t;
  }
}

TEST(ParseMessage, EmptyAndHeaderlessInputIsMalformed) {
  EXPECT_FALSE(ParseMessage("").ok());
  EXPECT_FALSE(ParseMessage("\n\n").ok());
  EXPECT_FALSE(ParseMessage("just some words without a header\n").ok());
}

TEST(ParseMessage, SizeCapCutsAtLineEnd) {
  std::string raw = "From: a@example.com\n\n" + std::string(100, 'x') + "\n" + std::string(100, 'y') + "\n";
  ParseOptions options;
  options.max_bytes = 150;
  Result<Message> m = ParseMessage(raw, options);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->truncated);
  EXPECT_EQ(m->MainText().find('y'), std::string::npos);
}

// Regression fixtures: inputs that crash or leak mimetic 0.9.8 when it is used naively.
// Each must come back as a clean "malformed" (run under the dev preset's ASan + UBSan).
class HostileInput : public ::testing::TestWithParam<const char*> {};

TEST_P(HostileInput, IsReportedMalformed) {
  std::string raw = Fixture(std::string("hostile/") + GetParam());
  ASSERT_FALSE(raw.empty());
  Result<Message> m = ParseMessage(raw);
  EXPECT_FALSE(m.ok());
  DecodeResult r = DecodeBounce(raw);
  EXPECT_TRUE(r.malformed);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_EQ(r.report.kind, ReportKind::kNone);
}

INSTANTIATE_TEST_SUITE_P(Mimetic, HostileInput,
                         ::testing::Values("crash-length-error.bin", "crash-field-dtor.bin",
                                           "crash-leak-on-exception.bin"));

TEST(HostileInput, SixtyByteLengthErrorForm) {
  // LF-terminated header block followed by CRLF (std::length_error inside mimetic).
  // After line endings are normalised it is a valid message with one empty part.
  DecodeResult r = DecodeBounce("Content-Type: multipart/mixed; boundary=XX\n\n--XX\n\n\r\n--XX--\n");
  EXPECT_FALSE(r.malformed);
  EXPECT_EQ(r.report.kind, ReportKind::kNone);
}

TEST(HostileInput, UndisclosedRecipientsGroupIsHarmless) {
  // mimetic's Header::to() double-frees on this group; we never call it.
  DecodeResult r = DecodeBounce("From: a@example.com\nTo: undisclosed-recipients:\nSubject: x\n\nhello\n");
  EXPECT_FALSE(r.malformed);
  EXPECT_EQ(r.report.kind, ReportKind::kNone);
}

std::string Nested(int levels) {
  std::string raw = "From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 0; i < levels; ++i) {
    raw += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
  }
  raw += "--b" + std::to_string(levels) + "\nContent-Type: text/plain\n\ndeep\n";
  for (int i = levels; i >= 0; --i) raw += "--b" + std::to_string(i) + "--\n";
  return raw;
}

TEST(HostileInput, FiftyThousandLevelsOfNestingIsMalformedNotAStackOverflow) {
  std::string raw = Nested(50000);
  ASSERT_GT(raw.size(), 2'000'000u);
  DecodeResult r = DecodeBounce(raw);
  EXPECT_TRUE(r.malformed);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].find("nested"), std::string::npos);
}

TEST(HostileInput, NestingWithinTheLimitIsParsed) {
  Result<Message> m = ParseMessage(Nested(20));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->MainText(), "deep");
  EXPECT_EQ(m->parts.back().depth, 21);
}

// Names are compared ignoring the case of letters only: '@' and '`', '[' and '{' are
// 0x20 apart like 'A' and 'a' but are different characters.
TEST(Headers, LookupIgnoresTheCaseOfLettersOnly) {
  Headers::Builder b;
  b.Add("X-Tag@[", "one");
  b.Add("Content-Type", "text/plain");
  Headers h = std::move(b).Build();
  EXPECT_EQ(h.Get("x-TAG@["), "one");
  EXPECT_EQ(h.Get("X-Tag`["), "");
  EXPECT_EQ(h.Get("X-Tag@{"), "");
  EXPECT_EQ(h.Get("CONTENT-type"), "text/plain");
  EXPECT_FALSE(h.Has("Content-Typ"));
  EXPECT_FALSE(h.Has("Content_Type"));
}

// A builder keeps every name and value in one string; a continuation extends the last
// value and a replaced value is appended, leaving the others where they are.
TEST(Headers, BuilderKeepsEachFieldAsAdded) {
  Headers::Builder b;
  b.Add("Received", "from a");
  b.AppendToValue(' ');
  b.AppendToValue("by b");
  b.Add("Content-Type", "text/plain; charset=us-ascii");
  b.Add("X-Empty", "");
  b.Replace(1, "text/plain; charset=\"us-ascii\"");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b.name(0), "Received");
  EXPECT_EQ(b.value(0), "from a by b");
  Headers h = std::move(b).Build();
  ASSERT_EQ(h.fields().size(), 3u);
  EXPECT_EQ(h.Get("received"), "from a by b");
  EXPECT_EQ(h.Get("content-type"), "text/plain; charset=\"us-ascii\"");
  EXPECT_TRUE(h.Has("X-Empty"));
  EXPECT_EQ(h.fields()[2].value, "");
  Headers copy = h;  // shares the text
  h = Headers();
  EXPECT_EQ(copy.Get("Received"), "from a by b");
  EXPECT_TRUE(Headers::Builder().size() == 0 && std::move(Headers::Builder()).Build().fields().empty());
}

// The builder keeps its fields as views into its buffer: they must survive the buffer's
// growth (field by field, and by AppendToValue and Replace) and the builder's moves.
TEST(Headers, BuilderViewsSurviveGrowthAndMoves) {
  Headers::Builder b;
  b.Add("A", "");  // short enough for a string's inline buffer, were the text a string
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    b.AppendToValue(static_cast<char>('a' + i % 26));
    expected.push_back(static_cast<char>('a' + i % 26));
  }
  Headers::Builder moved = std::move(b);
  moved.Add("To", "user@example.com");
  moved.Replace(0, std::string(5000, 'x'));
  Headers::Builder again;
  again = std::move(moved);
  Headers h = std::move(again).Build();
  ASSERT_EQ(h.fields().size(), 2u);
  EXPECT_EQ(h.Get("A"), std::string(5000, 'x'));
  EXPECT_EQ(h.Get("To"), "user@example.com");
  Headers::Builder small;
  small.Add("B", expected);
  Headers::Builder small_moved(std::move(small));
  EXPECT_EQ(small_moved.value(0), expected);
  EXPECT_EQ(std::move(small_moved).Build().Get("b"), expected);
}

// A report read paragraph by paragraph grows its text at least twofold at a time.
TEST(ParseHeaderBlock, ManyParagraphsKeepEveryField) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Final-Recipient: rfc822; user" + std::to_string(i) + "@example.com\n\n";
  Headers h = ParseHeaderBlock(text);
  ASSERT_EQ(h.fields().size(), 2000u);
  EXPECT_EQ(h.fields()[1999].value, "rfc822; user1999@example.com");
  EXPECT_EQ(h.fields()[0].value, "rfc822; user0@example.com");
}

// A field name is read eight bytes at a time: every byte value at every offset of names
// shorter and longer than a word must end the name (or the line's being a field) exactly
// where the byte-by-byte rule says.
TEST(ParseHeaderBlock, FieldNameEndsWhereTheByteByByteRuleSays) {
  const auto name_char = [](unsigned char c) { return c >= '!' && c <= '~' && c != ':'; };
  for (std::size_t size : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 25u}) {
    for (std::size_t at = 0; at < size; ++at) {
      for (int v = 0; v < 256; ++v) {
        if (v == '\n' || v == '\r') continue;  // line ends, not bytes of a line
        std::string name(size, 'X');
        name[at] = static_cast<char>(v);
        const Headers h = ParseHeaderBlock(name + ": value\n");
        // Blanks may end the name before the colon; anything else that is not a name
        // character makes the line something other than a field.
        std::size_t end = 0;
        while (end < size && name_char(static_cast<unsigned char>(name[end]))) ++end;
        std::size_t colon = end;
        while (colon < size && (name[colon] == ' ' || name[colon] == '\t')) ++colon;
        const bool field = end > 0 && (colon == size || name[colon] == ':');
        if (!field || (name[0] == ' ' || name[0] == '\t')) {
          EXPECT_TRUE(h.fields().empty()) << size << " " << at << " " << v;
          continue;
        }
        ASSERT_EQ(h.fields().size(), 1u) << size << " " << at << " " << v;
        EXPECT_EQ(h.fields()[0].name, name.substr(0, end)) << size << " " << at << " " << v;
      }
    }
  }
}

TEST(ParseHeaderBlock, ReadsAllParagraphs) {
  Headers h = ParseHeaderBlock("Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; b@example.com\r\n  (x)\r\n");
  EXPECT_EQ(h.Get("reporting-mta"), "dns; a");
  EXPECT_EQ(h.Get("Final-Recipient"), "rfc822; b@example.com (x)");
  EXPECT_EQ(h.GetAll("final-recipient").size(), 1u);
}

}  // namespace
}  // namespace bouncescan::mime
