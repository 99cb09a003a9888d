// ImapConnection against a scripted fake server that offers no STARTTLS: the password must
// not leave the machine unless the account allows it.
#include "scanner/imap_session.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

namespace bouncescan::scanner {
namespace {

// Accepts one connection and answers like a plaintext-only IMAP server that refuses every login.
class NoTlsServer {
 public:
  NoTlsServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(listen_fd_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~NoTlsServer() {
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
  }
  int port() const { return port_; }
  bool saw_credentials() const { return saw_credentials_; }

 private:
  void Serve() {
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    auto send = [&](const std::string& s) { (void)!write(fd, s.data(), s.size()); };
    send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] fake server ready\r\n");
    std::string buffer;
    char c;
    while (read(fd, &c, 1) == 1) {
      if (c != '\n') {
        buffer += c;
        continue;
      }
      std::string line = buffer;
      buffer.clear();
      std::string tag = line.substr(0, line.find(' '));
      if (line.find("AUTHENTICATE") != std::string::npos || line.find("LOGIN") != std::string::npos) {
        saw_credentials_ = true;
        send(tag + " NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
      } else if (line.find("CAPABILITY") != std::string::npos) {
        send("* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN\r\n" + tag + " OK done\r\n");
      } else if (line.find("LOGOUT") != std::string::npos) {
        send("* BYE bye\r\n" + tag + " OK done\r\n");
        break;
      } else if (line.find("STARTTLS") != std::string::npos) {
        send(tag + " BAD not supported\r\n");
      } else if (!line.empty()) {
        send(tag + " BAD unexpected\r\n");
      }
    }
    close(fd);
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> saw_credentials_{false};
};

ImapEndpoint PlainEndpoint(int port) {
  ImapEndpoint e;
  e.account = "plain";
  e.url = "imap://127.0.0.1:" + std::to_string(port);
  e.username = "alice";
  e.secret = "alice-secret";
  e.connect_timeout_seconds = 5;
  e.stall_timeout_seconds = 5;
  return e;
}

TEST(ImapSession, RefusesToLogInWithoutTls) {
  NoTlsServer server;
  auto c = ImapConnection::Open(PlainEndpoint(server.port()));
  ASSERT_TRUE(c.ok());
  auto caps = (*c)->Capabilities();
  ASSERT_FALSE(caps.ok());
  EXPECT_EQ(caps.status().code(), StatusCode::kTlsError) << caps.status().ToString();
  EXPECT_NE(caps.status().message().find("allow_insecure"), std::string::npos);
  c->reset();
  EXPECT_FALSE(server.saw_credentials());
}

TEST(ImapSession, AllowInsecureSendsTheLogin) {
  NoTlsServer server;
  ImapEndpoint e = PlainEndpoint(server.port());
  e.allow_insecure = true;
  auto c = ImapConnection::Open(e);
  ASSERT_TRUE(c.ok());
  auto caps = (*c)->Capabilities();
  ASSERT_FALSE(caps.ok());
  EXPECT_EQ(caps.status().code(), StatusCode::kAuthFailed) << caps.status().ToString();
  c->reset();
  EXPECT_TRUE(server.saw_credentials());
}

TEST(ImapSession, ServerUrlsAreChecked) {
  EXPECT_EQ(*NormaliseServerUrl("imaps://imap.example.com"), "imaps://imap.example.com");
  EXPECT_EQ(*NormaliseServerUrl("imap://imap.example.com:143/"), "imap://imap.example.com:143");
  EXPECT_FALSE(NormaliseServerUrl("https://imap.example.com").ok());
  EXPECT_FALSE(NormaliseServerUrl("imaps://me:pw@imap.example.com").ok());
  EXPECT_FALSE(NormaliseServerUrl("imaps://imap.example.com/INBOX").ok());
  EXPECT_FALSE(NormaliseServerUrl("not a url").ok());
}

}  // namespace
}  // namespace bouncescan::scanner
