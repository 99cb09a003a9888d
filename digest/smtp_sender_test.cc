// SendMail against a real SMTP server (aiosmtpd on loopback, tests/smtp_server.py).
#include "digest/smtp_sender.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/smtp_test_server.h"

namespace bouncescan::digest {
namespace {

using testing::SmtpTestServer;

constexpr char kMessage[] =
    "From: <bouncescan@example.com>\r\nTo: <me@example.com>\r\nSubject: test\r\n\r\n"
    "hello\r\n.\r\n..two dots\r\nend\r\n";

SmtpTestServer::Options Opts(std::string tls, std::string user, std::string password, std::string token,
                             bool fail_data) {
  SmtpTestServer::Options o;
  o.tls = tls;
  o.user = user;
  o.password = password;
  o.token = token;
  o.fail_data = fail_data;
  return o;
}

std::unique_ptr<SmtpTestServer> Server(SmtpTestServer::Options o) {
  std::string error;
  auto s = SmtpTestServer::Start(o, &error);
  EXPECT_TRUE(s) << error;
  return s;
}

SmtpOptions Options(const SmtpTestServer& s, const std::string& scheme) {
  SmtpOptions o;
  o.url = s.Url(scheme);
  o.ca_file = s.ca_file();
  o.from = "bouncescan@example.com";
  o.recipients = {"me@example.com"};
  o.connect_timeout_seconds = 5;
  o.timeout_seconds = 20;
  return o;
}

TEST(SendMail, StartTlsWithPasswordDeliversTheExactBytes) {
  auto s = Server(Opts("starttls", "me@example.com", "s3cret pass", "", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtp");
  o.username = "me@example.com";
  o.secret = "s3cret pass";
  std::ostringstream log;
  o.log = &log;
  Status st = SendMail(o, kMessage);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto messages = s->Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], kMessage) << "dot-stuffing must be undone by the server, nothing else changed";
  auto env = s->Envelopes();
  EXPECT_NE(env[0].find("\"mail_from\": \"bouncescan@example.com\""), std::string::npos) << env[0];
  EXPECT_NE(env[0].find("\"me@example.com\""), std::string::npos);
  EXPECT_NE(env[0].find("\"tls\": true"), std::string::npos);
  EXPECT_NE(env[0].find("\"login\": \"me@example.com\""), std::string::npos);
  // The log shows the dialogue but never the secret, plain or base64.
  EXPECT_NE(log.str().find("STARTTLS"), std::string::npos);
  EXPECT_NE(log.str().find("AUTH <redacted>"), std::string::npos);
  EXPECT_EQ(log.str().find("s3cret"), std::string::npos);
  EXPECT_EQ(log.str().find("czNjcmV0"), std::string::npos);
  EXPECT_EQ(log.str().find("AG1l"), std::string::npos);
}

TEST(SendMail, ImplicitTls) {
  auto s = Server(Opts("implicit", "me@example.com", "pw", "", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtps");
  o.username = "me@example.com";
  o.secret = "pw";
  Status st = SendMail(o, kMessage);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(s->Messages().size(), 1u);
}

TEST(SendMail, Xoauth2) {
  auto s = Server(Opts("implicit", "me@example.com", "", "ya29.token", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtps");
  o.username = "me@example.com";
  o.xoauth2 = true;
  o.secret = "ya29.token";
  Status st = SendMail(o, kMessage);
  ASSERT_TRUE(st.ok()) << st.ToString();
  o.secret = "expired";
  Status bad = SendMail(o, kMessage);
  EXPECT_EQ(bad.code(), StatusCode::kAuthFailed) << bad.ToString();
  EXPECT_EQ(s->Messages().size(), 1u);
}

TEST(SendMail, WrongPasswordIsAnAuthFailureAndNamesNoSecret) {
  auto s = Server(Opts("starttls", "me@example.com", "right", "", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtp");
  o.username = "me@example.com";
  o.secret = "wrong-password-123";
  Status st = SendMail(o, kMessage);
  EXPECT_EQ(st.code(), StatusCode::kAuthFailed) << st.ToString();
  EXPECT_EQ(st.message().find("wrong-password-123"), std::string::npos);
  EXPECT_TRUE(s->Messages().empty());
}

TEST(SendMail, MissingLoginWhereTheServerRequiresOne) {
  auto s = Server(Opts("starttls", "me@example.com", "right", "", false));
  ASSERT_TRUE(s);
  Status st = SendMail(Options(*s, "smtp"), kMessage);
  EXPECT_EQ(st.code(), StatusCode::kAuthFailed) << st.ToString();
  EXPECT_TRUE(s->Messages().empty());
}

TEST(SendMail, UntrustedCertificateIsATlsError) {
  auto s = Server(Opts("implicit", "", "", "", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtps");
  o.ca_file.clear();
  Status st = SendMail(o, kMessage);
  EXPECT_EQ(st.code(), StatusCode::kTlsError) << st.ToString();
  EXPECT_TRUE(s->Messages().empty());
}

TEST(SendMail, PlaintextOnlyWhenAllowed) {
  auto s = Server(Opts("none", "", "", "", false));
  ASSERT_TRUE(s);
  SmtpOptions o = Options(*s, "smtp");
  Status refused = SendMail(o, kMessage);
  EXPECT_EQ(refused.code(), StatusCode::kTlsError) << refused.ToString();
  EXPECT_TRUE(s->Messages().empty());
  o.allow_insecure = true;
  Status st = SendMail(o, kMessage);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(s->Messages().size(), 1u);
}

TEST(SendMail, TemporaryRefusalIsANetworkError) {
  auto s = Server(Opts("starttls", "", "", "", true));
  ASSERT_TRUE(s);
  Status st = SendMail(Options(*s, "smtp"), kMessage);
  EXPECT_EQ(st.code(), StatusCode::kNetworkError) << st.ToString();
}

TEST(SendMail, NobodyListening) {
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:1";
  o.from = "a@example.com";
  o.recipients = {"b@example.com"};
  Status st = SendMail(o, kMessage);
  EXPECT_EQ(st.code(), StatusCode::kNetworkError) << st.ToString();
}

}  // namespace
}  // namespace bouncescan::digest
