#include "cli/config.h"

#include <gtest/gtest.h>

namespace bouncescan::cli {
namespace {

TEST(Config, ReadsTheDocumentedKeys) {
  Result<Config> c = ParseConfig(R"(
language = "vi"
[[account]]
name = "work"
url = "imaps://imap.example.com"
username = "me@example.com"
auth = "xoauth2"
password_command = "pass show mail"
ca_file = "/etc/ssl/private-ca.pem"
folders = ["INBOX", "Junk"]
after = "move:Bounces"

[digest]
to = "me@example.com"
from = "bouncescan@example.com"
smtp_url = "smtp://smtp.example.com:587"
every = "weekly"

[policy]
soft_bounces = 5
soft_window_days = 14
)", "/home/u/.config/bouncescan/config.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->accounts.size(), 1u);
  const AccountConfig& a = c->accounts[0];
  EXPECT_EQ(a.name, "work");
  EXPECT_EQ(a.auth, "xoauth2");
  EXPECT_EQ(a.folders, (std::vector<std::string>{"INBOX", "Junk"}));
  EXPECT_EQ(a.after, "move:Bounces");
  ASSERT_TRUE(c->digest.has_value());
  EXPECT_EQ(c->digest->language, "vi");  // inherited from the top level
  EXPECT_EQ(c->digest->every, "weekly");
  EXPECT_EQ(c->policy.soft_bounces, 5);
  EXPECT_EQ(c->policy.soft_window_days, 14);
  EXPECT_EQ(c->rules_file, "/home/u/.config/bouncescan/rules.toml");
}

TEST(Config, DefaultsWhenKeysAreAbsent) {
  Result<Config> c = ParseConfig("[[account]]\nname='a'\nurl='imaps://h'\nusername='u'\n", "c.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->accounts[0].folders, std::vector<std::string>{"INBOX"});
  EXPECT_EQ(c->accounts[0].after, "keep");
  EXPECT_FALSE(c->accounts[0].allow_insecure);
  EXPECT_FALSE(c->digest.has_value());
  EXPECT_EQ(c->policy.soft_bounces, 3);
  EXPECT_EQ(c->policy.soft_window_days, 30);
}

TEST(Config, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"[[account]]\nname='a'\nurl='http://h'\nusername='u'\n", "c.toml:3: account 'a': 'url' must start"},
      {"[[account]]\nname='a'\nurl='imaps://h'\nusername='u'\nafter='delete'\n", "c.toml:5:"},
      {"[[account]]\nname='a'\nurl='imaps://h'\nusername='u'\nfoldres=['x']\n", "c.toml:5: unknown key 'foldres'"},
      {"[digest]\nevery = 'hourly'\n", "c.toml:2: 'every' is \"hourly\""},
      {"[policy]\nsoft_bounces = 0\n", "c.toml:2: 'soft_bounces' must be between"},
      {"this is not toml\n", "c.toml:1:"},
      {"[[[account]]\nname='a'\n", "c.toml:1: Error while parsing key"},
      {"[digest]\n\u00e9 = 1\n", "c.toml:2: Error while parsing root table"},
      {"[[account]]\nname='a'\nurl='imaps://h'\nusername='u'\n[[account]]\nname='a'\nurl='imaps://h'\nusername='u'\n",
       "two accounts are named 'a'"},
  };
  for (const Case& k : cases) {
    Result<Config> c = ParseConfig(k.text, "c.toml");
    ASSERT_FALSE(c.ok()) << k.text;
    EXPECT_NE(c.status().message().find(k.want), std::string::npos) << c.status().message();
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(Config, DefaultPathsFollowXdg) {
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
  setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
  EXPECT_EQ(DefaultConfigPath(), "/tmp/xdg-config/bouncescan/config.toml");
  EXPECT_EQ(DefaultDatabasePath(), "/tmp/xdg-data/bouncescan/bouncescan.db");
  unsetenv("XDG_CONFIG_HOME");
  unsetenv("XDG_DATA_HOME");
  setenv("HOME", "/home/someone", 1);
  EXPECT_EQ(DefaultConfigPath(), "/home/someone/.config/bouncescan/config.toml");
  EXPECT_EQ(DefaultDatabasePath(), "/home/someone/.local/share/bouncescan/bouncescan.db");
}

}  // namespace
}  // namespace bouncescan::cli
