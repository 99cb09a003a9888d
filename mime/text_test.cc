#include "mime/text.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <cerrno>
#include <random>

namespace bouncescan::mime {
namespace {

TEST(DecodeEncodedWords, Base64Utf8) {
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?B?VGjDoW5nIG7Eg20gbeG7m2k=?="), "Tháng năm mới");
}

TEST(DecodeEncodedWords, QuotedPrintableLatin1WithUnderscores) {
  EXPECT_EQ(DecodeEncodedWords("=?ISO-8859-1?Q?Abwesenheitsnotiz=3A_B=FCro?="), "Abwesenheitsnotiz: Büro");
}

TEST(DecodeEncodedWords, WhitespaceBetweenWordsIsDropped) {
  EXPECT_EQ(DecodeEncodedWords("=?utf-8?q?a?= =?utf-8?q?b?="), "ab");
  EXPECT_EQ(DecodeEncodedWords("Re: =?utf-8?q?caf=C3=A9?= now"), "Re: café now");
}

TEST(DecodeEncodedWords, MultibyteCharacterSplitAcrossWords) {
  // "é" is C3 A9; split between two words of the same charset.
  EXPECT_EQ(DecodeEncodedWords("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?="), "café");
}

TEST(DecodeEncodedWords, Iso2022JpSubject) {
  // "配信" in ISO-2022-JP, base64 of ESC $ B G[?. ESC ( B
  EXPECT_EQ(DecodeEncodedWords("=?ISO-2022-JP?B?GyRCR1s/LhsoQg==?="), "配信");
}

TEST(DecodeEncodedWords, InvalidWordsAreLeftAsWritten) {
  EXPECT_EQ(DecodeEncodedWords("=?utf-8?x?abc?= and =?broken"), "=?utf-8?x?abc?= and =?broken");
  EXPECT_EQ(DecodeEncodedWords("plain text"), "plain text");
}

TEST(ToUtf8, ShiftJis) {
  // "ユーザ" in Shift_JIS.
  EXPECT_EQ(ToUtf8("\x83\x86\x81\x5b\x83\x55", "Shift_JIS"), "ユーザ");
}

TEST(ToUtf8, Iso2022JpWithoutLabelIsRecognised) {
  EXPECT_EQ(ToUtf8("550 \x1b$BG[?.\x1b(B", ""), "550 配信");
}

TEST(ToUtf8, CodePointAboveU10FFFFFromIconvIsReplaced) {
  // glibc's UTF-8 decoder passes F4 A2 8A AC unchanged (fuzz/regressions/encoded_words/).
  EXPECT_EQ(ToUtf8("a\xf4\xa2\x8a\xac", "utf-8\xc0"), "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(ToUtf8, Windows1258) {
  // "Hộp thư" in windows-1258: ô (F4) + combining dot below (F2) comes out precomposed.
  EXPECT_EQ(ToUtf8("H\xf4\xf2p th\xfd", "windows-1258"), "H\xe1\xbb\x99p th\xc6\xb0");
}

TEST(ToUtf8, InvalidBytesBecomeReplacementCharacter) {
  EXPECT_EQ(ToUtf8("a\xff" "b", "utf-8"), "a\xEF\xBF\xBD" "b");
}

TEST(ToUtf8, UnknownCharsetFallsBackToWindows1252) {
  EXPECT_EQ(ToUtf8("caf\xe9", "x-no-such-charset"), "café");
  EXPECT_EQ(ToUtf8("caf\xe9", "iso-8859-1"), "café");
}

TEST(ToUtf8, AsciiIsUnchanged) { EXPECT_EQ(ToUtf8("hello", "koi8-r"), "hello"); }

// Plain ASCII is recognised 32 and 8 bytes at a time: an 8-bit byte or an ISO-2022 escape
// at any offset of a long text must still send it to conversion.
TEST(ToUtf8, EightBitByteOrEscapeAnywhereIsConverted) {
  for (std::size_t at = 0; at <= 80; ++at) {
    std::string latin1 = std::string(at, 'a') + "\xe9" + std::string(80 - at, 'b');
    EXPECT_EQ(ToUtf8(latin1, "iso-8859-1"), std::string(at, 'a') + "\xc3\xa9" + std::string(80 - at, 'b')) << at;
    std::string jis = std::string(at, 'a') + "\x1b$B$\"\x1b(B" + std::string(80 - at, 'b');
    EXPECT_EQ(ToUtf8(jis, ""), std::string(at, 'a') + "\xe3\x81\x82" + std::string(80 - at, 'b')) << at;
  }
}

// UTF-8 under an ISO-2022-JP label is a run of bytes that no state of a 7-bit encoding
// accepts: each becomes U+FFFD.
TEST(ToUtf8, EightBitBytesUnderIso2022LabelAreReplaced) {
  EXPECT_EQ(ToUtf8("a\xe9\x85\x8d\x1b$BG[\x1b(Bb\xff", "iso-2022-jp"),
            "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xe9\x85\x8d" "b\xef\xbf\xbd");
}

// Runs of 8-bit bytes in an ISO 2022 text are replaced without asking iconv byte by byte:
// random mixes of ASCII, escapes, two-byte JIS codes and 8-bit bytes must come out as iconv
// gives them when it is asked about every byte it stops at (invalid bytes become U+FFFD,
// the state is reset after each).
TEST(ToUtf8, Iso2022AgreesWithIconvByteByByte) {
  auto by_iconv = [](std::string_view text, const char* name) {
    iconv_t cd = iconv_open("UTF-8", name);
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << name;
    std::string out;
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size();
    char buf[256];
    while (true) {
      char* o = buf;
      std::size_t o_left = sizeof buf;
      const std::size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
      out.append(buf, static_cast<std::size_t>(o - buf));
      if (rc != static_cast<std::size_t>(-1)) break;
      if (errno == E2BIG) continue;
      out += "\xef\xbf\xbd";
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
      if (in_left == 0) break;
    }
    char* o = buf;
    std::size_t o_left = sizeof buf;
    iconv(cd, nullptr, nullptr, &o, &o_left);
    out.append(buf, static_cast<std::size_t>(o - buf));
    iconv_close(cd);
    return out;
  };
  const std::string_view pieces[] = {"a", "b ", "\n", "\x1b$B", "\x1b(B", "\x1b(J", "$\"", "G[", "?.",
                                     "\x80", "\xe3\x81\x82", "\xff", "\x8e", "\x1b", "\x1b$(D", "!", "p~"};
  std::mt19937 rng(2022);
  for (auto [label, name] : {std::pair<const char*, const char*>{"iso-2022-jp", "ISO-2022-JP-3"},
                             {"iso-2022-jp-2", "ISO-2022-JP-2"}, {"iso-2022-kr", "iso-2022-kr"}}) {
    for (int round = 0; round < 2000; ++round) {
      std::string text = "\x1b";  // never plain ASCII, which is returned as it is
      const std::size_t n = rng() % 24;
      for (std::size_t i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
      const std::string expected = by_iconv(text, name);
      if (!IsValidUtf8(expected)) continue;  // repaired afterwards either way
      ASSERT_EQ(ToUtf8(text, label), expected) << label << " round " << round;
    }
  }
}

TEST(ToUtf8, InPlaceConvertsOrLeavesAlone) {
  for (auto [text, charset] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"hello", "koi8-r"}, {"caf\xc3\xa9", "utf-8"}, {"caf\xe9", "iso-8859-1"}, {"caf\xe9", ""},
           {"\xff\xfe", "utf-8"}, {"\x82\xa0", "shift_jis"}, {"\xc1\xc2", "no-such-charset"}}) {
    std::string in_place(text);
    ToUtf8InPlace(&in_place, charset);
    EXPECT_EQ(in_place, ToUtf8(text, charset)) << charset;
  }
}

TEST(DecodeBase64, IgnoresLineBreaksAndPadding) {
  EXPECT_EQ(DecodeBase64("SGVs\nbG8s\r\nIHdvcmxk"), "Hello, world");
  EXPECT_EQ(DecodeBase64("SGk="), "Hi");
  EXPECT_EQ(DecodeBase64("SGk"), "Hi");
}

// DecodeBase64 decodes four letters at a time where they line up with a quantum; random
// text of letters, line breaks, padding and junk at every offset must decode as the
// letter-by-letter rule does.
TEST(DecodeBase64, AgreesWithLetterByLetterRuleOnRandomText) {
  auto plain = [](std::string_view text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
      if (c == '=') {
        acc = 0;
        bits = 0;
        continue;
      }
      std::size_t v = alphabet.find(c);
      if (c == '-') v = 62;
      if (c == '_') v = 63;
      if (v == std::string::npos || c == '\0') continue;
      acc = (acc << 6) | static_cast<std::uint32_t>(v);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xFF);
      }
    }
    return out;
  };
  const std::string pieces[] = {"SGVs", "bG8s", "IHdv", "cmxk", "QQ", "Zg==", "=", "\n", "\r\n", " ", "-_", "+/",
                                "*", "\xc3\xa9", std::string(1, '\0'), "A", "AB", "ABC"};
  std::mt19937 rng(2045);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(DecodeBase64(text), plain(text)) << "round " << round;
  }
}

TEST(DecodeQuotedPrintable, KeepsLineBreakAfterTrailingWhitespace) {
  // The line break after "said:  " must survive (mimetic's decoder loses it).
  EXPECT_EQ(DecodeQuotedPrintable("host said:  \n550 user unknown\n"), "host said:\n550 user unknown\n");
}

TEST(DecodeQuotedPrintable, SoftBreaksAndHex) {
  EXPECT_EQ(DecodeQuotedPrintable("abc=\ndef =3D x=C3=A9\n"), "abcdef = x\xC3\xA9\n");
  EXPECT_EQ(DecodeQuotedPrintable("soft=  \r\nbreak"), "softbreak");
  EXPECT_EQ(DecodeQuotedPrintable("bad =ZZ end="), "bad =ZZ end");
}

TEST(NormalizeLineEndings, CrLfAndLoneCr) {
  EXPECT_EQ(NormalizeLineEndings("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
}

// The in-place version moves runs of bytes down over each CR: every mix of CR, LF and
// other bytes, at every offset, must come out as the copying version gives it.
TEST(NormalizeLineEndings, InPlaceAgreesWithCopyOnRandomText) {
  const char bytes[] = {'\r', '\n', 'a', 'b', '\0'};
  std::mt19937 rng(31);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const std::size_t n = rng() % 24;
    for (std::size_t i = 0; i < n; ++i) text.push_back(bytes[rng() % sizeof bytes]);
    std::string in_place = text;
    NormalizeLineEndingsInPlace(&in_place);
    ASSERT_EQ(in_place, NormalizeLineEndings(text)) << "round " << round;
  }
}

TEST(SqueezeSpace, CollapsesAndTrims) { EXPECT_EQ(SqueezeSpace("  a \n\t b  "), "a b"); }

// SqueezeSpace copies eight bytes at a time where none is whitespace; random text with
// every kind of space, control and non-ASCII byte at every offset must come out as the
// byte-by-byte rule gives it.
TEST(SqueezeSpace, AgreesWithByteByByteRuleOnRandomText) {
  auto plain = [](std::string_view text) {
    std::string out;
    bool pending = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
    return out;
  };
  const char bytes[] = {'a', 'Z', '0', ' ', ' ', '\t', '\n', '\r', '\f', '\v', '\x01', '\x1f', '!', '\x7f',
                        '\x80', '\xc3', '\xff', '\0'};
  std::mt19937 rng(29);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) {
      // Long plain runs as well as mixed ones.
      text.push_back(rng() % 3 == 0 ? bytes[rng() % sizeof bytes] : static_cast<char>('a' + rng() % 26));
    }
    ASSERT_EQ(SqueezeSpace(text), plain(text)) << "round " << round;
    std::string in_place = text;
    SqueezeSpaceInPlace(&in_place);
    ASSERT_EQ(in_place, plain(text)) << "round " << round;
  }
}

TEST(ExtractAddress, Forms) {
  EXPECT_EQ(ExtractAddress("rfc822; user@Example.COM"), "user@example.com");
  EXPECT_EQ(ExtractAddress("RFC822;<user@example.com>"), "user@example.com");
  EXPECT_EQ(ExtractAddress("\"Doe, John\" <John.Doe@example.org>"), "John.Doe@example.org");
  EXPECT_EQ(ExtractAddress("user@example.net (comment)"), "user@example.net");
  EXPECT_EQ(ExtractAddress("undisclosed-recipients:;"), "");
  EXPECT_EQ(ExtractAddress("no address here"), "");
  EXPECT_EQ(ExtractAddress("rfc822; \"a/b\"@example.org"), "\"a/b\"@example.org");
  EXPECT_EQ(ExtractAddress("/var/mail/user@example.org"), "user@example.org");
}

TEST(ExtractAddress, QuotedLocalPartOrLiteralWithLineBreakOrNulIsNone) {
  // Found by the address fuzz target (fuzz/regressions/address/quoted-local-part-holding-nul).
  EXPECT_EQ(ExtractAddress(std::string("\"quoted\0part\"@example.com", 25)), "");
  EXPECT_EQ(ExtractAddress("\"two\r\nlines\"@example.com"), "");
  EXPECT_EQ(ExtractAddress("x@[192.0\n.2.1]"), "");
  EXPECT_EQ(ExtractAddress("\"john doe\"@example.com"), "\"john doe\"@example.com");
}

TEST(FindAddresses, AllInOrderWithoutDuplicates) {
  auto a = FindAddresses("<a@example.com>: failed; also b@example.org and A@EXAMPLE.COM.");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0], "a@example.com");
  EXPECT_EQ(a[1], "b@example.org");
}

TEST(FindStatusCode, SkipsIpAddressesAndVersions) {
  EXPECT_EQ(FindStatusCode("host 192.0.2.5 said: 550 5.1.1 unknown"), "5.1.1");
  EXPECT_EQ(FindStatusCode("#5.7.1 smtp;530 5.7.1 Client was not authenticated"), "5.7.1");
  EXPECT_EQ(FindStatusCode("version 2.5.1.3 only"), "");
  EXPECT_EQ(FindStatusCode("(4.7.26)"), "4.7.26");
  EXPECT_EQ(FindStatusCode("3.1.1 is not a class"), "");
}

TEST(FindReplyCode, FirstReplyCode) {
  EXPECT_EQ(FindReplyCode("550 5.1.1 user unknown"), "550");
  EXPECT_EQ(FindReplyCode("host mx.example.org[192.0.2.1] said: 452-4.2.2 full"), "452");
  EXPECT_EQ(FindReplyCode("smtp;530 5.7.1 Client was not authenticated"), "530");
  EXPECT_EQ(FindReplyCode("connect to 192.0.2.1:25: timed out in 2024"), "");
  EXPECT_EQ(FindReplyCode("5.1.1 only"), "");
}

bool PlainIsDigit(char c) { return c >= '0' && c <= '9'; }

// FindStatusCode and FindReplyCode as first written (a byte at a time): the references the
// versions that skip eight bytes at a time to the next '2', '4' or '5' are held to.
std::string PlainFindStatusCode(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 4 < n; ++i) {
    char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (i > 0) {
      char p = text[i - 1];
      if (PlainIsDigit(p) || p == '.' || p == '-' || p == '/' || p == ':' || (p >= 'a' && p <= 'z') ||
          (p >= 'A' && p <= 'Z')) {
        continue;
      }
    }
    if (i + 1 >= n || text[i + 1] != '.') continue;
    std::size_t k = i + 2;
    std::size_t d1 = k;
    while (k < n && PlainIsDigit(text[k]) && k - d1 < 3) ++k;
    if (k == d1 || k >= n || text[k] != '.') continue;
    std::size_t d2 = ++k;
    while (k < n && PlainIsDigit(text[k]) && k - d2 < 3) ++k;
    if (k == d2) continue;
    // Not a longer dotted number (an IP address or a version).
    if (k < n && (PlainIsDigit(text[k]) || (text[k] == '.' && k + 1 < n && PlainIsDigit(text[k + 1])))) continue;
    return std::string(text.substr(i, k - i));
  }
  return {};
}
std::string PlainFindReplyCode(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 2 < n; ++i) {
    char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (!PlainIsDigit(text[i + 1]) || !PlainIsDigit(text[i + 2])) continue;
    if (text[i + 1] > '5') continue;
    if (i > 0) {
      char p = text[i - 1];
      if (!(p == ' ' || p == '\t' || p == '\n' || p == ':' || p == ';' || p == '(' || p == '"' || p == '#' ||
            p == '<' || p == '\'' || p == '=')) {
        continue;
      }
    }
    std::size_t k = i + 3;
    if (k < n) {
      char f = text[k];
      if (!(f == ' ' || f == '-' || f == '\t' || f == '\n' || f == ')' || f == ',' || f == '"' || f == '>' ||
            f == '.' || f == ']')) {
        continue;
      }
      if (f == '.' && k + 1 < n && PlainIsDigit(text[k + 1])) continue;  // 421.5 is not a code
      if (f == '-' && k + 1 < n && PlainIsDigit(text[k + 1]) && k + 2 < n && text[k + 2] != '.') continue;
    }
    return std::string(text.substr(i, 3));
  }
  return {};
}

// ToLower lowercases eight bytes at a time: every byte value at every offset must come
// out as the byte-by-byte rule gives it.
TEST(ToLower, AgreesWithByteByByteRuleOnEveryByte) {
  std::mt19937 rng(1252);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) text.push_back(static_cast<char>(rng() % 256));
    std::string want = text;
    for (char& c : want) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    ASSERT_EQ(ToLower(text), want) << "round " << round;
  }
}

// IsValidUtf8 checks two- and three-byte sequences inline: random bytes biased towards
// lead and continuation bytes (overlong forms, surrogates, cut sequences) must get the
// answer of the definition (RFC 3629 section 3), decoded sequence by sequence here.
TEST(IsValidUtf8, AgreesWithTheDefinitionOnRandomBytes) {
  auto plain = [](std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const auto b0 = static_cast<unsigned char>(s[i]);
      std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
      if (len == 0 || i + len > s.size()) return false;
      std::uint32_t cp = len == 1 ? b0 : b0 & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b >> 6) != 2) return false;
        cp = cp << 6 | (b & 0x3F);
      }
      const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
      if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += len;
    }
    return true;
  };
  const unsigned char bytes[] = {'a', 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
                                 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xff, 0x8f, 0x90};
  std::mt19937 rng(3629);
  int valid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t n = rng() % 12;
    for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(bytes[rng() % sizeof bytes]));
    const bool want = plain(s);
    valid += want;
    ASSERT_EQ(IsValidUtf8(s), want) << "round " << round;
  }
  EXPECT_GT(valid, 100);  // the random strings are not all invalid
}

TEST(FindCodes, AgreeWithByteByByteSearchOnRandomText) {
  const std::string pieces[] = {"550", "5.1.1", "4.2.2", "2.0.0", "421", "250-", "x", " ", "-", ".", ":", "(", ")",
                                "#", "192.0.2.1", "v1.2.3", "5", "4", "2", "0", "9", "\n", "a", "user unknown",
                                "<a@example.com>", "5.7.1000", "=", "\""};
  std::mt19937 rng(3463);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 20);
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(FindStatusCode(text), PlainFindStatusCode(text)) << text;
    ASSERT_EQ(FindReplyCode(text), PlainFindReplyCode(text)) << text;
  }
}

}  // namespace
// The check skips eight ASCII bytes at a time: a bad or cut sequence must be found at
// every offset from a word boundary, and a good one accepted.
TEST(IsValidUtf8, FindsABadSequenceAtEveryOffset) {
  for (std::size_t before = 0; before < 20; ++before) {
    for (std::size_t after = 0; after < 12; ++after) {
      const std::string a(before, 'a'), b(after, 'b');
      EXPECT_TRUE(IsValidUtf8(a + "\xc3\xa9" + b)) << before << " " << after;
      EXPECT_TRUE(IsValidUtf8(a + "\xf0\x9f\x93\xa7" + b)) << before << " " << after;
      EXPECT_FALSE(IsValidUtf8(a + "\xff" + b)) << before << " " << after;
      EXPECT_FALSE(IsValidUtf8(a + "\xc0\xaf" + b)) << before << " " << after;  // overlong
      EXPECT_FALSE(IsValidUtf8(a + "\xed\xa0\x80" + b)) << before << " " << after;  // surrogate
    }
    EXPECT_FALSE(IsValidUtf8(std::string(before, 'a') + "\xe2\x82")) << before;  // cut at the end
  }
}

}  // namespace bouncescan::mime
