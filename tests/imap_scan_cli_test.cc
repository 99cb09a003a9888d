// `bouncescan scan` over IMAP, end to end: the CLI binary against a real Dovecot on
// 127.0.0.1, recording into a real SQLite database.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <fstream>
#include <set>
#include <tuple>

#include "rules/judge.h"
#include "rules/reason.h"
#include "scanner/pipeline.h"
#include "storage/database.h"
#include "tests/dovecot_harness.h"
#include "tests/imap_fixtures.h"

namespace bouncescan {
namespace {

using testing::DovecotServer;

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the CLI with `env` added (NAME=VALUE; "NAME=" unsets NAME).
CliRun RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  CliRun r;
  const char* binary = std::getenv("BOUNCESCAN_BINARY");
  if (!binary) return r;
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    for (const std::string& e : env) {
      std::size_t eq = e.find('=');
      if (eq + 1 == e.size()) unsetenv(e.substr(0, eq).c_str());
      else setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    std::vector<char*> argv{const_cast<char*>(binary)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  auto drain = [](int fd, std::string* s) {
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) s->append(buf, static_cast<std::size_t>(n));
    close(fd);
  };
  drain(out[0], &r.out);
  drain(err[0], &r.err);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

using EventKey = std::tuple<std::string, std::string, bool>;  // recipient, reason, hard

class ImapScanCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = DovecotServer::Start({{{"alice", "alice-secret"}, {"bob", "bob-secret"}}, ""});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    db_ = server_->dir() + "/test.db";
    mail_ = {testing::OrdinaryMail(1),
             testing::PostfixDsn("gone@example.org", 1),
             testing::OutOfOffice(2),
             testing::ExchangeNdr("full@example.org", 2),
             testing::OrdinaryMail(3),
             testing::QmailFailure("nobody@example.net", 3)};
    for (const std::string& m : mail_) ASSERT_TRUE(server_->AddMessage("alice", "INBOX", m).ok());
  }

  std::string WriteConfig(const std::string& accounts) {
    std::string path = server_->dir() + "/config.toml";
    std::ofstream(path) << accounts;
    return path;
  }

  std::string Account(const std::string& name, const std::string& extra = "",
                      const std::string& secret_line = "password_command = \"echo alice-secret\"") {
    return "[[account]]\nname = \"" + name + "\"\nurl = \"" + server_->imaps_url() +
           "\"\nusername = \"alice\"\n" + secret_line + "\nca_file = \"" + server_->cert_path() + "\"\n" + extra +
           "\n";
  }

  CliRun Scan(const std::string& config, const std::vector<std::string>& more = {},
           const std::vector<std::string>& env = {}) {
    std::vector<std::string> args{"--config", config, "--db", db_, "scan"};
    args.insert(args.end(), more.begin(), more.end());
    return RunCli(args, env);
  }

  std::multiset<EventKey> RecordedEvents() {
    std::multiset<EventKey> out;
    auto db = storage::Database::Open(db_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return out;
    auto events = (*db)->ListEvents();
    EXPECT_TRUE(events.ok());
    if (!events.ok()) return out;
    for (const storage::Event& e : *events) out.insert({e.recipient, e.reason, e.hard});
    return out;
  }

  // What classifying the same bytes says (the pipeline that `classify` and file scans use).
  std::multiset<EventKey> ClassifiedEvents() {
    std::multiset<EventKey> out;
    std::shared_ptr<const rules::RuleSet> rules = rules::RuleSet::BuiltIn();
    for (const std::string& m : mail_) {
      storage::ScanRecord r = scanner::BuildRecord(m, "x", *rules);
      if (r.report.kind == mime::ReportKind::kNone || r.report.kind == mime::ReportKind::kAutoreply) continue;
      for (std::size_t i = 0; i < r.verdicts.size(); ++i) {
        out.insert({r.report.recipients[i].final_recipient, std::string(rules::ReasonName(r.verdicts[i].reason)),
                    r.verdicts[i].hard});
      }
    }
    return out;
  }

  std::unique_ptr<DovecotServer> server_;
  std::string db_;
  std::vector<std::string> mail_;
};

TEST_F(ImapScanCliTest, FirstScanRecordsWhatClassifyFindsAndTheSecondNothing) {
  std::string config = WriteConfig(Account("work"));
  CliRun quiet = RunCli({"--config", config, "--db", db_, "--quiet", "scan", "--dry-run"});
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
  CliRun first = Scan(config);
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.out, "");  // not a terminal: silent on success, as under cron
  EXPECT_EQ(RecordedEvents(), ClassifiedEvents());
  std::multiset<EventKey> expected = RecordedEvents();

  CliRun second = Scan(config, {}, {});
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(RecordedEvents(), expected);
  CliRun verbose = RunCli({"--config", config, "--db", db_, "--verbose", "scan"});
  ASSERT_EQ(verbose.status, 0) << verbose.err;
  EXPECT_NE(verbose.out.find("0 fetched"), std::string::npos) << verbose.out;
  EXPECT_EQ(verbose.err.find("alice-secret"), std::string::npos);
  EXPECT_NE(verbose.err.find("AUTHENTICATE PLAIN <redacted>"), std::string::npos) << verbose.err;
}

TEST_F(ImapScanCliTest, UidvalidityChangeDoesNotRecordTwice) {
  std::string config = WriteConfig(Account("work"));
  ASSERT_EQ(Scan(config).status, 0);
  std::multiset<EventKey> before = RecordedEvents();
  EXPECT_EQ(before, ClassifiedEvents());
  auto status = server_->Doveadm({"mailbox", "status", "-u", "alice", "uidvalidity", "INBOX"});
  ASSERT_TRUE(status.ok());
  std::uint32_t v = static_cast<std::uint32_t>(std::stoul(status->substr(status->find('=') + 1)));
  ASSERT_TRUE(server_->Doveadm({"mailbox", "update", "-u", "alice", "--uid-validity", std::to_string(v + 7), "INBOX"}).ok());
  CliRun again = RunCli({"--config", config, "--db", db_, "--verbose", "scan"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("3 fetched"), std::string::npos) << again.out;   // rescanned ...
  EXPECT_NE(again.out.find("3 already recorded"), std::string::npos) << again.out;
  EXPECT_EQ(RecordedEvents(), before);                                      // ... recorded once
}

TEST_F(ImapScanCliTest, DryRunWritesNothing) {
  std::string config = WriteConfig(Account("work", "after = \"flag\""));
  CliRun r = Scan(config, {"--dry-run"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("(dry run)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 fetched"), std::string::npos) << r.out;
  for (const auto& [recipient, reason, hard] : ClassifiedEvents()) {
    EXPECT_NE(r.out.find(recipient + " " + reason), std::string::npos) << r.out;
  }
  EXPECT_FALSE(std::filesystem::exists(db_));
  auto flags = server_->Doveadm({"fetch", "-u", "alice", "flags", "mailbox", "INBOX"});
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags->find("$BounceProcessed"), std::string::npos) << *flags;
}

TEST_F(ImapScanCliTest, WrongPasswordEndsOnlyThatAccount) {
  std::string config = WriteConfig(Account("broken", "", "password_command = \"echo not-the-password\"") +
                                   Account("work"));
  CliRun r = Scan(config);
  EXPECT_EQ(r.status, 3) << r.err;  // kExitAuth
  EXPECT_NE(r.err.find("account 'broken'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not-the-password"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(RecordedEvents(), ClassifiedEvents());  // "work" still ran
  CliRun again = RunCli({"--config", config, "--db", db_, "--verbose", "scan", "--account", "work"});
  EXPECT_NE(again.out.find("0 fetched"), std::string::npos) << again.out;
}

TEST_F(ImapScanCliTest, UntrustedCertificateIsExitFive) {
  std::string config = WriteConfig(
      "[[account]]\nname = \"work\"\nurl = \"" + server_->imaps_url() +
      "\"\nusername = \"alice\"\npassword_command = \"echo alice-secret\"\n");
  CliRun r = Scan(config);
  EXPECT_EQ(r.status, 5) << r.err;  // kExitTls
  EXPECT_NE(r.err.find("account 'work'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ca_file"), std::string::npos) << r.err;
}

TEST_F(ImapScanCliTest, UnreachableServerIsExitFour) {
  std::string config = WriteConfig(Account("work"));
  server_->Stop();
  CliRun r = Scan(config);
  EXPECT_EQ(r.status, 4) << r.err;  // kExitNetwork
  EXPECT_NE(r.err.find("account 'work'"), std::string::npos) << r.err;
}

// Under cron there is no D-Bus session, so the keyring cannot answer.
TEST_F(ImapScanCliTest, NoKeyringNamesTheOtherSources) {
  std::string config = WriteConfig(Account("work", "", ""));
  CliRun r = Scan(config, {}, {"DBUS_SESSION_BUS_ADDRESS=", "DISPLAY="});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("password_command"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("password_env"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bouncescan secret set work"), std::string::npos) << r.err;
}

TEST_F(ImapScanCliTest, PasswordFromTheEnvironment) {
  std::string config = WriteConfig(Account("work", "", "password_env = \"BOUNCESCAN_TEST_PW\""));
  CliRun r = Scan(config, {}, {"BOUNCESCAN_TEST_PW=alice-secret"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(RecordedEvents(), ClassifiedEvents());
  CliRun again = RunCli({"--config", config, "--db", db_, "--verbose", "scan"}, {"BOUNCESCAN_TEST_PW=alice-secret"});
  EXPECT_NE(again.out.find("0 fetched"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace bouncescan
