// `bouncescan run` end to end: a real Dovecot holding bounces, a real SMTP server
// (aiosmtpd, STARTTLS + AUTH) receiving the digest, the CLI binary in between.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "digest/labels.h"
#include "storage/database.h"
#include "tests/digest_fixtures.h"
#include "tests/digest_message.h"
#include "tests/dovecot_harness.h"
#include "tests/imap_fixtures.h"
#include "tests/smtp_test_server.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

using testing::DovecotServer;
using testing::ProcessResult;
using testing::SmtpTestServer;

class RunCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dovecot = DovecotServer::Start({{{"alice", "alice-secret"}}, ""});
    ASSERT_TRUE(dovecot.ok()) << dovecot.status().ToString();
    dovecot_ = std::move(*dovecot);
    dir_ = dovecot_->dir();
    db_ = dir_ + "/test.db";
    SmtpTestServer::Options o;
    o.user = "owner@example.com";
    o.password = "smtp-secret";
    std::string error;
    smtp_ = SmtpTestServer::Start(o, &error);
    ASSERT_TRUE(smtp_) << error;
  }

  void Load(const std::vector<std::string>& messages) {
    for (const std::string& m : messages) ASSERT_TRUE(dovecot_->AddMessage("alice", "INBOX", m).ok());
  }

  // One [[account]] (plus `more`) and a [digest] that goes to the test SMTP server.
  void WriteConfig(const std::string& every, const std::string& more = "", bool with_digest = true) {
    std::ofstream c(dir_ + "/config.toml");
    c << "[[account]]\nname = \"work\"\nurl = \"" << dovecot_->imaps_url()
      << "\"\nusername = \"alice\"\npassword_env = \"RUN_TEST_IMAP\"\nca_file = \"" << dovecot_->cert_path()
      << "\"\n\n"
      << more;
    if (with_digest) {
      c << "[digest]\nto = \"owner@example.com\"\nfrom = \"bouncescan@example.com\"\nsmtp_url = \""
        << smtp_->Url("smtp") << "\"\nusername = \"owner@example.com\"\npassword_command = \"echo smtp-secret\"\n"
        << "ca_file = \"" << smtp_->ca_file() << "\"\nevery = \"" << every << "\"\n";
    }
  }

  ProcessResult Cli(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--config", dir_ + "/config.toml", "--db", db_};
    all.insert(all.end(), args.begin(), args.end());
    return testing::Run(testing::EnvOr("BOUNCESCAN_BINARY", ""), all, dir_, {"RUN_TEST_IMAP=alice-secret"});
  }

  std::string TextOf(std::size_t i) {
    auto messages = smtp_->Messages();
    if (i >= messages.size()) return "";
    testing::ParsedDigest d = testing::ParseDigest(messages[i]);
    return d.parts.empty() ? "" : d.parts[0].decoded;
  }

  std::unique_ptr<DovecotServer> dovecot_;
  std::unique_ptr<SmtpTestServer> smtp_;
  std::string dir_;
  std::string db_;
};

TEST_F(RunCliTest, TwoRunsSendExactlyOneDigestWithEverySection) {
  Load({testing::OrdinaryMail(1)});
  Load(testing::DigestSectionBounces());
  Load({testing::OutOfOffice(2)});
  WriteConfig("daily");

  ProcessResult first = Cli({"run"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "") << "quiet on success";
  EXPECT_EQ(first.err, "") << "quiet on success";
  ProcessResult second = Cli({"run"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out + second.err, "");

  ASSERT_EQ(smtp_->Messages().size(), 1u);
  const std::string text = TextOf(0);
  const auto& L = digest::LabelsFor(rules::Language::kEnglish);
  for (std::string_view title : {L.sender_title, L.removed_title, L.watching_title, L.contact_title,
                                 L.unclassified_title}) {
    EXPECT_NE(text.find(title), std::string::npos) << title << " missing in\n" << text;
  }
  for (const char* item : {"5.7.26", "Relay access denied", "gone@example.org", "full@example.org",
                           "picky@example.net", "Undeliverable: Invoice 2024-05"}) {
    EXPECT_NE(text.find(item), std::string::npos) << item;
  }
  EXPECT_EQ(text.find("heidi@example.org"), std::string::npos) << "an out-of-office reply is no bounce";

  // The suppression list was updated by the run.
  auto db = storage::Database::Open(db_);
  ASSERT_TRUE(db.ok());
  auto gone = (*db)->FindSuppressed("gone@example.org");
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->has_value());
  auto carol = (*db)->FindSuppressed("carol@example.org");
  ASSERT_TRUE(carol.ok());
  EXPECT_FALSE(carol->has_value()) << "a sender-side failure never suppresses";

  // A new bounce with a daily digest just sent: recorded, but the digest waits for its day;
  // `bouncescan digest` sends it at once, and alone.
  Load({testing::DigestDsn("later@example.org", "5.1.1", "550 5.1.1 user unknown", 40)});
  ProcessResult third = Cli({"run"});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(smtp_->Messages().size(), 1u) << "not due yet";
  ASSERT_EQ(Cli({"digest"}).exit_code, 0);
  ASSERT_EQ(smtp_->Messages().size(), 2u);
  EXPECT_NE(TextOf(1).find("later@example.org"), std::string::npos);
  EXPECT_EQ(TextOf(1).find("gone@example.org"), std::string::npos);
}

TEST_F(RunCliTest, AlwaysSendsWhateverIsNewAndNothingElse) {
  Load({testing::DigestDsn("gone@example.org", "5.1.1", "550 5.1.1 user unknown", 1)});
  WriteConfig("always");
  ASSERT_EQ(Cli({"run"}).exit_code, 0);
  ASSERT_EQ(Cli({"run"}).exit_code, 0);
  EXPECT_EQ(smtp_->Messages().size(), 1u);
  Load({testing::DigestDsn("later@example.org", "5.1.1", "550 5.1.1 user unknown", 2)});
  ASSERT_EQ(Cli({"run"}).exit_code, 0);
  ASSERT_EQ(smtp_->Messages().size(), 2u);
  EXPECT_NE(TextOf(1).find("later@example.org"), std::string::npos);
  EXPECT_EQ(TextOf(1).find("gone@example.org"), std::string::npos);
}

TEST_F(RunCliTest, AFailedAccountIsOneLineAndTheOthersStillGoOut) {
  Load(testing::DigestSectionBounces());
  WriteConfig("always", "[[account]]\nname = \"broken\"\nurl = \"" + dovecot_->imaps_url() +
                            "\"\nusername = \"alice\"\npassword_command = \"echo wrong\"\nca_file = \"" +
                            dovecot_->cert_path() + "\"\n\n");
  ProcessResult r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("broken"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(smtp_->Messages().size(), 1u) << "the good account's bounces are still sent";
  EXPECT_NE(TextOf(0).find("gone@example.org"), std::string::npos);
}

TEST_F(RunCliTest, SmtpDownIsExitFourAndTheNextRunSends) {
  Load(testing::DigestSectionBounces());
  WriteConfig("daily");
  std::string config = dir_ + "/config.toml";
  // Point the digest at a port where nothing listens.
  std::string good = testing::ReadAll(config);
  std::string bad = good;
  bad.replace(bad.find(smtp_->Url("smtp")), smtp_->Url("smtp").size(), "smtp://127.0.0.1:1");
  std::ofstream(config) << bad;
  ProcessResult r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("digest not sent"), std::string::npos) << r.err;
  std::ofstream(config) << good;
  r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(smtp_->Messages().size(), 1u);
  EXPECT_NE(TextOf(0).find("gone@example.org"), std::string::npos) << "recorded by the first run, sent by the second";
}

TEST_F(RunCliTest, WithoutDigestUndecodableMessagesAreReportedAsExitOne) {
  Load({testing::DigestUnreadable("Undeliverable: Invoice 2024-05", 1),
        testing::DigestDsn("gone@example.org", "5.1.1", "550 5.1.1 user unknown", 2)});
  WriteConfig("daily", "", /*with_digest=*/false);
  ProcessResult r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(smtp_->Messages().empty());
}

// Both commands that scan mailboxes hold the run lock: a second one waits briefly, then
// exits 6 saying why, and changes nothing.
TEST_F(RunCliTest, AnotherRunHoldsTheLockSoRunAndScanExitBusy) {
  Load(testing::DigestSectionBounces());
  WriteConfig("always");
  storage::OpenOptions o;
  o.run_lock = true;
  auto holder = storage::Database::Open(db_, o);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  for (const char* command : {"run", "scan"}) {
    auto start = std::chrono::steady_clock::now();
    ProcessResult r = Cli({command});
    auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(r.exit_code, 6) << command << ": " << r.err;
    EXPECT_NE(r.err.find("in use by another bouncescan run"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_GE(waited, std::chrono::seconds(2)) << command << " gave up without waiting";
  }
  auto totals = (*holder)->GetTotals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->messages, 0) << "nothing recorded while the lock was held";
  EXPECT_TRUE(smtp_->Messages().empty());
  holder->reset();
  ProcessResult r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(smtp_->Messages().size(), 1u);
}

TEST_F(RunCliTest, ConfigurationErrorsStopBeforeScanning) {
  std::ofstream(dir_ + "/config.toml") << "[digest]\nto = \"owner@example.com\"\n";
  ProcessResult r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("[[account]]"), std::string::npos) << r.err;
  // A [digest] without smtp_url cannot send: said before any mailbox is touched.
  WriteConfig("daily");
  std::string text = testing::ReadAll(dir_ + "/config.toml");
  std::size_t line = text.find("smtp_url");
  text.erase(line, text.find('\n', line) + 1 - line);
  std::ofstream(dir_ + "/config.toml") << text;
  r = Cli({"run"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("smtp_url"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_)) << "nothing scanned";
}

}  // namespace
}  // namespace bouncescan
