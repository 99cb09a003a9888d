#include "cli/init_config.h"

#include <gtest/gtest.h>

#include "cli/config.h"

namespace bouncescan::cli {
namespace {

TEST(InitConfig, EveryStringRoundTripsThroughTheLoader) {
  // Quotes, backslashes, every control character, DEL and UTF-8 come back as they went in.
  std::string nasty = "a\"b\\c\n[digest]\r\t\x01\x1f\x7f tiếng Việt";
  for (int c = 0; c < 0x20; ++c) nasty += static_cast<char>(c);
  InitAnswers a;
  a.url = "imaps://imap.example.com";
  a.username = nasty;
  a.account_name = "work";
  a.folders = {"INBOX", nasty};
  a.digest_to = nasty;
  a.smtp_url = "smtps://smtp.example.com";
  a.smtp_username = nasty;
  Result<Config> c = ParseConfig(RenderInitConfig(a), "init.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->accounts.at(0).username, nasty);
  EXPECT_EQ(c->accounts.at(0).folders.at(1), nasty);
  EXPECT_EQ(c->digest->to, nasty);
  EXPECT_EQ(c->digest->from, nasty);  // empty from: the same as to
  EXPECT_EQ(c->digest->username, nasty);
}

TEST(InitConfig, NoSmtpUsernameMeansNoUsernameKey) {
  InitAnswers a;
  a.url = "imap://127.0.0.1:1143";
  a.username = "u";
  a.digest_to = "me@example.com";
  a.digest_from = "bouncescan@example.com";
  a.smtp_url = "smtp://127.0.0.1:2525";
  a.language = "vi";
  a.every = "always";
  Result<Config> c = ParseConfig(RenderInitConfig(a), "init.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->digest->username, "");
  EXPECT_EQ(c->digest->from, "bouncescan@example.com");
  EXPECT_EQ(c->digest->language, "vi");
  EXPECT_EQ(c->language, "vi");
  EXPECT_EQ(c->digest->every, "always");
}

TEST(InitConfig, TomlStringEscapes) {
  EXPECT_EQ(TomlString("plain"), "\"plain\"");
  EXPECT_EQ(TomlString("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(TomlString("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(TomlString("a\nb"), "\"a\\nb\"");
  EXPECT_EQ(TomlString(std::string("\x00\x1b\x7f", 3)), "\"\\u0000\\u001B\\u007F\"");
}

TEST(InitConfig, UrlsFromAnswers) {
  EXPECT_EQ(ImapUrlFromAnswer("imap.example.com"), "imaps://imap.example.com");
  EXPECT_EQ(ImapUrlFromAnswer("imap://imap.example.com:143"), "imap://imap.example.com:143");
  EXPECT_EQ(SmtpUrlFromAnswer("smtp.example.com"), "smtps://smtp.example.com");
  EXPECT_EQ(SmtpUrlFromAnswer("smtp://smtp.example.com:587"), "smtp://smtp.example.com:587");
  EXPECT_EQ(ImapUrlFromAnswer(""), "");
}

TEST(InitConfig, GuessesTheSmtpServerFromTheImapServer) {
  EXPECT_EQ(GuessSmtpUrl("imaps://imap.example.com"), "smtps://smtp.example.com");
  EXPECT_EQ(GuessSmtpUrl("imap://imap.example.com:143/"), "smtps://smtp.example.com");
  EXPECT_EQ(GuessSmtpUrl("imaps://mail.example.net"), "smtps://mail.example.net");
  EXPECT_EQ(GuessSmtpUrl("imaps://user@imap.example.org:993"), "smtps://smtp.example.org");
  EXPECT_EQ(GuessSmtpUrl(""), "");
}

TEST(InitConfig, LanguageFromTheLocale) {
  EXPECT_EQ(LanguageForLocale("vi_VN.UTF-8"), "vi");
  EXPECT_EQ(LanguageForLocale("vi"), "vi");
  EXPECT_EQ(LanguageForLocale("en_US.UTF-8"), "en");
  EXPECT_EQ(LanguageForLocale("C.UTF-8"), "en");
  EXPECT_EQ(LanguageForLocale(""), "en");
}

}  // namespace
}  // namespace bouncescan::cli
