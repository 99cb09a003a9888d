#include "rules/codes.h"

#include <gtest/gtest.h>

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

TEST(NormalizeForMatch, LowercasesAndSqueezes) {
  EXPECT_EQ(NormalizeForMatch("  Quota\r\n\tEXCEEDED  (x) "), "quota exceeded (x)");
  EXPECT_EQ(NormalizeForMatch("Tài KHOẢN"), "tài khoẢn");  // bytes >= 0x80 untouched
}

}  // namespace
}  // namespace bouncescan::rules
