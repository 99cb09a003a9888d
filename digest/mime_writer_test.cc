#include "digest/mime_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace bouncescan::digest {
namespace {

std::string DecodeB64(std::string_view in) {
  static const std::string kAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  std::uint32_t acc = 0;
  for (char c : in) {
    if (c == '=') break;
    auto p = kAlpha.find(c);
    if (p == std::string::npos) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(p);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// Decodes the value of a header written by EncodeHeader: unfolds, joins encoded-words.
std::string DecodeHeaderValue(const std::string& header) {
  std::string v = header.substr(header.find(": ") + 2);
  std::string out;
  std::size_t i = 0;
  bool any_word = false;
  while (i < v.size()) {
    std::size_t start = v.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      if (!any_word) {
        std::string rest = v.substr(i);
        for (char c : rest)
          if (c != '\r' && c != '\n') out += c;
      }
      break;
    }
    std::size_t end = v.find("?=", start + 10);
    out += DecodeB64(v.substr(start + 10, end - start - 10));
    any_word = true;
    i = end + 2;
  }
  return out;
}

TEST(CleanLine, RemovesLineBreaksControlsAndBidiOverrides) {
  EXPECT_EQ(CleanLine("a\r\nBcc: x@example.com\tz"), "a Bcc: x@example.com z");
  EXPECT_EQ(CleanLine(std::string("a\0b\x1b[31mc", 9)), "ab[31mc");
  EXPECT_EQ(CleanLine("evil\u202Etxt.exe"), "eviltxt.exe");
  EXPECT_EQ(CleanLine("  lots   of \n\n space  "), "lots of space");
}

TEST(CleanLine, ReplacesInvalidUtf8AndCutsOnCharacters) {
  EXPECT_EQ(CleanLine("a\xff" "b"), "a\uFFFD" "b");
  EXPECT_EQ(CleanLine("\xC0\xAF"), "\uFFFD\uFFFD");  // overlong '/'
  EXPECT_EQ(CleanLine("Tiếng Việt có dấu", 5), "Tiếng\u2026");
}

TEST(EncodeHeader, AsciiStaysReadableAndFolds) {
  EXPECT_EQ(EncodeHeader("Subject", "Bounce digest: 2 problems"), "Subject: Bounce digest: 2 problems\r\n");
  std::string long_value(30, 'x');
  long_value += " " + std::string(30, 'y') + " " + std::string(30, 'z');
  std::string h = EncodeHeader("Subject", long_value);
  EXPECT_NE(h.find("\r\n "), std::string::npos);
  for (std::size_t pos = 0, next; (next = h.find("\r\n", pos)) != std::string::npos; pos = next + 2) {
    EXPECT_LE(next - pos, 78u);
  }
}

TEST(EncodeHeader, NonAsciiBecomesEncodedWordsOfWholeCharacters) {
  const std::string vi = "Tóm tắt thư bị trả lại: 3 địa chỉ bị loại, 2 lỗi cấu hình gửi thư của bạn";
  std::string h = EncodeHeader("Subject", vi);
  EXPECT_EQ(h.rfind("Subject: =?UTF-8?B?", 0), 0u);
  for (char c : h) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_EQ(DecodeHeaderValue(h), vi);
  // Every encoded word decodes to valid UTF-8 on its own: no character split.
  for (std::size_t s = h.find("=?UTF-8?B?"); s != std::string::npos; s = h.find("=?UTF-8?B?", s + 1)) {
    std::size_t e = h.find("?=", s + 10);
    EXPECT_LE(e + 2 - s, 75u);
    std::string part = DecodeB64(h.substr(s + 10, e - s - 10));
    EXPECT_EQ(CleanLine(part).find("\uFFFD"), std::string::npos) << part;
  }
}

TEST(EncodeHeader, CannotInjectAHeader) {
  std::string h = EncodeHeader("Subject", "hello\r\nBcc: victim@example.net\r\n\r\nbody");
  EXPECT_EQ(h.find("\r\nBcc"), std::string::npos);
  EXPECT_EQ(h.find('\n'), h.size() - 1);
  // "=?" in ASCII input forces encoding so that a decoder cannot be tricked either.
  std::string w = EncodeHeader("Subject", "=?UTF-8?B?SGk=?=");
  EXPECT_EQ(DecodeHeaderValue(w), "=?UTF-8?B?SGk=?=");
}

TEST(AddressHeader, ValidatesAddresses) {
  auto ok = EncodeAddressHeader("To", "", "me@example.com, boss@example.org");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "To: <me@example.com>,\r\n <boss@example.org>\r\n");
  EXPECT_FALSE(EncodeAddressHeader("To", "", "me@example.com\r\nBcc: x@example.net").ok());
  EXPECT_FALSE(EncodeAddressHeader("To", "", "Me <me@example.com>").ok());
  EXPECT_FALSE(EncodeAddressHeader("To", "", "nobody").ok());
  EXPECT_FALSE(EncodeAddressHeader("To", "", "").ok());
  auto named = EncodeAddressHeader("From", "bouncescan", "b@example.com");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(*named, "From: \"bouncescan\" <b@example.com>\r\n");
}

TEST(QuotedPrintable, RoundTripsAndKeepsLinesShort) {
  std::string text = "Tiếng Việt = ok\n.leading dot\nFrom here\ntrailing space \n" + std::string(200, 'a') + "\n";
  std::string qp = EncodeQuotedPrintable(text);
  for (std::size_t pos = 0, next; (next = qp.find("\r\n", pos)) != std::string::npos; pos = next + 2) {
    EXPECT_LE(next - pos, 76u);
    EXPECT_NE(qp[pos], '.');
    EXPECT_NE(qp.compare(pos, 5, "From "), 0);
  }
  EXPECT_NE(qp.find("=3D ok"), std::string::npos);
  EXPECT_NE(qp.find("space=20\r\n"), std::string::npos);
  // Decode and compare.
  std::string decoded;
  for (std::size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && qp.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (qp[i] == '=') {
      decoded += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (qp[i] != '\r') {
      decoded += qp[i];
    }
  }
  EXPECT_EQ(decoded, text);
}

TEST(QuotedPrintable, NeverContainsABoundaryPrefix) {
  std::string hostile = "--=_bouncescan_00000000000000000000000000000000\n--=_x--\n";
  std::string qp = EncodeQuotedPrintable(hostile);
  EXPECT_EQ(qp.find("=_"), std::string::npos);
}

TEST(Date, FormatsRfc5322) {
  EXPECT_EQ(FormatRfc5322Date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(1795370400), "Sun, 22 Nov 2026 18:00:00 +0000");
}

TEST(Ids, BoundaryAndMessageIdUseTheRandomBytes) {
  std::string r(16, '\x01');
  EXPECT_EQ(MakeBoundary(r), "=_bouncescan_01010101010101010101010101010101");
  EXPECT_EQ(MakeMessageId(r, 5, "x@Example.com>"), "<01010101010101010101010101010101.5@Example.com>");
  EXPECT_EQ(MakeMessageId(r, 5, "nodomain"), "<01010101010101010101010101010101.5@bouncescan.invalid>");
  EXPECT_NE(RandomBytes(16), RandomBytes(16));
}

}  // namespace
}  // namespace bouncescan::digest
