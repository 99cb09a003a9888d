#include "scanner/credentials.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

namespace bouncescan::scanner {
namespace {

class MapKeyring final : public Keyring {
 public:
  Result<std::optional<std::string>> Lookup(const std::string& account) override {
    if (unreachable) return Status::IoError("Cannot autolaunch D-Bus without X11 $DISPLAY");
    auto it = items.find(account);
    if (it == items.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status Store(const std::string& account, const std::string& secret) override {
    items[account] = secret;
    return Status::Ok();
  }
  Result<bool> Clear(const std::string& account) override { return items.erase(account) > 0; }
  std::map<std::string, std::string> items;
  bool unreachable = false;
};

TEST(Credentials, CommandGivesItsFirstLine) {
  auto s = RunPasswordCommand("printf 'hunter2\\r\\nsecond line\\n'");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s, "hunter2");
}

TEST(Credentials, CommandRunsThroughTheShell) {
  auto s = RunPasswordCommand("X=abc; echo \"$X-def\" | tr a-z A-Z");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "ABC-DEF");
}

TEST(Credentials, FailingCommandNamesStatusNotOutput) {
  auto s = RunPasswordCommand("echo leaked-secret; exit 3");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("status 3"), std::string::npos);
  EXPECT_EQ(s.status().message().find("leaked-secret"), std::string::npos);
}

TEST(Credentials, EmptyOutputIsAnError) {
  EXPECT_FALSE(RunPasswordCommand("true").ok());
}

TEST(Credentials, SlowCommandTimesOut) {
  auto s = RunPasswordCommand("sleep 5", 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("did not finish"), std::string::npos);
}

TEST(Credentials, LongOutputWithoutNewlineDoesNotBlock) {
  auto s = RunPasswordCommand("head -c 300000 /dev/zero | tr '\\0' x");
  ASSERT_TRUE(s.ok());
  EXPECT_GE(s->size(), 64u * 1024);
}

TEST(Credentials, ExplicitSourcesWinOverTheKeyring) {
  MapKeyring keyring;
  keyring.items["work"] = "from-keyring";
  setenv("BOUNCESCAN_TEST_SECRET", "from-env", 1);
  SecretSpec spec{"work", "", "BOUNCESCAN_TEST_SECRET"};
  auto env = GetSecret(spec, &keyring);
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(*env, "from-env");
  spec.password_command = "echo from-command";
  auto cmd = GetSecret(spec, &keyring);
  ASSERT_TRUE(cmd.ok());
  EXPECT_EQ(*cmd, "from-command");
  auto kr = GetSecret(SecretSpec{"work", "", ""}, &keyring);
  ASSERT_TRUE(kr.ok());
  EXPECT_EQ(*kr, "from-keyring");
}

TEST(Credentials, MissingEnvVariableIsNamed) {
  unsetenv("BOUNCESCAN_TEST_UNSET");
  auto s = GetSecret(SecretSpec{"work", "", "BOUNCESCAN_TEST_UNSET"}, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNoSecret);
  EXPECT_NE(s.status().message().find("BOUNCESCAN_TEST_UNSET"), std::string::npos);
}

// libsecret answers "nothing" for a locked keyring and for a missing item alike; both
// must explain every other way to provide the secret.
TEST(Credentials, EmptyOrLockedKeyringNamesTheOtherSources) {
  MapKeyring keyring;
  auto s = GetSecret(SecretSpec{"work", "", ""}, &keyring);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNoSecret);
  const std::string& m = s.status().message();
  EXPECT_NE(m.find("account 'work'"), std::string::npos);
  EXPECT_NE(m.find("locked"), std::string::npos);
  EXPECT_NE(m.find("bouncescan secret set work"), std::string::npos);
  EXPECT_NE(m.find("password_command"), std::string::npos);
  EXPECT_NE(m.find("password_env"), std::string::npos);
  keyring.unreachable = true;
  auto u = GetSecret(SecretSpec{"work", "", ""}, &keyring);
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("password_command"), std::string::npos);
  EXPECT_NE(u.status().message().find("D-Bus"), std::string::npos);
}

// Without libsecret installed, every keyring operation fails with a message naming the
// library and its package (no crash), and an account falls back to saying where else its
// secret can come from.
TEST(Credentials, KeyringWithoutLibsecretNamesTheLibraryAndPackage) {
  std::unique_ptr<Keyring> keyring = SystemKeyringFrom("libsecret-bouncescan-absent.so.0");
  auto found = keyring->Lookup("work");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("libsecret-bouncescan-absent.so.0 cannot be loaded"), std::string::npos)
      << found.status().message();
  EXPECT_NE(found.status().message().find("install the package libsecret-1-0"), std::string::npos);
  Status stored = keyring->Store("work", "hunter2");
  ASSERT_FALSE(stored.ok());
  EXPECT_NE(stored.message().find("libsecret-1-0"), std::string::npos) << stored.message();
  EXPECT_EQ(stored.message().find("hunter2"), std::string::npos);
  auto cleared = keyring->Clear("work");
  ASSERT_FALSE(cleared.ok());
  EXPECT_NE(cleared.status().message().find("libsecret-1-0"), std::string::npos);

  auto s = GetSecret(SecretSpec{"work", "", ""}, keyring.get());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNoSecret);
  EXPECT_NE(s.status().message().find("password_command"), std::string::npos);
  EXPECT_NE(s.status().message().find("libsecret-1-0"), std::string::npos);
}

// A library that loads but is not libsecret is refused by name, not called.
TEST(Credentials, KeyringFromAWrongLibraryIsRefused) {
  auto found = SystemKeyringFrom("libc.so.6")->Lookup("work");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("libc.so.6 has no function secret_password_lookup_sync"),
            std::string::npos)
      << found.status().message();
}

}  // namespace
}  // namespace bouncescan::scanner
