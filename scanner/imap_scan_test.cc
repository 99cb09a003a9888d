// Integration tests of the IMAP scan against a real Dovecot started on 127.0.0.1.
#include "scanner/imap_scan.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "tests/dovecot_harness.h"
#include "tests/imap_fixtures.h"

namespace bouncescan::scanner {
namespace {

using testing::DovecotServer;

class MapStateStore final : public FolderStateStore {
 public:
  Result<std::optional<FolderState>> Get(const std::string& folder) override {
    auto it = states.find(folder);
    if (it == states.end()) return std::optional<FolderState>();
    return std::optional<FolderState>(it->second);
  }
  Status Set(const std::string& folder, const FolderState& state) override {
    states[folder] = state;
    return Status::Ok();
  }
  std::map<std::string, FolderState> states;
};

// Collects what the scan fetched; a message counts as a bounce when its From or
// Content-Type says so (the real sink decodes and judges).
struct CollectingSink {
  std::map<std::uint32_t, FetchedMessage> messages;
  MessageSink AsSink() {
    return [this](const FetchedMessage& m) -> Result<SinkOutcome> {
      messages[m.uid] = m;
      return SinkOutcome{true};
    };
  }
};

class ImapScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = DovecotServer::Start({{{"alice", "alice-secret"}, {"tok", "ya29.test-token"}}, ""});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  ImapEndpoint Endpoint(const std::string& user = "alice", const std::string& secret = "alice-secret") {
    ImapEndpoint e;
    e.account = "test";
    e.url = server_->imaps_url();
    e.username = user;
    e.secret = secret;
    e.ca_file = server_->cert_path();
    e.connect_timeout_seconds = 5;
    return e;
  }

  // Three bounces (UIDs 2, 4, 6 once Dovecot numbers them) among ordinary mail.
  void LoadMixedInbox() {
    const std::vector<std::pair<std::string, std::string>> mail = {
        {testing::OrdinaryMail(1), "S"},
        {testing::PostfixDsn("gone@example.org", 1), ""},
        {testing::OutOfOffice(2), ""},
        {testing::ExchangeNdr("full@example.org", 2), "S"},
        {testing::OrdinaryMail(3), "F"},
        {testing::QmailFailure("nobody@example.net", 3), "FS"},
    };
    for (const auto& [raw, flags] : mail) {
      ASSERT_TRUE(server_->AddMessage("alice", "INBOX", raw, flags).ok());
      raws_.push_back(raw);
    }
  }

  // UID -> flags of every message in `folder`, read over IMAP on a fresh connection with
  // EXAMINE (read-only). \Recent is a per-session flag, not a stored one, so it is left out.
  std::map<std::uint32_t, std::vector<std::string>> FlagsOverImap(const std::string& folder = "INBOX") {
    std::map<std::uint32_t, std::vector<std::string>> out;
    auto c = ImapConnection::Open(Endpoint());
    EXPECT_TRUE(c.ok());
    if (!c.ok()) return out;
    auto ex = (*c)->Command("", "EXAMINE " + QuoteString(folder));
    EXPECT_TRUE(ex.ok()) << ex.status().ToString();
    if (!ex.ok()) return out;
    // In slices of 100 UIDs: libcurl fails answers with too many lines (see scanner/README.md).
    std::string all;
    for (std::uint32_t a = 1; a < ParseMailboxInfo(*ex).uidnext; a += 100) {
      auto answer = (*c)->Command("", "UID FETCH " + std::to_string(a) + ":" + std::to_string(a + 99) + " (FLAGS)");
      EXPECT_TRUE(answer.ok()) << answer.status().ToString();
      if (!answer.ok()) return out;
      all += *answer;
    }
    for (FetchFlags& f : ParseFetchFlags(all)) {
      std::vector<std::string> flags;
      for (std::string& x : f.flags) {
        if (x != "\\Recent") flags.push_back(x);
      }
      std::sort(flags.begin(), flags.end());
      out[f.uid] = flags;
    }
    return out;
  }

  std::unique_ptr<DovecotServer> server_;
  std::vector<std::string> raws_;
  MapStateStore state_;
};

TEST_F(ImapScanTest, FirstScanFetchesTheBouncesAndTheSecondFetchesNothing) {
  LoadMixedInbox();
  CollectingSink sink;
  ImapAccountOptions options;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.folders.size(), 1u);
  EXPECT_EQ(r.folders[0].searched, 6u);
  EXPECT_EQ(r.folders[0].candidates, 3u);
  EXPECT_EQ(r.folders[0].fetched, 3u);
  ASSERT_EQ(sink.messages.size(), 3u);
  EXPECT_EQ(sink.messages[2].raw, raws_[1]);
  EXPECT_EQ(sink.messages[4].raw, raws_[3]);
  EXPECT_EQ(sink.messages[6].raw, raws_[5]);
  EXPECT_FALSE(sink.messages[2].truncated);
  ASSERT_TRUE(state_.states.count("INBOX"));
  EXPECT_EQ(state_.states["INBOX"].last_uid, 6u);
  EXPECT_EQ(state_.states["INBOX"].uidvalidity, r.folders[0].uidvalidity);

  CollectingSink second;
  AccountReport again = ScanImapAccount(Endpoint(), options, state_, second.AsSink());
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(again.folders[0].searched, 0u);
  EXPECT_EQ(again.folders[0].fetched, 0u);
  EXPECT_TRUE(second.messages.empty());

  // New mail: only that is searched and fetched.
  ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::PostfixDsn("late@example.org", 7)).ok());
  ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::OrdinaryMail(8)).ok());
  CollectingSink third;
  AccountReport more = ScanImapAccount(Endpoint(), options, state_, third.AsSink());
  ASSERT_TRUE(more.status.ok()) << more.status.ToString();
  EXPECT_EQ(more.folders[0].searched, 2u);
  ASSERT_EQ(third.messages.size(), 1u);
  EXPECT_EQ(third.messages.begin()->first, 7u);
}

TEST_F(ImapScanTest, KeepLeavesEveryFlagAsItWas) {
  LoadMixedInbox();
  auto before = FlagsOverImap();
  ASSERT_EQ(before.size(), 6u);
  EXPECT_TRUE(before[2].empty());  // an unseen bounce: fetching must not mark it \Seen
  CollectingSink sink;
  ImapAccountOptions options;
  options.connections = 3;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(sink.messages.size(), 3u);
  EXPECT_EQ(FlagsOverImap(), before);
}

TEST_F(ImapScanTest, ReconnectDuringFetchDoesNotLeaveMailSeen) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::PostfixDsn("r" + std::to_string(i) + "@example.org", i)).ok());
  }
  auto before = FlagsOverImap();
  ImapAccountOptions options;
  options.connections = 1;
  options.batch_count = 1;  // URL fetches, one message each (the batched path: below)
  int seen = 0;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, [&](const FetchedMessage&) -> Result<SinkOutcome> {
    // Drop every connection of the user after the first message: the next fetch fails,
    // and a new connection (on which libcurl SELECTs read-write) must be EXAMINEd again
    // before anything is fetched on it.
    if (++seen == 1) {
      EXPECT_TRUE(server_->Doveadm({"kick", "alice"}).ok());
    }
    return SinkOutcome{true};
  });
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_GE(r.folders.at(0).reconnects, 1u);
  // EXAMINE came before any fetch on the new connection, so nothing needed undoing.
  EXPECT_EQ(r.folders[0].seen_restored, 0u);
  EXPECT_EQ(r.folders[0].fetched, 6u);
  EXPECT_EQ(FlagsOverImap(), before);
}

TEST_F(ImapScanTest, ReconnectDuringBatchedFetchLosesNothingAndLeavesFlags) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::PostfixDsn("r" + std::to_string(i) + "@example.org", i)).ok());
  }
  auto before = FlagsOverImap();
  ImapAccountOptions options;
  options.connections = 1;
  options.batch_count = 2;
  std::set<std::uint32_t> uids;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, [&](const FetchedMessage& m) -> Result<SinkOutcome> {
    // Drop the connection after the first batch: the next batch fails part-way.
    if (uids.empty()) {
      EXPECT_TRUE(server_->Doveadm({"kick", "alice"}).ok());
    }
    EXPECT_TRUE(uids.insert(m.uid).second) << "UID " << m.uid << " delivered twice";
    return SinkOutcome{true};
  });
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_GE(r.folders.at(0).reconnects, 1u);
  EXPECT_EQ(r.folders[0].fetched, 6u);
  EXPECT_EQ(uids, (std::set<std::uint32_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(state_.states["INBOX"].last_uid, 6u);
  EXPECT_EQ(FlagsOverImap(), before);
}

// Bodies arrive through libcurl's header callback in a batch: every byte must survive,
// whatever the lines look like (IMAP response lines, a lone ")", no final line break).
TEST_F(ImapScanTest, BatchedFetchDeliversEveryByteAndLeavesFlags) {
  std::vector<std::string> raws;
  for (int i = 0; i < 12; ++i) {
    std::string raw = testing::PostfixDsn("b" + std::to_string(i) + "@example.org", i);
    if (i % 3 == 0) raw += "* 3 FETCH (UID 3 BODY[] {5}\r\n)\r\n* BYE\r\n+ go on\r\n{12}\r\n";
    if (i % 3 == 1) raw += "8bit: \xC3\xA9t\xC3\xA9\r\nlast line without a break";
    raws.push_back(raw);
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", raw, i % 2 ? "S" : "").ok());
  }
  auto before = FlagsOverImap();
  CollectingSink sink;
  ImapAccountOptions options;
  options.connections = 2;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.folders[0].fetched, 12u);
  EXPECT_EQ(r.folders[0].batched, 12u);
  EXPECT_TRUE(r.folders[0].notes.empty()) << r.folders[0].notes.front();
  ASSERT_EQ(sink.messages.size(), 12u);
  for (std::uint32_t uid = 1; uid <= 12; ++uid) {
    EXPECT_EQ(sink.messages[uid].raw, raws[uid - 1]) << "UID " << uid;
    EXPECT_FALSE(sink.messages[uid].truncated);
  }
  EXPECT_EQ(FlagsOverImap(), before);
}

// libcurl ends a custom request at the first line that starts with its tag, even inside a
// literal. A body full of such lines must still arrive whole (one by one, on a new
// connection), and so must everything after it.
TEST_F(ImapScanTest, BodyLinesThatLookLikeTheTagFallBackToSingleFetches) {
  std::string tricky = testing::PostfixDsn("tag@example.org", 1);
  for (char letter : {'A', 'B'}) {
    for (int n = 1; n <= 300; ++n) {
      char line[32];
      std::snprintf(line, sizeof line, "%c%03d OK Fetch completed\r\n", letter, n);
      tricky += line;
    }
  }
  std::vector<std::string> raws = {testing::PostfixDsn("a@example.org", 2), tricky,
                                   testing::ExchangeNdr("c@example.org", 3), testing::QmailFailure("d@example.org", 4)};
  for (const std::string& raw : raws) ASSERT_TRUE(server_->AddMessage("alice", "INBOX", raw).ok());
  auto before = FlagsOverImap();
  CollectingSink sink;
  ImapAccountOptions options;
  options.connections = 1;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(sink.messages.size(), 4u);
  for (std::uint32_t uid = 1; uid <= 4; ++uid) EXPECT_EQ(sink.messages[uid].raw, raws[uid - 1]) << "UID " << uid;
  EXPECT_LT(r.folders[0].batched, 4u);  // the batch was given up ...
  EXPECT_FALSE(r.folders[0].notes.empty());  // ... and the report says so
  EXPECT_EQ(state_.states["INBOX"].last_uid, 4u);
  EXPECT_EQ(FlagsOverImap(), before);
  // The next scan finds nothing new: nothing was left half-done.
  CollectingSink again;
  AccountReport r2 = ScanImapAccount(Endpoint(), options, state_, again.AsSink());
  ASSERT_TRUE(r2.status.ok()) << r2.status.ToString();
  EXPECT_TRUE(again.messages.empty());
}

// A message over the cap is fetched on its own (capped); the small ones around it in batches.
TEST_F(ImapScanTest, MessageOverTheCapAmongBatchedOnes) {
  std::vector<std::string> raws = {testing::PostfixDsn("a@example.org", 1), testing::ExchangeNdr("b@example.org", 2),
                                   testing::LargeDsn("big@example.org", 40 * 1024),
                                   testing::QmailFailure("c@example.org", 3), testing::PostfixDsn("d@example.org", 4)};
  for (const std::string& raw : raws) ASSERT_TRUE(server_->AddMessage("alice", "INBOX", raw).ok());
  ImapAccountOptions options;
  options.connections = 1;
  options.max_message_bytes = 16 * 1024;
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(sink.messages.size(), 5u);
  EXPECT_EQ(r.folders[0].batched, 4u);
  EXPECT_EQ(r.folders[0].truncated, (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(sink.messages[3].truncated);
  EXPECT_EQ(sink.messages[3].raw, raws[2].substr(0, 16 * 1024));
  for (std::uint32_t uid : {1u, 2u, 4u, 5u}) {
    EXPECT_EQ(sink.messages[uid].raw, raws[uid - 1]) << "UID " << uid;
    EXPECT_FALSE(sink.messages[uid].truncated);
  }
}

// A message expunged by another client between the search and its batch: the others of
// the batch arrive, the vanished one is noted, and the folder state moves past all of them.
TEST_F(ImapScanTest, BatchWhoseMiddleMessageWasExpungedMeanwhile) {
  for (int i = 1; i <= 6; ++i) {
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::PostfixDsn("x@example.org", i)).ok());
  }
  ImapAccountOptions options;
  options.connections = 1;
  options.batch_count = 3;
  CollectingSink sink;
  bool expunged = false;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, [&](const FetchedMessage& m) -> Result<SinkOutcome> {
    if (!expunged) {
      // During the first batch (UIDs 1-3): UID 5 goes, in the middle of the next one.
      expunged = true;
      auto out = server_->Doveadm({"expunge", "-u", "alice", "mailbox", "INBOX", "uid", "5"});
      EXPECT_TRUE(out.ok()) << out.status().ToString();
    }
    sink.messages[m.uid] = m;
    return SinkOutcome{true};
  });
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::vector<std::uint32_t> uids;
  for (auto& [uid, m] : sink.messages) uids.push_back(uid);
  EXPECT_EQ(uids, (std::vector<std::uint32_t>{1, 2, 3, 4, 6}));
  bool noted = false;
  for (const std::string& note : r.folders[0].notes) noted |= note.find("UID 5 vanished") != std::string::npos;
  EXPECT_TRUE(noted);
  EXPECT_EQ(state_.states["INBOX"].last_uid, 6u);
}

TEST_F(ImapScanTest, FlagMarksOnlyTheBounces) {
  LoadMixedInbox();
  auto before = FlagsOverImap();
  ImapAccountOptions options;
  ASSERT_TRUE(ParseAfter("flag", &options).ok());
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.folders[0].acted, 3u);
  auto after = FlagsOverImap();
  for (auto& [uid, flags] : before) {
    std::vector<std::string> expected = flags;
    if (uid % 2 == 0) {
      expected.push_back("$BounceProcessed");
      std::sort(expected.begin(), expected.end());
    }
    EXPECT_EQ(after[uid], expected) << "UID " << uid;
  }
}

TEST_F(ImapScanTest, DryRunChangesNothing) {
  LoadMixedInbox();
  auto before = FlagsOverImap();
  ImapAccountOptions options;
  ASSERT_TRUE(ParseAfter("move:Bounces", &options).ok());
  options.dry_run = true;
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(sink.messages.size(), 3u);
  EXPECT_TRUE(state_.states.empty());
  EXPECT_EQ(FlagsOverImap(), before);
}

void ExpectMovedBounces(ImapScanTest* t, const std::map<std::uint32_t, std::vector<std::string>>& inbox,
                        const std::map<std::uint32_t, std::vector<std::string>>& bounces) {
  (void)t;
  std::vector<std::uint32_t> left;
  for (auto& [uid, flags] : inbox) left.push_back(uid);
  EXPECT_EQ(left, (std::vector<std::uint32_t>{1, 3, 5}));
  EXPECT_EQ(bounces.size(), 3u);
}

TEST_F(ImapScanTest, MoveCreatesTheFolderAndMovesOnlyTheBounces) {
  LoadMixedInbox();
  ImapAccountOptions options;
  ASSERT_TRUE(ParseAfter("move:Bounces", &options).ok());
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.folders[0].acted, 3u);
  ExpectMovedBounces(this, FlagsOverImap("INBOX"), FlagsOverImap("Bounces"));
  // The moved messages keep their flags (UID 4 was \Seen, UID 6 \Flagged \Seen).
  auto moved = FlagsOverImap("Bounces");
  int seen = 0;
  for (auto& [uid, flags] : moved) seen += std::count(flags.begin(), flags.end(), "\\Seen");
  EXPECT_EQ(seen, 2);
}

// Without MOVE, bounces are copied, marked \Deleted and removed with UID EXPUNGE of their own
// UIDs only: a message someone else marked \Deleted stays.
TEST(ImapScanWithoutMove, CopiesAndExpungesOnlyTheBounces) {
  auto server = DovecotServer::Start(
      {{{"alice", "alice-secret"}},
       "protocol imap {\n  imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS ESEARCH\n}\n"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  DovecotServer& dv = **server;
  ASSERT_TRUE(dv.AddMessage("alice", "INBOX", testing::OrdinaryMail(1), "T").ok());  // T: \Deleted
  ASSERT_TRUE(dv.AddMessage("alice", "INBOX", testing::PostfixDsn("a@example.org", 2)).ok());
  ASSERT_TRUE(dv.AddMessage("alice", "INBOX", testing::OrdinaryMail(3)).ok());
  ASSERT_TRUE(dv.AddMessage("alice", "INBOX", testing::QmailFailure("b@example.org", 4), "S").ok());
  ImapEndpoint e;
  e.account = "test";
  e.url = dv.imaps_url();
  e.username = "alice";
  e.secret = "alice-secret";
  e.ca_file = dv.cert_path();
  auto c = ImapConnection::Open(e);
  ASSERT_TRUE(c.ok());
  auto caps = (*c)->Capabilities();
  ASSERT_TRUE(caps.ok());
  ASSERT_FALSE(caps->count("MOVE"));
  ImapAccountOptions options;
  ASSERT_TRUE(ParseAfter("move:Bounces", &options).ok());
  MapStateStore state;
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, options, state, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.folders[0].acted, 2u);
  auto inbox = (*c)->Command("", "EXAMINE INBOX");
  ASSERT_TRUE(inbox.ok());
  auto left = ParseFetchFlags(*(*c)->Command("", "UID FETCH 1:* (FLAGS)"));
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].uid, 1u);
  EXPECT_EQ(left[0].flags, (std::vector<std::string>{"\\Deleted"}));
  EXPECT_EQ(left[1].uid, 3u);
  auto bounces = (*c)->Command("", "EXAMINE Bounces");
  ASSERT_TRUE(bounces.ok());
  EXPECT_EQ(ParseMailboxInfo(*bounces).exists, 2u);
}

TEST_F(ImapScanTest, UidvalidityChangeRescansTheFolder) {
  LoadMixedInbox();
  CollectingSink sink;
  ImapAccountOptions options;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::uint32_t old_validity = r.folders[0].uidvalidity;
  ASSERT_TRUE(server_->Doveadm({"mailbox", "update", "-u", "alice", "--uid-validity",
                                std::to_string(old_validity + 1000), "INBOX"}).ok());
  CollectingSink again;
  AccountReport r2 = ScanImapAccount(Endpoint(), options, state_, again.AsSink());
  ASSERT_TRUE(r2.status.ok()) << r2.status.ToString();
  EXPECT_TRUE(r2.folders[0].uidvalidity_changed);
  EXPECT_EQ(r2.folders[0].uidvalidity, old_validity + 1000);
  EXPECT_EQ(again.messages.size(), 3u);
  EXPECT_EQ(state_.states["INBOX"].uidvalidity, old_validity + 1000);
}

TEST_F(ImapScanTest, WrongPasswordIsAnAuthenticationError) {
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint("alice", "wrong"), ImapAccountOptions{}, state_, sink.AsSink());
  EXPECT_EQ(r.status.code(), StatusCode::kAuthFailed) << r.status.ToString();
  EXPECT_NE(r.status.message().find("account 'test'"), std::string::npos);
  EXPECT_NE(r.status.message().find("bouncescan secret set test"), std::string::npos);
  EXPECT_EQ(r.status.message().find("wrong"), std::string::npos);
}

TEST_F(ImapScanTest, UntrustedCertificateIsATlsError) {
  ImapEndpoint e = Endpoint();
  e.ca_file.clear();
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  EXPECT_EQ(r.status.code(), StatusCode::kTlsError) << r.status.ToString();
  EXPECT_NE(r.status.message().find("ca_file"), std::string::npos);
}

TEST_F(ImapScanTest, UnreachableServerIsANetworkError) {
  ImapEndpoint e = Endpoint();
  server_->Stop();
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  EXPECT_EQ(r.status.code(), StatusCode::kNetworkError) << r.status.ToString();
  EXPECT_NE(r.status.message().find("cannot reach"), std::string::npos);
}

TEST_F(ImapScanTest, StartTlsOnThePlainPort) {
  LoadMixedInbox();
  ImapEndpoint e = Endpoint();
  e.url = server_->imap_url();
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(sink.messages.size(), 3u);
}

TEST_F(ImapScanTest, Xoauth2BearerTokenLogsIn) {
  ASSERT_TRUE(server_->AddMessage("tok", "INBOX", testing::PostfixDsn("x@example.org", 1)).ok());
  ImapEndpoint e = Endpoint("tok", "ya29.test-token");
  e.xoauth2 = true;
  std::vector<std::string> log;
  e.log = [&](const std::string& line) { log.push_back(line); };
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(sink.messages.size(), 1u);
  bool saw_auth = false;
  for (const std::string& line : log) {
    EXPECT_EQ(line.find("ya29"), std::string::npos) << line;
    if (line.find("AUTHENTICATE XOAUTH2") != std::string::npos) saw_auth = true;
  }
  EXPECT_TRUE(saw_auth);

  e.secret = "expired-token";
  AccountReport bad = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  EXPECT_EQ(bad.status.code(), StatusCode::kAuthFailed) << bad.status.ToString();
}

TEST_F(ImapScanTest, VerboseLogHidesThePassword) {
  LoadMixedInbox();
  ImapEndpoint e = Endpoint();
  std::vector<std::string> log;
  e.log = [&](const std::string& line) { log.push_back(line); };
  CollectingSink sink;
  AccountReport r = ScanImapAccount(e, ImapAccountOptions{}, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  bool saw_redacted = false, saw_examine = false;
  for (const std::string& line : log) {
    EXPECT_EQ(line.find("alice-secret"), std::string::npos) << line;
    EXPECT_EQ(line.find("AGFsaWNlAGFsaWNlLXNlY3JldA"), std::string::npos) << line;  // base64 of \0alice\0alice-secret
    EXPECT_EQ(line.find("YWxpY2UtcGFzc3dvcmQ"), std::string::npos) << line;
    if (line.find("<redacted>") != std::string::npos) saw_redacted = true;
    if (line.find("C: ") != std::string::npos && line.find("EXAMINE \"INBOX\"") != std::string::npos) saw_examine = true;
    // Bodies are never logged.
    EXPECT_EQ(line.find("Recipient address rejected"), std::string::npos) << line;
  }
  EXPECT_TRUE(saw_redacted);
  EXPECT_TRUE(saw_examine);
}

TEST_F(ImapScanTest, LargeBounceIsFetchedOnlyUpToTheCap) {
  std::string big = testing::LargeDsn("big@example.org", 200 * 1024);
  ASSERT_TRUE(server_->AddMessage("alice", "INBOX", big).ok());
  ImapAccountOptions options;
  options.max_message_bytes = 64 * 1024;
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(sink.messages.size(), 1u);
  const FetchedMessage& m = sink.messages.begin()->second;
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.raw.size(), 64u * 1024);
  EXPECT_EQ(m.raw, big.substr(0, 64 * 1024));
  EXPECT_EQ(r.folders[0].truncated, (std::vector<std::uint32_t>{1}));
}

TEST_F(ImapScanTest, MissingFolderIsNamedAndOtherFoldersStillScan) {
  LoadMixedInbox();
  ImapAccountOptions options;
  options.folders = {"NoSuchFolder", "INBOX"};
  CollectingSink sink;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  EXPECT_EQ(r.status.code(), StatusCode::kNotFound) << r.status.ToString();
  EXPECT_NE(r.status.message().find("NoSuchFolder"), std::string::npos);
  EXPECT_EQ(sink.messages.size(), 3u);
}

TEST_F(ImapScanTest, SinkFailureKeepsTheStateBeforeTheFailedMessage) {
  LoadMixedInbox();
  ImapAccountOptions options;
  options.connections = 1;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, [](const FetchedMessage& m) -> Result<SinkOutcome> {
    if (m.uid == 4) return Status::Error(StatusCode::kBusy, "database busy");
    return SinkOutcome{true};
  });
  EXPECT_EQ(r.status.code(), StatusCode::kBusy);
  ASSERT_TRUE(state_.states.count("INBOX"));
  EXPECT_EQ(state_.states["INBOX"].last_uid, 3u);
  CollectingSink sink;
  AccountReport again = ScanImapAccount(Endpoint(), options, state_, sink.AsSink());
  ASSERT_TRUE(again.status.ok());
  std::vector<std::uint32_t> uids;
  for (auto& [uid, m] : sink.messages) uids.push_back(uid);
  EXPECT_EQ(uids, (std::vector<std::uint32_t>{4, 6}));
}

// libcurl 7.88 (Debian security update) fails a transfer whose response lines pass a 300 KiB
// count that grows faster than the answer ("Too large response headers"): a first scan of 300
// bounces died reading their flags in one command. FLAGS reads and moves of many UIDs must go
// through.
TEST_F(ImapScanTest, ThousandsOfBouncesOnOneConnection) {
  const std::uint32_t n = 1000;
  for (std::uint32_t i = 1; i <= n; ++i) {
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", testing::QmailFailure("u@example.org", static_cast<int>(i))).ok());
  }
  ImapAccountOptions options;
  options.connections = 1;
  ASSERT_TRUE(ParseAfter("move:Bounces", &options).ok());
  std::uint32_t fetched = 0;
  AccountReport r = ScanImapAccount(Endpoint(), options, state_, [&](const FetchedMessage&) -> Result<SinkOutcome> {
    ++fetched;
    return SinkOutcome{true};
  });
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(fetched, n);
  EXPECT_EQ(r.folders[0].acted, n);
  EXPECT_TRUE(FlagsOverImap("INBOX").empty());
  EXPECT_EQ(FlagsOverImap("Bounces").size(), n);
}

// More hits than a plain SEARCH answer can carry through libcurl (~12,900): every one
// must be found, with ESEARCH and with plain SEARCH in UID windows.
TEST_F(ImapScanTest, FolderWithMoreThan20000MessagesIsSearchedCompletely) {
  const int total = 20500;
  std::vector<std::uint32_t> expected;
  for (int i = 1; i <= total; ++i) {
    bool bounce = i % 3 != 0;
    ASSERT_TRUE(server_->AddMessage("alice", "INBOX", bounce ? testing::QmailFailure("u@example.org", i)
                                                             : testing::OrdinaryMail(i)).ok());
    if (bounce) expected.push_back(static_cast<std::uint32_t>(i));
  }
  ASSERT_GT(expected.size(), 13000u);
  auto c = ImapConnection::Open(Endpoint());
  ASSERT_TRUE(c.ok());
  auto caps = (*c)->Capabilities();
  ASSERT_TRUE(caps.ok());
  ASSERT_TRUE(caps->count("ESEARCH"));
  auto info = (*c)->Examine("INBOX");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  ASSERT_EQ(info->exists, static_cast<std::uint32_t>(total));
  auto es = SearchBounceCandidates(**c, "INBOX", 1, info->uidnext - 1, true, 5000);
  ASSERT_TRUE(es.ok()) << es.status().ToString();
  EXPECT_EQ(*es, expected);
  auto plain = SearchBounceCandidates(**c, "INBOX", 1, info->uidnext - 1, false, 5000);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, expected);
}

}  // namespace
}  // namespace bouncescan::scanner
