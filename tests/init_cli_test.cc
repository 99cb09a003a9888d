// `bouncescan init` end to end, through the real binary: flags mode, the questions on a
// pseudo-terminal, mode 0600, refusal to overwrite, the timer (a recording `systemctl` on
// PATH), and no keyring. Every written file is loaded with the program's own loader. The
// keyring itself: tests/init_keyring_test.cc.
#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "cli/config.h"
#include "storage/test_util.h"
#include "tests/pty_session.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

using testing::ProcessResult;

int ModeOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

class InitCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(binary_.empty()); }

  // The environment of every run: a private config dir and no keyring to reach by accident.
  std::vector<std::string> Env(std::vector<std::string> extra = {}) {
    std::vector<std::string> env = {"XDG_CONFIG_HOME=" + dir_.File("config"), "LANG=C.UTF-8", "LC_ALL=",
                                    "DBUS_SESSION_BUS_ADDRESS=unix:path=" + dir_.File("no-bus"),
                                    "XDG_RUNTIME_DIR=" + dir_.path()};
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
  }
  ProcessResult Init(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), "init");
    return testing::Run(binary_, args, dir_.path(), Env(std::move(env)));
  }
  std::vector<std::string> Flags() {
    return {"--yes", "--account-url", "imap.example.com", "--username", "me@example.com", "--digest-to",
            "owner@example.com", "--smtp-url", "smtp://smtp.example.com:587"};
  }
  std::string ConfigPath() { return dir_.File("config/bouncescan/config.toml"); }
  // Writes an executable `systemctl` into bin/ that records its arguments and exits `rc`.
  std::string FakeSystemctl(int rc) {
    std::filesystem::create_directories(dir_.File("bin"));
    const std::string path = dir_.File("bin/systemctl");
    std::ofstream(path) << "#!/bin/sh\necho \"$@\" >>" << dir_.File("systemctl.args") << "\nexit " << rc << "\n";
    chmod(path.c_str(), 0755);
    return "PATH=" + dir_.File("bin") + ":/usr/bin:/bin";
  }

  storage::testing::TempDir dir_;
  std::string binary_ = testing::EnvOr("BOUNCESCAN_BINARY", "");
};

TEST_F(InitCliTest, FlagsWriteAPrivateConfigThatLoads) {
  std::vector<std::string> args = Flags();
  for (const char* a : {"--folders", "INBOX, Junk", "--account-name", "work", "--language", "vi", "--every",
                        "weekly", "--smtp-username", ""}) {
    args.push_back(a);
  }
  ProcessResult r = Init(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote " + ConfigPath()), std::string::npos) << r.out;
  EXPECT_EQ(ModeOf(ConfigPath()), 0600);
  EXPECT_EQ(ModeOf(dir_.File("config/bouncescan")), 0700);  // created by init, private

  Result<cli::Config> c = cli::LoadConfigFile(ConfigPath());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->language, "vi");
  ASSERT_EQ(c->accounts.size(), 1u);
  EXPECT_EQ(c->accounts[0].name, "work");
  EXPECT_EQ(c->accounts[0].url, "imaps://imap.example.com");  // a bare host means imaps://
  EXPECT_EQ(c->accounts[0].username, "me@example.com");
  EXPECT_EQ(c->accounts[0].folders, (std::vector<std::string>{"INBOX", "Junk"}));
  ASSERT_TRUE(c->digest.has_value());
  EXPECT_EQ(c->digest->to, "owner@example.com");
  EXPECT_EQ(c->digest->from, "owner@example.com");
  EXPECT_EQ(c->digest->smtp_url, "smtp://smtp.example.com:587");
  EXPECT_EQ(c->digest->username, "");  // --smtp-username "": no SMTP AUTH
  EXPECT_EQ(c->digest->language, "vi");
  EXPECT_EQ(c->digest->every, "weekly");
  // Neither step was asked for, and both are explained.
  EXPECT_NE(r.out.find("bouncescan secret set work"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("systemctl --user enable --now bouncescan.timer"), std::string::npos) << r.out;
}

TEST_F(InitCliTest, SmtpLoginDefaultsToTheImapLoginAndLanguageToTheLocale) {
  ProcessResult r = Init(Flags(), {"LANG=vi_VN.UTF-8"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Result<cli::Config> c = cli::LoadConfigFile(ConfigPath());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->digest->username, "me@example.com");
  EXPECT_EQ(c->language, "vi");
  EXPECT_EQ(c->accounts[0].name, "mail");
}

TEST_F(InitCliTest, WritesWhereConfigSays) {
  std::vector<std::string> args = Flags();
  ProcessResult r = testing::Run(binary_, {"--config", dir_.File("elsewhere/bs.toml"), "init", args[0], args[1],
                                           args[2], args[3], args[4], args[5], args[6], args[7], args[8]},
                                 dir_.path(), Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ModeOf(dir_.File("elsewhere/bs.toml")), 0600);
  EXPECT_EQ(ModeOf(ConfigPath()), -1);
}

TEST_F(InitCliTest, RefusesToReplaceAFileWithoutForce) {
  std::filesystem::create_directories(dir_.File("config/bouncescan"));
  std::ofstream(ConfigPath()) << "language = \"en\"  # mine\n";
  chmod(ConfigPath().c_str(), 0644);
  ProcessResult r = Init(Flags());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(testing::ReadAll(ConfigPath()), "language = \"en\"  # mine\n");
  EXPECT_EQ(ModeOf(ConfigPath()), 0644);

  std::vector<std::string> args = Flags();
  args.push_back("--force");
  r = Init(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ModeOf(ConfigPath()), 0600);  // a new file, not the old one's mode
  Result<cli::Config> c = cli::LoadConfigFile(ConfigPath());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->accounts.size(), 1u);
  // No temporary file left beside it.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.File("config/bouncescan"))) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(InitCliTest, WithoutATerminalNamesTheMissingFlagsAndWritesNothing) {
  ProcessResult r = Init({"--account-url", "imap.example.com"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--username --digest-to --smtp-url"), std::string::npos) << r.err;
  EXPECT_EQ(ModeOf(ConfigPath()), -1);
}

TEST_F(InitCliTest, RejectsAWrongServerAndWritesNothing) {
  std::vector<std::string> args = Flags();
  args[2] = "https://imap.example.com";
  ProcessResult r = Init(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("imaps://"), std::string::npos) << r.err;
  EXPECT_EQ(ModeOf(ConfigPath()), -1);
  r = Init({"--yes", "--language", "fr"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(ModeOf(ConfigPath()), -1);
}

// Values are written as TOML strings: quotes, backslashes and line breaks cannot add keys.
TEST_F(InitCliTest, ValuesThatLookLikeTomlStayValues) {
  const std::string user = "me\"\n[policy]\nsoft_bounces = 1\n#\\";
  const std::string folder = "Bounces \"old\"";
  std::vector<std::string> args = Flags();
  args[4] = user;
  args.push_back("--folders");
  args.push_back(folder);
  ProcessResult r = Init(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Result<cli::Config> c = cli::LoadConfigFile(ConfigPath());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->accounts[0].username, user);
  EXPECT_EQ(c->accounts[0].folders, std::vector<std::string>{folder});
  EXPECT_EQ(c->policy.soft_bounces, 3);  // the default: nothing was injected
}

TEST_F(InitCliTest, EnablesTheTimerWithSystemctl) {
  std::vector<std::string> args = Flags();
  args.push_back("--enable-timer");
  ProcessResult r = Init(args, {FakeSystemctl(0)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadAll(dir_.File("systemctl.args")), "--user enable --now bouncescan.timer\n");
  EXPECT_NE(r.out.find("enabled bouncescan.timer"), std::string::npos) << r.out;
}

TEST_F(InitCliTest, ExplainsCronWhenThereIsNoSystemctl) {
  std::filesystem::create_directories(dir_.File("empty"));
  std::vector<std::string> args = Flags();
  args.push_back("--enable-timer");
  ProcessResult r = Init(args, {"PATH=" + dir_.File("empty")});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // written, but a step failed
  EXPECT_NE(r.err.find("systemctl is not installed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("17 * * * *  bouncescan --quiet run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("password_command"), std::string::npos) << r.err;
  EXPECT_TRUE(cli::LoadConfigFile(ConfigPath()).ok());
}

TEST_F(InitCliTest, ExplainsWhenSystemctlFails) {
  std::vector<std::string> args = Flags();
  args.push_back("--enable-timer");
  ProcessResult r = Init(args, {FakeSystemctl(1)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("failed (exit 1)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("loginctl enable-linger"), std::string::npos) << r.err;
}

TEST_F(InitCliTest, NoKeyringSaysWhatToUseInstead) {
  const std::string input = dir_.File("password");
  std::ofstream(input) << "s3cret\n";
  std::vector<std::string> args = Flags();
  std::string cmd = "exec \"$0\" \"$@\" <" + input;
  args.insert(args.begin(), {"-c", cmd, binary_, "init", "--store-password"});
  ProcessResult r = testing::Run("/bin/sh", args, dir_.path(), Env());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("password_command or password_env"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  EXPECT_TRUE(cli::LoadConfigFile(ConfigPath()).ok());
}

// On a terminal, init asks for what the flags do not say, with defaults in brackets.
TEST_F(InitCliTest, TerminalAsksAndTakesTheDefaults) {
  testing::PtySession pty(binary_, {"init"}, Env({"LANG=vi_VN.UTF-8"}));
  ASSERT_TRUE(pty.started());
  ASSERT_TRUE(pty.Expect("IMAP server")) << pty.transcript();
  pty.Send("https://imap.example.com");  // wrong: asked again
  ASSERT_TRUE(pty.Expect("must be imaps://")) << pty.transcript();
  ASSERT_TRUE(pty.Expect("IMAP server")) << pty.transcript();
  pty.Send("imap.example.com");
  ASSERT_TRUE(pty.Expect("IMAP username")) << pty.transcript();
  pty.Send("me@example.com");
  ASSERT_TRUE(pty.Expect("Folders to scan, comma-separated [INBOX]: ")) << pty.transcript();
  pty.Send("INBOX, Junk");
  ASSERT_TRUE(pty.Expect("A short name for this account [mail]: ")) << pty.transcript();
  pty.Send("");
  ASSERT_TRUE(pty.Expect("Send the digest to [me@example.com]: ")) << pty.transcript();
  pty.Send("");
  ASSERT_TRUE(pty.Expect("[smtps://smtp.example.com]: ")) << pty.transcript();  // guessed from the IMAP host
  pty.Send("");
  ASSERT_TRUE(pty.Expect("SMTP username (- for none) [me@example.com]: ")) << pty.transcript();
  pty.Send("-");
  ASSERT_TRUE(pty.Expect("Language of the digest (en or vi) [vi]: ")) << pty.transcript();  // from LANG
  pty.Send("");
  ASSERT_TRUE(pty.Expect("Send it daily, weekly or always [daily]: ")) << pty.transcript();
  pty.Send("always");
  ASSERT_TRUE(pty.Expect("wrote " + ConfigPath())) << pty.transcript();
  ASSERT_TRUE(pty.Expect("in the desktop keyring now? [Y/n]: ")) << pty.transcript();
  pty.Send("n");
  ASSERT_TRUE(pty.Expect("bouncescan.timer)? [Y/n]: ")) << pty.transcript();
  pty.Send("no");
  EXPECT_EQ(pty.Wait(), 0) << pty.transcript();

  EXPECT_EQ(ModeOf(ConfigPath()), 0600);
  Result<cli::Config> c = cli::LoadConfigFile(ConfigPath());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->accounts[0].url, "imaps://imap.example.com");
  EXPECT_EQ(c->accounts[0].name, "mail");
  EXPECT_EQ(c->accounts[0].folders, (std::vector<std::string>{"INBOX", "Junk"}));
  EXPECT_EQ(c->digest->to, "me@example.com");
  EXPECT_EQ(c->digest->smtp_url, "smtps://smtp.example.com");
  EXPECT_EQ(c->digest->username, "");
  EXPECT_EQ(c->digest->language, "vi");
  EXPECT_EQ(c->digest->every, "always");
}

TEST_F(InitCliTest, TerminalInputEndingEarlyWritesNothing) {
  testing::PtySession pty(binary_, {"init", "--account-url", "imap.example.com"}, Env());
  ASSERT_TRUE(pty.started());
  ASSERT_TRUE(pty.Expect("IMAP username")) << pty.transcript();
  pty.SendEof();
  EXPECT_EQ(pty.Wait(), 2) << pty.transcript();
  EXPECT_NE(pty.transcript().find("nothing written"), std::string::npos) << pty.transcript();
  EXPECT_EQ(ModeOf(ConfigPath()), -1);
}

TEST_F(InitCliTest, TerminalRefusesAnExistingFileBeforeAsking) {
  std::filesystem::create_directories(dir_.File("config/bouncescan"));
  std::ofstream(ConfigPath()) << "# mine\n";
  testing::PtySession pty(binary_, {"init"}, Env());
  ASSERT_TRUE(pty.started());
  EXPECT_EQ(pty.Wait(), 2) << pty.transcript();
  EXPECT_NE(pty.transcript().find("--force"), std::string::npos) << pty.transcript();
  EXPECT_EQ(pty.transcript().find("IMAP server"), std::string::npos) << pty.transcript();
  EXPECT_EQ(testing::ReadAll(ConfigPath()), "# mine\n");
}

}  // namespace
}  // namespace bouncescan
