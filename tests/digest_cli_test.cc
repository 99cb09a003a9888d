// `bouncescan digest` end to end: bounces recorded by `bouncescan scan`, the digest sent
// through a real SMTP server (aiosmtpd on loopback with STARTTLS and AUTH) and read back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "digest/labels.h"
#include "storage/database.h"
#include "tests/digest_fixtures.h"
#include "tests/digest_message.h"
#include "tests/smtp_test_server.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

namespace fs = std::filesystem;
using testing::ParsedDigest;
using testing::ProcessResult;
using testing::SmtpTestServer;

constexpr char kPassword[] = "smtp pass; with \"quotes\"";

class DigestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "bouncescan-digest-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir_ = tmpl;
    db_ = dir_ + "/test.db";
  }
  void TearDown() override {
    server_.reset();
    std::error_code ec;
    if (!std::getenv("BOUNCESCAN_KEEP_TEST_DIRS")) fs::remove_all(dir_, ec);
  }

  void StartServer(SmtpTestServer::Options o = {}) {
    if (o.user.empty()) {
      o.user = "owner@example.com";
      o.password = kPassword;
    }
    std::string error;
    server_ = SmtpTestServer::Start(o, &error);
    ASSERT_TRUE(server_) << error;
  }

  // [digest] pointing at the test server (STARTTLS on smtp://, the server's own CA).
  void WriteConfig(const std::string& extra = "", const std::string& password_env = "DIGEST_TEST_PASSWORD") {
    std::ofstream(dir_ + "/config.toml") << "[digest]\n"
                                            "to = \"owner@example.com\"\n"
                                            "from = \"bouncescan@example.com\"\n"
                                            "smtp_url = \"" << server_->Url("smtp") << "\"\n"
                                            "username = \"owner@example.com\"\n"
                                            "password_env = \"" << password_env << "\"\n"
                                            "ca_file = \"" << server_->ca_file() << "\"\n"
                                         << extra;
  }

  ProcessResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", dir_ + "/config.toml", "--db", db_});
    return testing::Run(testing::EnvOr("BOUNCESCAN_BINARY", ""), args, dir_,
                        {std::string("DIGEST_TEST_PASSWORD=") + kPassword});
  }

  // Records the bounces with `bouncescan scan` (the same path a real mailbox takes).
  void Record(const std::vector<std::string>& messages) {
    static int n = 0;
    std::string path = dir_ + "/bounces-" + std::to_string(++n) + ".mbox";
    std::ofstream mbox(path, std::ios::binary);
    for (const std::string& m : messages) mbox << "From MAILER-DAEMON Tue May 14 09:00:00 2024\n" << m << "\n";
    mbox.close();
    ProcessResult r = Cli({"scan", path});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  }

  std::string dir_;
  std::string db_;
  std::unique_ptr<SmtpTestServer> server_;
};

// Both parts, decoded, one after the other.
std::string Text(const ParsedDigest& d) { return d.parts.size() == 2 ? d.parts[0].decoded : ""; }
std::string Html(const ParsedDigest& d) { return d.parts.size() == 2 ? d.parts[1].decoded : ""; }

void ExpectWellFormed(const ParsedDigest& d, std::string_view lang) {
  for (const char* h : {"Date", "Message-ID", "From", "To", "Subject", "MIME-Version"}) {
    EXPECT_FALSE(testing::HeaderValue(d.headers, h).empty()) << h << " missing in\n" << d.headers;
  }
  EXPECT_EQ(testing::HeaderValue(d.headers, "Content-Language"), lang);
  EXPECT_EQ(testing::HeaderValue(d.headers, "Auto-Submitted"), "auto-generated");
  EXPECT_NE(testing::HeaderValue(d.headers, "Content-Type").find("multipart/alternative"), std::string::npos);
  // Header lines: ASCII only, at most 78 octets (RFC 5322 2.1.1 recommends it; 998 is the limit).
  std::size_t pos = 0;
  while (pos < d.headers.size()) {
    std::size_t eol = d.headers.find("\r\n", pos);
    EXPECT_LE(eol - pos, 78u) << d.headers.substr(pos, eol - pos);
    for (char c : d.headers.substr(pos, eol - pos)) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << d.headers;
    pos = eol + 2;
  }
  ASSERT_EQ(d.parts.size(), 2u);
  EXPECT_EQ(d.boundary_lines, 3) << "two part delimiters and the close delimiter, nothing else";
  EXPECT_NE(d.parts[0].headers.find("text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(d.parts[1].headers.find("text/html; charset=UTF-8"), std::string::npos);
  for (const testing::MimePart& p : d.parts) {
    EXPECT_NE(p.headers.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
    // Quoted-printable keeps every body line ASCII and short.
    std::size_t at = 0;
    while (at < p.body.size()) {
      std::size_t eol = p.body.find("\r\n", at);
      if (eol == std::string::npos) eol = p.body.size();
      EXPECT_LE(eol - at, 76u);
      at = eol + 2;
    }
    for (char c : p.body) EXPECT_TRUE(c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f));
  }
  // No remote content and no script in the HTML.
  const std::string html = d.parts[1].decoded;
  for (const char* bad : {"<script", "<img", "<link", "<iframe", "<object", "<style", "src=\"", "href=\"", "@import"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  }
}

TEST_F(DigestCliTest, SendsEverySectionInEnglishOnceOverStartTlsWithAuth) {
  StartServer();
  WriteConfig();
  Record(testing::DigestSectionBounces());

  // No --print or --send: [digest] names to and smtp_url, so it sends.
  ProcessResult r = Cli({"digest"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "") << "a send prints nothing";
  std::vector<std::string> messages = server_->Messages();
  ASSERT_EQ(messages.size(), 1u);
  std::string envelope = server_->Envelopes()[0];
  EXPECT_NE(envelope.find("\"tls\": true"), std::string::npos) << envelope;
  EXPECT_NE(envelope.find("\"login\": \"owner@example.com\""), std::string::npos) << envelope;
  EXPECT_NE(envelope.find("\"mail_from\": \"bouncescan@example.com\""), std::string::npos) << envelope;

  ParsedDigest d = testing::ParseDigest(messages[0]);
  ExpectWellFormed(d, "en");
  EXPECT_NE(testing::HeaderValue(d.headers, "Subject").find("Bounce digest"), std::string::npos);
  const auto& L = digest::LabelsFor(rules::Language::kEnglish);
  for (const std::string& part : {Text(d), Html(d)}) {
    for (std::string_view title : {L.sender_title, L.removed_title, L.watching_title, L.contact_title,
                                   L.unclassified_title}) {
      EXPECT_NE(part.find(title), std::string::npos) << title << " missing in\n" << part;
    }
    EXPECT_NE(part.find("5.7.26"), std::string::npos) << "the DMARC example line";
    EXPECT_NE(part.find("Relay access denied"), std::string::npos);
    EXPECT_NE(part.find("gone@example.org"), std::string::npos);
    EXPECT_NE(part.find("full@example.org"), std::string::npos);
    EXPECT_NE(part.find("picky@example.net"), std::string::npos);
    EXPECT_NE(part.find("Undeliverable: Invoice 2024-05"), std::string::npos);
    // A sender-side failure never puts the recipient on the list.
    EXPECT_EQ(part.find("carol@example.org"), std::string::npos) << "sender-side causes are counted, not listed";
  }
  // The removed section lists gone@ only: between its title and the next section.
  std::string text = Text(d);
  std::size_t removed = text.find(L.removed_title), watching = text.find(L.watching_title);
  ASSERT_LT(removed, watching);
  std::string removed_part = text.substr(removed, watching - removed);
  EXPECT_NE(removed_part.find("gone@example.org"), std::string::npos);
  EXPECT_EQ(removed_part.find("full@example.org"), std::string::npos);

  // Nothing new since: no second message, now or after more runs.
  r = Cli({"digest"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Cli({"digest", "--send"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_->Messages().size(), 1u);

  // A new bounce goes out alone in the next digest.
  Record({testing::DigestDsn("later@example.org", "5.1.1", "550 5.1.1 user unknown", 30)});
  r = Cli({"digest", "--send"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_->Messages().size(), 2u);
  ParsedDigest second = testing::ParseDigest(server_->Messages()[1]);
  EXPECT_NE(Text(second).find("later@example.org"), std::string::npos);
  EXPECT_EQ(Text(second).find("gone@example.org"), std::string::npos) << "sent once already";
  EXPECT_EQ(Text(second).find(L.sender_title), std::string::npos);
}

TEST_F(DigestCliTest, ImplicitTlsWithAnXoauth2Token) {
  SmtpTestServer::Options o;
  o.tls = "implicit";
  o.user = "owner@example.com";
  o.token = "ya29.digest-token";
  StartServer(o);
  std::ofstream(dir_ + "/config.toml") << "[digest]\nto = \"owner@example.com\"\n"
                                          "smtp_url = \"" << server_->Url("smtps") << "\"\n"
                                          "username = \"owner@example.com\"\nauth = \"xoauth2\"\n"
                                          "password_command = \"echo ya29.digest-token\"\n"
                                          "ca_file = \"" << server_->ca_file() << "\"\n";
  Record(testing::DigestSectionBounces());
  ProcessResult r = Cli({"digest"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_->Messages().size(), 1u);
  std::string envelope = server_->Envelopes()[0];
  EXPECT_NE(envelope.find("\"login\": \"owner@example.com\""), std::string::npos) << envelope;
  // Without `from`, the digest comes from the address it goes to.
  EXPECT_NE(envelope.find("\"mail_from\": \"owner@example.com\""), std::string::npos) << envelope;
  EXPECT_NE(testing::HeaderValue(testing::ParseDigest(server_->Messages()[0]).headers, "From").find("owner@example.com"),
            std::string::npos);
}

TEST_F(DigestCliTest, VietnameseFromTheConfigAndFromLang) {
  StartServer();
  WriteConfig("language = \"vi\"\n");
  Record(testing::DigestSectionBounces());
  ProcessResult r = Cli({"digest", "--print"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ParsedDigest printed = testing::ParseDigest(r.out);
  ExpectWellFormed(printed, "vi");

  ASSERT_EQ(Cli({"digest", "--send"}).exit_code, 0);
  ASSERT_EQ(server_->Messages().size(), 1u);
  ParsedDigest d = testing::ParseDigest(server_->Messages()[0]);
  ExpectWellFormed(d, "vi");
  std::string subject = testing::HeaderValue(d.headers, "Subject");
  EXPECT_NE(subject.find("=?UTF-8?B?"), std::string::npos) << "non-ASCII subject is RFC 2047-encoded: " << subject;
  EXPECT_NE(testing::DecodeEncodedWords(subject).find("Tóm tắt thư bị trả lại"), std::string::npos) << subject;
  const auto& V = digest::LabelsFor(rules::Language::kVietnamese);
  for (const std::string& part : {Text(d), Html(d)}) {
    for (std::string_view title : {V.sender_title, V.removed_title, V.watching_title, V.contact_title,
                                   V.unclassified_title}) {
      EXPECT_NE(part.find(title), std::string::npos) << title;
    }
    EXPECT_EQ(part.find("Fix your sending setup"), std::string::npos);
  }
  EXPECT_NE(Html(d).find("<html lang=\"vi\">"), std::string::npos);

  // --lang overrides the config.
  r = Cli({"digest", "--print", "--lang", "en", "--since", "2000-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ParsedDigest english = testing::ParseDigest(r.out);
  ExpectWellFormed(english, "en");
  EXPECT_NE(Text(english).find("Fix your sending setup"), std::string::npos);
}

TEST_F(DigestCliTest, NothingNewSendsNothing) {
  StartServer();
  WriteConfig();
  // Nothing recorded at all, then only mail that is no bounce.
  ProcessResult r = Cli({"digest"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string delivered = testing::DigestDsn("x@example.org", "2.0.0", "250 2.0.0 Ok: queued", 40);
  delivered.replace(delivered.find("Action: failed"), 14, "Action: delivered");
  Record({delivered, testing::OutOfOfficeReply()});
  r = Cli({"digest"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(server_->Messages().empty());
  r = Cli({"digest", "--print"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("nothing new"), std::string::npos) << r.err;
}

TEST_F(DigestCliTest, FailedSendKeepsEveryItemForTheNextDigest) {
  SmtpTestServer::Options o;
  o.fail_first = 1;
  StartServer(o);
  WriteConfig();
  Record(testing::DigestSectionBounces());
  ProcessResult r = Cli({"digest", "--send"});
  EXPECT_EQ(r.exit_code, 4) << "a 451 is a temporary refusal: " << r.err;
  EXPECT_NE(r.err.find("451"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  EXPECT_TRUE(server_->Messages().empty());

  r = Cli({"digest", "--send"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_->Messages().size(), 1u);
  std::string text = Text(testing::ParseDigest(server_->Messages()[0]));
  for (const char* item : {"5.7.26", "gone@example.org", "full@example.org", "picky@example.net", "Invoice 2024-05"}) {
    EXPECT_NE(text.find(item), std::string::npos) << item;
  }
}

TEST_F(DigestCliTest, WrongPasswordIsExitThreeAndKeepsTheItems) {
  StartServer();
  WriteConfig("", "DIGEST_TEST_WRONG");
  Record(testing::DigestSectionBounces());
  ProcessResult r = testing::Run(testing::EnvOr("BOUNCESCAN_BINARY", ""),
                                 {"--config", dir_ + "/config.toml", "--db", db_, "digest", "--send"}, dir_,
                                 {"DIGEST_TEST_WRONG=not-the-password"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.err.find("not-the-password"), std::string::npos) << "no secret in messages";
  // No secret at all: exit 3 too, saying where a secret could come from.
  r = Cli({"digest", "--send"});  // DIGEST_TEST_WRONG is not set in this environment
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("DIGEST_TEST_WRONG"), std::string::npos) << r.err;
  EXPECT_TRUE(server_->Messages().empty());
  // The items are still new.
  r = Cli({"digest", "--print"});
  EXPECT_NE(r.out.find("gone@example.org"), std::string::npos);
}

TEST_F(DigestCliTest, HostileBounceContentInjectsNoHeaderBoundaryOrMarkup) {
  StartServer();
  WriteConfig();
  Record(testing::DigestHostileBounces());
  ProcessResult r = Cli({"digest", "--send"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_->Messages().size(), 1u);
  const std::string message = server_->Messages()[0];
  ParsedDigest d = testing::ParseDigest(message);
  ExpectWellFormed(d, "en");
  EXPECT_EQ(d.headers.find("Bcc"), std::string::npos) << d.headers;
  EXPECT_EQ(d.headers.find("evil"), std::string::npos) << d.headers;
  EXPECT_EQ(server_->Envelopes()[0].find("evil"), std::string::npos) << "no extra envelope recipient";
  // The hostile text is there, as text: the reader can see what the bounce said.
  const std::string text = Text(d), html = Html(d);
  EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos) << text;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=http://example.net/x onerror=alert(2)&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  // The decoded subject with its CR LF stays inside one line of each part.
  for (const std::string& part : {text, html}) {
    EXPECT_NE(part.find("Bcc: evil@example.net"), std::string::npos);
    std::size_t at = 0;
    while ((at = part.find('\n', at)) != std::string::npos) {
      ++at;
      EXPECT_NE(part.compare(at, 4, "Bcc:"), 0) << "a line starts with Bcc:";
      EXPECT_NE(part.compare(at, 14, "--=_bouncescan"), 0) << "a line imitates a boundary: " << part.substr(at, 40);
    }
  }
}

TEST_F(DigestCliTest, PrintLeavesTheItemsNewAndSinceReachesBack) {
  StartServer();
  WriteConfig();
  Record(testing::DigestSectionBounces());
  ProcessResult printed = Cli({"digest", "--print"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  ExpectWellFormed(testing::ParseDigest(printed.out), "en");
  EXPECT_TRUE(server_->Messages().empty());
  ASSERT_EQ(Cli({"digest"}).exit_code, 0);
  ASSERT_EQ(server_->Messages().size(), 1u) << "printing did not use the items up";
  EXPECT_EQ(Cli({"digest", "--print"}).out, "");
  ProcessResult again = Cli({"digest", "--print", "--since", "7d"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("gone@example.org"), std::string::npos) << "--since covers what was sent";
  EXPECT_EQ(Cli({"digest", "--print", "--since", "yesterday"}).exit_code, 2);
  EXPECT_EQ(Cli({"digest", "--print", "--send"}).exit_code, 2);
  EXPECT_EQ(Cli({"digest", "--lang", "fr"}).exit_code, 2);
}

TEST_F(DigestCliTest, WithoutDigestTableItPrintsAndSendRefuses) {
  std::ofstream(dir_ + "/config.toml") << "language = \"en\"\n";
  Record(testing::DigestSectionBounces());
  ProcessResult r = Cli({"digest"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectWellFormed(testing::ParseDigest(r.out), "en");
  r = Cli({"digest", "--send"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("[digest]"), std::string::npos) << r.err;
}

TEST_F(DigestCliTest, SendWaitsForTheRunLockThenExitsBusy) {
  StartServer();
  WriteConfig();
  Record(testing::DigestSectionBounces());
  storage::OpenOptions o;
  o.run_lock = true;
  auto holder = storage::Database::Open(db_, o);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  ProcessResult r = Cli({"digest", "--send"});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("another bouncescan run"), std::string::npos) << r.err;
  EXPECT_TRUE(server_->Messages().empty());
  // Printing only reads, so it is not held up.
  EXPECT_NE(Cli({"digest", "--print"}).out.find("gone@example.org"), std::string::npos);
}

}  // namespace
}  // namespace bouncescan
