// `bouncescan init` storing passwords in a real gnome-keyring. ctest runs this binary under
// tests/with-gnome-keyring (a private D-Bus session and HOME), never against a user's keyring.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/config.h"
#include "scanner/credentials.h"
#include "storage/test_util.h"
#include "tests/pty_session.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

class InitKeyringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(binary_.empty());
    if (!std::getenv("BOUNCESCAN_PRIVATE_KEYRING")) {
      GTEST_SKIP() << "runs only under tests/with-gnome-keyring (see tests/CMakeLists.txt)";
    }
  }
  std::vector<std::string> Env() { return {"XDG_CONFIG_HOME=" + dir_.File("config")}; }
  std::string ConfigPath() { return dir_.File("config/bouncescan/config.toml"); }
  std::optional<std::string> Lookup(const std::string& name) {
    Result<std::optional<std::string>> r = scanner::SystemKeyring()->Lookup(name);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::nullopt;
  }

  storage::testing::TempDir dir_;
  std::string binary_ = testing::EnvOr("BOUNCESCAN_BINARY", "");
};

// On a terminal: asked, typed without echo, stored under the account's name and "digest".
TEST_F(InitKeyringTest, TerminalStoresThePasswordsWithoutEcho) {
  testing::PtySession pty(binary_,
                          {"init", "--account-url", "imap.example.com", "--username", "me@example.com",
                           "--account-name", "work", "--digest-to", "me@example.com", "--smtp-url",
                           "smtp.example.com", "--smtp-username", "me@example.com", "--language", "en", "--every",
                           "daily", "--folders", "INBOX"},
                          Env());
  ASSERT_TRUE(pty.started());
  ASSERT_TRUE(pty.Expect("Store the IMAP password for 'work' in the desktop keyring now? [Y/n]: ")) << pty.transcript();
  pty.Send("");  // yes
  ASSERT_TRUE(pty.Expect("IMAP password for me@example.com: ")) << pty.transcript();
  pty.Send("imap pass \"1\"");
  ASSERT_TRUE(pty.Expect("(Enter: the same as the IMAP password): ")) << pty.transcript();
  pty.Send("smtp-pass-2");
  ASSERT_TRUE(pty.Expect("bouncescan.timer)? [Y/n]: ")) << pty.transcript();
  pty.Send("n");
  EXPECT_EQ(pty.Wait(), 0) << pty.transcript();
  EXPECT_EQ(pty.transcript().find("imap pass"), std::string::npos) << "echoed:\n" << pty.transcript();
  EXPECT_EQ(pty.transcript().find("smtp-pass-2"), std::string::npos) << "echoed:\n" << pty.transcript();
  EXPECT_EQ(Lookup("work"), std::optional<std::string>("imap pass \"1\""));
  EXPECT_EQ(Lookup("digest"), std::optional<std::string>("smtp-pass-2"));
  EXPECT_TRUE(cli::LoadConfigFile(ConfigPath()).ok());
}

// Without a terminal, --store-password reads stdin: line 1 the IMAP password, an absent
// line 2 means the SMTP password is the same.
TEST_F(InitKeyringTest, FlagsReadThePasswordFromStdin) {
  const std::string input = dir_.File("input");
  std::ofstream(input) << "only-one-password\n";
  testing::ProcessResult r = testing::Run(
      "/bin/sh",
      {"-c", "exec \"$0\" \"$@\" <" + input, binary_, "init", "--yes", "--store-password", "--account-url",
       "imap.example.com", "--username", "me@example.com", "--digest-to", "me@example.com", "--smtp-url",
       "smtp.example.com"},
      dir_.path(), Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("only-one-password"), std::string::npos);
  EXPECT_EQ(r.err.find("only-one-password"), std::string::npos);
  EXPECT_EQ(Lookup("mail"), std::optional<std::string>("only-one-password"));
  EXPECT_EQ(Lookup("digest"), std::optional<std::string>("only-one-password"));
}

}  // namespace
}  // namespace bouncescan
