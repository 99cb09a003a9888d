#include "rules/codes.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace bouncescan::rules {
namespace {

TEST(ParseStatusCode, AcceptsOnlyWholeCodesOfClass245) {
  EXPECT_EQ(ParseStatusCode("5.1.1"), (StatusCode{5, 1, 1}));
  EXPECT_EQ(ParseStatusCode("4.7.650"), (StatusCode{4, 7, 650}));
  EXPECT_FALSE(ParseStatusCode("3.1.1"));
  EXPECT_FALSE(ParseStatusCode("5.1"));
  EXPECT_FALSE(ParseStatusCode("5.1.1 "));
  EXPECT_FALSE(ParseStatusCode("5.1.1000"));
  EXPECT_FALSE(ParseStatusCode(""));
}

TEST(FindStatusInText, FindsTheCodeNotIpAddresses) {
  EXPECT_EQ(FindStatusInText("550-5.7.1 This message does not have"), "5.7.1");
  EXPECT_EQ(FindStatusInText("553 sorry, not in rcpthosts (#5.7.1)"), "5.7.1");
  EXPECT_EQ(FindStatusInText("Client host [192.0.2.10] blocked"), "");
  EXPECT_EQ(FindStatusInText("from 192.0.2.10: 550 5.1.1 unknown"), "5.1.1");
  EXPECT_EQ(FindStatusInText("status 5.1.1."), "5.1.1");
  EXPECT_EQ(FindStatusInText("host 5.9.130.2 said no"), "");
  EXPECT_EQ(FindStatusInText("Unrouteable address"), "");
}

TEST(FindReplyInText, LeadingQuotedAndTyped) {
  EXPECT_EQ(FindReplyInText("550 5.1.1 unknown"), "550");
  EXPECT_EQ(FindReplyInText("550-The message was"), "550");
  EXPECT_EQ(FindReplyInText("smtp; 552 5.2.2 full"), "552");
  EXPECT_EQ(FindReplyInText("SMTP error from remote mail server after end of data: 550 Date header"), "550");
  EXPECT_EQ(FindReplyInText("Unrouteable address"), "");
  EXPECT_EQ(FindReplyInText("5500 things"), "");
}

TEST(StripContinuationCodes, JoinsTheServersWordsAgain) {
  EXPECT_EQ(StripContinuationCodes("550-5.7.1 messages with multiple 550 5.7.1 addresses in from", "550", "5.7.1"),
            "550-5.7.1 messages with multiple addresses in from");
  EXPECT_EQ(StripContinuationCodes("550-5.1.1 the email account 550-5.1.1 does not exist", "550", "5.1.1"),
            "550-5.1.1 the email account does not exist");
  EXPECT_EQ(StripContinuationCodes("550-please turn on 550- smtp auth", "550", ""), "550-please turn on smtp auth");
  EXPECT_EQ(StripContinuationCodes("user unknown", "", ""), "user unknown");
}

// NormalizeForMatch lowercases and copies eight bytes at a time up to the first space or
// control byte; random text with every kind of byte at every offset must come out as the
// byte-by-byte rule gives it. StripContinuationCodes likewise against its plain patterns.
TEST(NormalizeForMatch, AgreesWithByteByByteRuleOnRandomText) {
  auto plain = [](std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
        space = !out.empty();
        continue;
      }
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  };
  const char bytes[] = {'A', 'Z', '@', '[', '`', '{', 'a', 'z', '0', ' ', '\t', '\n', '\r', '\x01', '\x7f',
                        '\x80', '\xc1', '\xda', '\xe1', '\xff', '\0', '-'};
  std::mt19937 rng(5321);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) {
      text.push_back(rng() % 3 == 0 ? bytes[rng() % sizeof bytes] : static_cast<char>('A' + rng() % 58));
    }
    ASSERT_EQ(NormalizeForMatch(text), plain(text)) << "round " << round;
  }
}

TEST(StripContinuationCodes, AgreesWithPlainPatternsOnRandomText) {
  auto plain = [](std::string text, const std::string& reply, const std::string& status) {
    if (reply.empty()) return text;
    std::vector<std::string> patterns;
    if (!status.empty()) {
      patterns.push_back(" " + reply + "-" + status + " ");
      patterns.push_back(" " + reply + " " + status + " ");
    }
    patterns.push_back(" " + reply + "-");
    for (const std::string& p : patterns) {
      for (std::size_t at = text.find(p); at != std::string::npos; at = text.find(p, at)) {
        text.erase(at + 1, p.size() - 1);
        if (at + 1 < text.size() && text[at + 1] == ' ') text.erase(at + 1, 1);
      }
    }
    return text;
  };
  const std::string words[] = {"550", "550-", "5.7.1", "550-5.7.1", "x", "-", "5", "55", "0", "user"};
  std::mt19937 rng(3463);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      if (!text.empty() && rng() % 4 != 0) text += ' ';
      text += words[rng() % std::size(words)];
    }
    const std::string reply = rng() % 5 == 0 ? "" : "550";
    const std::string status = rng() % 3 == 0 ? "" : "5.7.1";
    ASSERT_EQ(StripContinuationCodes(text, reply, status), plain(text, reply, status)) << text;
  }
}

TEST(NormalizeForMatch, LowercasesAndSqueezes) {
  EXPECT_EQ(NormalizeForMatch("  Quota\r\n\tEXCEEDED  (x) "), "quota exceeded (x)");
  EXPECT_EQ(NormalizeForMatch("Tài KHOẢN"), "tài khoẢn");  // bytes >= 0x80 untouched
}

}  // namespace
}  // namespace bouncescan::rules
