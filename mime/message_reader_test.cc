// ParseMessage reads plain MIME structure in place and leaves the rest to mimetic
// (ParseOptions::Reader). Both readings must give the same Message: every input here is
// parsed both ways and the results compared field by field. The fixtures also say whether
// the in-place reading takes them (so that the comparison is not vacuous) or refuses them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "mime/message.h"

namespace bouncescan::mime {
namespace {

using Reader = ParseOptions::Reader;

Result<Message> Parse(const std::string& raw, Reader reader, ParseOptions options = {}) {
  options.reader = reader;
  return ParseMessage(raw, options);
}

void ExpectSameHeaders(const Headers& a, const Headers& b, const std::string& where) {
  ASSERT_EQ(a.fields().size(), b.fields().size()) << where;
  for (std::size_t i = 0; i < a.fields().size(); ++i) {
    EXPECT_EQ(a.fields()[i].name, b.fields()[i].name) << where << " field " << i;
    EXPECT_EQ(a.fields()[i].value, b.fields()[i].value) << where << " field " << i;
  }
}

// Every field of the two results, the parts in order.
void ExpectSameMessage(const Result<Message>& a, const Result<Message>& b, const std::string& name) {
  ASSERT_EQ(a.ok(), b.ok()) << name << ": " << (a.ok() ? b.status() : a.status()).ToString();
  if (!a.ok()) {
    EXPECT_EQ(a.status().ToString(), b.status().ToString()) << name;
    return;
  }
  ExpectSameHeaders(a->headers, b->headers, name + " message headers");
  EXPECT_EQ(a->truncated, b->truncated) << name;
  EXPECT_EQ(a->problems, b->problems) << name;
  EXPECT_EQ(a->main_text_part, b->main_text_part) << name;
  EXPECT_EQ(a->html_main_text, b->html_main_text) << name;
  EXPECT_EQ(a->MainText(), b->MainText()) << name;
  ASSERT_EQ(a->parts.size(), b->parts.size()) << name;
  for (std::size_t i = 0; i < a->parts.size(); ++i) {
    const Part& p = a->parts[i];
    const Part& q = b->parts[i];
    const std::string where = name + " part " + std::to_string(i);
    ExpectSameHeaders(p.headers, q.headers, where);
    EXPECT_EQ(p.content_type, q.content_type) << where;
    EXPECT_EQ(p.charset, q.charset) << where;
    EXPECT_EQ(p.report_type, q.report_type) << where;
    EXPECT_EQ(p.filename, q.filename) << where;
    EXPECT_EQ(p.depth, q.depth) << where;
    EXPECT_EQ(p.parent, q.parent) << where;
    EXPECT_EQ(p.body, q.body) << where;
    EXPECT_EQ(p.body_omitted, q.body_omitted) << where;
  }
}

std::string WithCrLf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

struct Fixture {
  const char* name;
  const char* raw;
  bool read_in_place;  // whether the in-place reading takes it (else mimetic reads it)
};

constexpr char kHeader[] = "From: MAILER-DAEMON@example.com\nTo: alice@example.com\nSubject: Undelivered\n";

const Fixture kFixtures[] = {
    {"preamble and epilogue",
     "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
     "This is a preamble.\n--not-b1 inside the preamble\n--b1\nContent-Type: text/plain\n\nfirst\n"
     "--b1\nContent-Type: text/plain; charset=us-ascii\n\nsecond\n\n--b1--\nan epilogue\n--b1\nafter the end\n",
     true},
    {"nested multiparts",
     "Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
     "Content-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain\n\nplain words\n"
     "--inner\nContent-Type: text/html\n\n<p>html words</p>\n--inner--\n"
     "--outer\nContent-Type: application/octet-stream; name=\"data.bin\"\nContent-Transfer-Encoding: base64\n\n"
     "AAEC/w==\n--outer--\n",
     true},
    {"report with delivery status and returned message",
     "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"rep\"\n\n--rep\n"
     "Content-Type: text/plain\n\nYour message could not be delivered.\n--rep\n"
     "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n"
     "Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\n--rep\n"
     "Content-Type: message/rfc822\n\nFrom: alice@example.com\nSubject: hello\n"
     "Content-Type: multipart/alternative; boundary=\"ret\"\n\n--ret\nContent-Type: text/plain\n\nhi bob\n"
     "--ret\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0K\n--ret--\n\n--rep--\n",
     true},
    {"returned message of one part",
     "Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\n\nno header here\n--r\n"
     "Content-Type: message/rfc822\n\nFrom: alice@example.com\nSubject: hello\n\nthe returned words\n--r--\n",
     true},
    {"digest",
     "Content-Type: multipart/digest; boundary=d\n\n--d\n\nFrom: a@example.com\nSubject: one\n\nfirst\n--d\n"
     "Content-Type: message/rfc822\n\nFrom: b@example.com\nSubject: two\n\nsecond\n--d--\n",
     true},
    {"top-level message/rfc822",
     "Content-Type: message/rfc822\n\nFrom: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n"
     "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9\n",
     true},
    {"transfer encodings and charsets",
     "Content-Type: multipart/mixed; boundary=\"=_b\"\n\n--=_b\n"
     "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
     "caf=E9 au lait=\n, tr=E8s chaud \n--=_b\nContent-Type: text/plain; charset=utf-8\n"
     "Content-Transfer-Encoding: base64\n\nY2Fmw6k=\n--=_b\nContent-Type: text/plain; charset=iso-8859-1\n"
     "Content-Transfer-Encoding: 8bit\n\ncaf\xe9\n--=_b--\n",
     true},
    {"boundary that is a prefix of the inner one",
     "Content-Type: multipart/mixed; boundary=ab\n\n--ab\nContent-Type: multipart/alternative; boundary=abc\n\n"
     "--abc\nContent-Type: text/plain\n\nin\n--abc--\n--ab\nContent-Type: text/plain\n\nout\n--ab--\n",
     true},
    {"boundary that is a prefix of the outer one",
     "Content-Type: multipart/mixed; boundary=abc\n\n--abc\nContent-Type: multipart/alternative; boundary=ab\n\n"
     "--ab\nContent-Type: text/plain\n\nin\n--ab--\n--abc\nContent-Type: text/plain\n\nout\n--abc--\n",
     true},
    {"longer boundary read where a shorter one is searched",
     "Content-Type: multipart/mixed; boundary=abc\n\n--abc\nContent-Type: multipart/alternative; boundary=ab\n\n"
     "--ab\nContent-Type: text/plain\n\nin, never closed\n--abc\nContent-Type: text/plain\n\nout\n--abc--\n",
     false},
    {"empty part and part without header",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\n\njust words\n--b\n\n\n--b--\n", true},
    {"part header not ended by an empty line",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n--b\n\nwords\n--b--\n", false},
    {"part without the empty line before its body",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nwords at once\n--b--\n", false},
    {"boundary lines with trailing blanks",
     "Content-Type: multipart/mixed; boundary=b\n\n--b  \nContent-Type: text/plain\n\none\n--b\t\n\ntwo\n--b--  \n",
     false},
    {"closing delimiter with words after it",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b-- and then some\nepilogue\n", true},
    {"closing delimiter at the very end", "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b--", true},
    {"inner multipart closed at the very end, outer never",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n--i\n\none\n--i--",
     false},
    {"boundary that never closes",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\ncut short\n", true},
    // A returned message cut short: its multipart's last part runs to the end of the text,
    // and mimetic searches no outer boundary after it.
    {"inner multipart never closed, no outer boundary after it",
     "Content-Type: multipart/report; report-type=delivery-status; boundary=rep\n\n--rep\n"
     "Content-Type: text/plain\n\nYour message could not be delivered.\n--rep\n"
     "Content-Type: message/rfc822\n\nFrom: alice@example.com\nSubject: hello\n"
     "Content-Type: multipart/alternative; boundary=ret\n\n--ret\nContent-Type: text/plain\n\nhi bob\n"
     "--ret\nContent-Type: text/html\n\n<p>hi bob, the rest was cut",
     true},
    {"inner multipart never closed, outer boundary after it",
     "Content-Type: multipart/report; report-type=delivery-status; boundary=rep\n\n--rep\n"
     "Content-Type: text/plain\n\nYour message could not be delivered.\n--rep\n"
     "Content-Type: message/rfc822\n\nFrom: alice@example.com\nSubject: hello\n"
     "Content-Type: multipart/alternative; boundary=ret\n\n--ret\nContent-Type: text/plain\n\nhi bob\n"
     "--ret\nContent-Type: text/plain\n\ncut here\n\n--rep\nContent-Type: text/plain\n\nnot a part\n--rep--\n",
     true},
    {"multipart never closed nested twice",
     "Content-Type: multipart/report; report-type=delivery-status; boundary=rep\n\n--rep\n"
     "Content-Type: text/plain\n\nnot delivered\n--rep\nContent-Type: message/rfc822\n\n"
     "From: alice@example.com\nContent-Type: multipart/mixed; boundary=mix\n\n--mix\n"
     "Content-Type: multipart/alternative; boundary=alt\n\n--alt\nContent-Type: text/plain\n\nhi\n"
     "--alt\nContent-Type: text/html\n\n<p>hi</p>\n--mix\n\nnot a part either\n--rep--\n",
     true},
    {"inner multipart never closed, ended by a closed sibling",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
     "--i\n\none\n--i--\n--o\nContent-Type: multipart/alternative; boundary=j\n\n--j\n\ntwo, cut",
     true},
    {"inner multipart cut in its preamble",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
     "preamble, cut\n--o--\n",
     true},
    {"multipart of a returned message whose boundary never occurs",
     "Content-Type: multipart/report; report-type=delivery-status; boundary=rep\n\n--rep\n"
     "Content-Type: text/plain\n\nnot delivered\n--rep\nContent-Type: message/rfc822\n\n"
     "From: alice@example.com\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
     "This is a multi-part message in MIME format...\n\n--other\nhi\n--rep--\n",
     true},
    {"inner multipart cut in a part header",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
     "--i\n\none\n--i\nContent-Type: text/pl",
     false},
    {"inner multipart cut right after a boundary",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
     "--i\n\none\n--i\n",
     false},
    {"inner multipart cut in its epilogue",
     "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
     "--i\n\none\n--i--\nepilogue, cut\n",
     false},
    {"boundary that never occurs",
     "Content-Type: multipart/mixed; boundary=b\n\nonly words, no parts\n", true},
    {"multipart closed before any part", "Content-Type: multipart/mixed; boundary=b\n\nwords\n--b--\n", false},
    {"boundary string inside a line of a body",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --b here\n--b--\n", false},
    {"several Content-Type fields in a part",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\nContent-Type: text/plain\n\n"
     "<b>x</b>\n--b--\n",
     false},
    {"bad header line in a part",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nnot a field\n\nx\n--b--\n", false},
    {"mbox envelope line in a part",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nFrom alice@example.com Sat Nov 28 10:00:00 2026\n"
     "Content-Type: text/plain\n\nx\n--b--\n",
     false},
    {"part header lines mimetic keeps blanks of",
     "Content-Type: multipart/mixed; boundary=b  \n\n--b\nContent-Type: text/plain; charset=iso-8859-1 \n"
     "Content-Description:\n  folded onto nothing\nX-Blank-Fold: a\n \nX-Tabs:\t\tb \t\n\nx\n--b--\n",
     true},
    {"Content-Type in other letter case and parameters",
     "content-type: Multipart/Mixed; Boundary=\"b\"; charset=x\n\n--b\nCONTENT-TYPE: Text/HTML; Charset=ISO-8859-1\n"
     "Content-Disposition: attachment; filename=\"a b.html\"\n\n<p>x</p>\n--b\n"
     "Content-Type: text/plain (a comment); charset=\"utf-8\"; name*=x\n\ny\n--b--\n",
     true},
    {"mbox envelope line before the message",
     "From alice@example.com Sat Nov 28 10:00:00 2026\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n",
     true},
    {"top header not ended by an empty line", "Subject: x\nContent-Type: multipart/mixed; boundary=b", false},
    {"control byte in a part header",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\nX-Nul: a\x01\n\nx\n--b--\n", true},
    {"html only",
     "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n"
     "<p>Mail <b>failed</b></p>\n--b--\n",
     true},
};

TEST(MessageReader, FixturesReadTheSameInPlaceAndByMimetic) {
  for (const Fixture& f : kFixtures) {
    for (bool crlf : {false, true}) {
      std::string raw = f.raw;
      // The message header goes first, or after an mbox envelope line.
      raw.insert(raw.rfind("From ", 0) == 0 ? raw.find('\n') + 1 : 0, kHeader);
      if (crlf) raw = WithCrLf(raw);
      const std::string name = std::string(f.name) + (crlf ? " (CRLF)" : "");
      Result<Message> by_mimetic = Parse(raw, Reader::kMimeticOnly);
      ASSERT_TRUE(by_mimetic.ok()) << name << ": " << by_mimetic.status().ToString();
      ExpectSameMessage(Parse(raw, Reader::kAuto), by_mimetic, name);
      Result<Message> in_place = Parse(raw, Reader::kDirectOnly);
      EXPECT_EQ(in_place.ok(), f.read_in_place) << name;
      if (in_place.ok()) ExpectSameMessage(in_place, by_mimetic, name + " (in place only)");
    }
  }
}

TEST(MessageReader, NulByteInAPartHeaderIsLeftToMimetic) {
  std::string raw = std::string(kHeader) + "Content-Type: multipart/mixed; boundary=b\n\n--b\nX-Nul: a";
  raw += '\0';
  raw += "b\n\nx\n--b--\n";
  EXPECT_FALSE(Parse(raw, Reader::kDirectOnly).ok());
  ExpectSameMessage(Parse(raw, Reader::kAuto), Parse(raw, Reader::kMimeticOnly), "NUL");
}

// The in-place reading writes a part's Content-Type as mimetic rewrites it when it parses
// it (no quoting rules, parameters re-quoted): the same odd values as mimetic, each in a
// part and at the top.
TEST(MessageReader, ContentTypeValuesAreRewrittenAsByMimetic) {
  const char* values[] = {
      "text/plain",
      "TEXT/Plain; CHARSET=ISO-8859-1",
      "text/plain;",
      "text/plain;;",
      "text/plain; ; charset=utf-8;",
      ";charset=utf-8",
      "text",
      "text/",
      "/plain",
      "text/plain/extra; a=b",
      "text/plain (a comment); charset=\"utf-8\" (another)",
      "text/plain; charset = \"us-ascii\" ; format=flowed",
      "text/plain; charset=\"a;b\"; name=\"x.txt\"",
      "text/plain; charset=\"unterminated",
      "text/plain; \"\"; =; ==; a==b",
      "text/plain; name*0=\"long\"; name*1=\" name\"",
      "text/plain;\tcharset=\t\"\t utf-8\"\t",
      "message/RFC822; x=y",
      "message/rfc822-headers",
      "multipart/alternative; boundary=\"in\"; Boundary=\"other\"",
      "multipart/alternative; BOUNDARY = in ",
      "multipart/alternative; boundary=\"in\" ; charset=x",
  };
  for (const char* value : values) {
    const std::string v = value;
    const bool multipart = v.rfind("multipart/", 0) == 0;
    const bool rfc822 = v.rfind("message/RFC822", 0) == 0;
    std::string part = "Content-Type: " + v + "\n\n";
    if (multipart) {
      part += "--in\n\ninner\n--in--\n";
    } else if (rfc822) {
      part += "From: a@example.com\n\nenclosed\n";
    } else {
      part += "body\n";
    }
    const std::string in_part = std::string(kHeader) + "Content-Type: multipart/mixed; boundary=out\n\n--out\n" + part +
                                "--out--\n";
    Result<Message> by_mimetic = Parse(in_part, Reader::kMimeticOnly);
    Result<Message> in_place = Parse(in_part, Reader::kDirectOnly);
    EXPECT_TRUE(in_place.ok()) << value;
    ExpectSameMessage(in_place, by_mimetic, std::string("in a part: ") + value);
    const std::string at_top = std::string(kHeader) + part;
    ExpectSameMessage(Parse(at_top, Reader::kAuto), Parse(at_top, Reader::kMimeticOnly),
                      std::string("at the top: ") + value);
  }
}

// The caps on parts, size and opaque bodies apply the same to both readings. (Nesting
// deeper than max_depth is refused before either reads the structure.)
TEST(MessageReader, CapsApplyAlike) {
  std::string raw = std::string(kHeader) + "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 6; ++i) raw += "--b\nContent-Type: application/octet-stream\n\n" + std::string(40, 'x') + "\n";
  raw += "--b\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: multipart/mixed; boundary=d\n\n"
         "--d\n\ndeep\n--d--\n--c--\n--b--\n";
  ParseOptions small;
  small.max_opaque_body = 10;
  Result<Message> in_place = Parse(raw, Reader::kDirectOnly, small);
  ASSERT_TRUE(in_place.ok()) << in_place.status().ToString();
  EXPECT_TRUE(in_place->parts[1].body_omitted);
  ExpectSameMessage(in_place, Parse(raw, Reader::kMimeticOnly, small), "opaque body cap");
  small.max_parts = 4;
  in_place = Parse(raw, Reader::kDirectOnly, small);
  ASSERT_TRUE(in_place.ok()) << in_place.status().ToString();
  EXPECT_TRUE(in_place->truncated);
  ExpectSameMessage(in_place, Parse(raw, Reader::kMimeticOnly, small), "parts cap");
  ParseOptions cut;
  cut.max_bytes = raw.size() / 2;
  ExpectSameMessage(Parse(raw, Reader::kAuto, cut), Parse(raw, Reader::kMimeticOnly, cut), "size cap");
}

std::vector<std::filesystem::path> FilesUnder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Parses each file both ways (mailbox files both whole and cut at their envelope lines).
// Returns how many inputs there were and how many the in-place reading took.
std::pair<std::size_t, std::size_t> CompareFiles(const std::vector<std::filesystem::path>& files) {
  std::size_t inputs = 0, in_place = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string whole = s.str();
    std::vector<std::string> messages{whole};
    if (whole.rfind("From ", 0) == 0) {
      std::size_t start = 0;
      for (std::size_t at = whole.find("\nFrom ", 1); at != std::string::npos; at = whole.find("\nFrom ", at + 1)) {
        messages.push_back(whole.substr(start, at + 1 - start));
        start = at + 1;
      }
      if (start > 0) messages.push_back(whole.substr(start));
    }
    for (const std::string& raw : messages) {
      ++inputs;
      const Result<Message> direct = Parse(raw, Reader::kDirectOnly);
      if (direct.ok()) ++in_place;
      const Result<Message> by_mimetic = Parse(raw, Reader::kMimeticOnly);
      ExpectSameMessage(Parse(raw, Reader::kAuto), by_mimetic, path.string());
      if (direct.ok()) ExpectSameMessage(direct, by_mimetic, path.string() + " (in place only)");
    }
  }
  return {inputs, in_place};
}

// The project's own fixtures, hostile inputs and fuzzing corpus.
TEST(MessageReader, OwnFixturesAndFuzzInputsReadTheSame) {
  const char* source = std::getenv("BOUNCESCAN_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"mime/testdata", "tests/hostile", "fuzz/corpus/decode", "fuzz/regressions/decode"}) {
    for (auto& f : FilesUnder(std::filesystem::path(source) / dir)) files.push_back(std::move(f));
  }
  ASSERT_FALSE(files.empty());
  auto [inputs, in_place] = CompareFiles(files);
  std::cout << inputs << " inputs, " << in_place << " read in place\n";
  EXPECT_GT(in_place, 0u);
}

// Every message of the shared corpus (skipped when it is absent).
TEST(MessageReader, CorpusReadsTheSameInPlaceAndByMimetic) {
  const char* shared = std::getenv("BOUNCESCAN_SHARED_DIR");
  const std::filesystem::path corpus = std::filesystem::path(shared ? shared : "") / "corpus";
  if (shared == nullptr || !std::filesystem::is_directory(corpus)) {
    GTEST_SKIP() << "no shared corpus at " << (shared ? shared : "(BOUNCESCAN_SHARED_DIR unset)");
  }
  auto [inputs, in_place] = CompareFiles(FilesUnder(corpus));
  std::cout << inputs << " corpus inputs, " << in_place << " read in place\n";
  EXPECT_GT(in_place, 0u);
}

}  // namespace
}  // namespace bouncescan::mime
