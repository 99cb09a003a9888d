// The libsecret keyring against a real gnome-keyring, and without one.
//
// ctest runs this binary three times (scanner/CMakeLists.txt): under dbus-run-session with
// an unlocked gnome-keyring (Keyring.*), with a keyring daemon whose login keyring was never
// unlocked (LockedKeyring.*), and with no D-Bus session at all, as under cron (NoKeyring.*).
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "scanner/credentials.h"

namespace bouncescan::scanner {
namespace {

// Runs the bouncescan CLI with `input` on stdin; returns exit status, stdout+stderr in *out.
int RunCli(const std::vector<std::string>& args, const std::string& input, std::string* out) {
  const char* binary = std::getenv("BOUNCESCAN_BINARY");
  if (!binary) return -1;
  int in[2], res[2];
  if (pipe(in) != 0 || pipe(res) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(res[1], 1);
    dup2(res[1], 2);
    close(in[1]);
    close(res[0]);
    std::vector<char*> argv{const_cast<char*>(binary)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary, argv.data());
    _exit(127);
  }
  close(in[0]);
  close(res[1]);
  if (!input.empty() && write(in[1], input.data(), input.size()) < 0) return -1;
  close(in[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(res[0], buf, sizeof buf)) > 0) out->append(buf, static_cast<std::size_t>(n));
  close(res[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void RequireSessionBus() {
  if (!std::getenv("DBUS_SESSION_BUS_ADDRESS")) {
    GTEST_FAIL() << "run under dbus-run-session with gnome-keyring (see scanner/CMakeLists.txt)";
  }
}

TEST(Keyring, StoresFindsAndClears) {
  RequireSessionBus();
  auto keyring = SystemKeyring();
  ASSERT_TRUE(keyring->Store("work", "correct horse").ok());
  auto found = keyring->Lookup("work");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, "correct horse");
  auto other = keyring->Lookup("home");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  auto secret = GetSecret(SecretSpec{"work", "", ""}, keyring.get());
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(*secret, "correct horse");
  auto cleared = keyring->Clear("work");
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(*cleared);
  auto gone = keyring->Lookup("work");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST(Keyring, CliSetReadsStdinAndClearRemoves) {
  RequireSessionBus();
  std::string out;
  ASSERT_EQ(RunCli({"--config", "/nonexistent/config.toml", "secret", "set", "cli-account"}, "s3cr3t-from-stdin\nignored\n", &out), 0)
      << out;
  EXPECT_EQ(out.find("s3cr3t"), std::string::npos) << out;
  auto found = SystemKeyring()->Lookup("cli-account");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, "s3cr3t-from-stdin");
  out.clear();
  ASSERT_EQ(RunCli({"--config", "/nonexistent/config.toml", "secret", "clear", "cli-account"}, "", &out), 0) << out;
  auto gone = SystemKeyring()->Lookup("cli-account");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST(Keyring, CliSetRefusesEmptyInput) {
  RequireSessionBus();
  std::string out;
  EXPECT_EQ(RunCli({"--config", "/nonexistent/config.toml", "secret", "set", "x"}, "", &out), 2) << out;
  EXPECT_NE(out.find("empty"), std::string::npos) << out;
}

// A keyring that is there but locked answers "nothing" without an error.
TEST(LockedKeyring, LookupExplainsTheOtherSources) {
  RequireSessionBus();
  auto secret = GetSecret(SecretSpec{"work", "", ""}, SystemKeyring().get());
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().code(), StatusCode::kNoSecret);
  EXPECT_NE(secret.status().message().find("locked"), std::string::npos);
  EXPECT_NE(secret.status().message().find("password_command"), std::string::npos);
  EXPECT_NE(secret.status().message().find("password_env"), std::string::npos);
}

// Under cron there is no D-Bus session at all.
TEST(NoKeyring, MissingSessionExplainsTheOtherSources) {
  unsetenv("DBUS_SESSION_BUS_ADDRESS");
  unsetenv("DISPLAY");
  auto secret = GetSecret(SecretSpec{"work", "", ""}, SystemKeyring().get());
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().code(), StatusCode::kNoSecret);
  const std::string& m = secret.status().message();
  EXPECT_NE(m.find("account 'work'"), std::string::npos) << m;
  EXPECT_NE(m.find("password_command"), std::string::npos) << m;
  EXPECT_NE(m.find("password_env"), std::string::npos) << m;
  EXPECT_NE(m.find("bouncescan secret set work"), std::string::npos) << m;
}

}  // namespace
}  // namespace bouncescan::scanner
