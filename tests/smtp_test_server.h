// SmtpTestServer: a real SMTP server (aiosmtpd, tests/smtp_server.py) on 127.0.0.1 for
// tests, in its own temporary directory, stopped and removed by the destructor.
//
// Used by the digest tests and the end-to-end test. Needs /usr/bin/python3 with aiosmtpd
// and openssl (scripts/install-deps). Test-only code: errors are reported as strings.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace bouncescan::testing {

class SmtpTestServer {
 public:
  struct Options {
    std::string tls = "starttls";  // "none", "starttls" or "implicit"
    std::string user;              // empty: no AUTH required
    std::string password;
    std::string token;             // accepted XOAUTH2 bearer token
    bool fail_data = false;        // answer DATA with 451
    int fail_first = 0;            // answer DATA with 451 for the first N messages only
    std::string cert_dir;          // reuse a certificate (e.g. of an earlier server)
  };

  // Starts the server and waits until it listens; nullptr and *error on failure.
  static std::unique_ptr<SmtpTestServer> Start(const Options& options, std::string* error) {
    const char* src = std::getenv("BOUNCESCAN_SOURCE_DIR");
    std::string script = std::string(src ? src : ".") + "/tests/smtp_server.py";
    std::string tmpl = (std::filesystem::temp_directory_path() / "bouncescan-smtp-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      *error = "mkdtemp failed";
      return nullptr;
    }
    auto server = std::unique_ptr<SmtpTestServer>(new SmtpTestServer());
    server->root_ = tmpl;
    server->dir_ = tmpl + "/mail";
    server->cert_dir_ = options.cert_dir.empty() ? tmpl : options.cert_dir;
    std::vector<std::string> args{"/usr/bin/python3", script, "--dir", server->dir_, "--tls", options.tls,
                                  "--cert-dir", server->cert_dir_};
    if (!options.user.empty()) args.insert(args.end(), {"--user", options.user});
    if (!options.password.empty()) args.insert(args.end(), {"--password", options.password});
    if (!options.token.empty()) args.insert(args.end(), {"--token", options.token});
    if (options.fail_data) args.push_back("--fail-data");
    if (options.fail_first > 0) args.insert(args.end(), {"--fail-first", std::to_string(options.fail_first)});

    int out[2];
    if (pipe(out) != 0) {
      *error = "pipe failed";
      return nullptr;
    }
    pid_t pid = fork();
    if (pid == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    server->pid_ = pid;
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.find('\n') == std::string::npos) {
      int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
      pollfd p{out[0], POLLIN, 0};
      if (left <= 0 || poll(&p, 1, left) <= 0) break;
      char buf[64];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    if (line.rfind("PORT ", 0) != 0) {
      *error = "the SMTP test server did not start (needs /usr/bin/python3 with aiosmtpd): " + line;
      return nullptr;
    }
    server->port_ = std::atoi(line.c_str() + 5);
    return server;
  }

  ~SmtpTestServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    if (!root_.empty() && !std::getenv("BOUNCESCAN_KEEP_TEST_DIRS")) std::filesystem::remove_all(root_, ec);
  }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  // The self-signed certificate, to be trusted as ca_file.
  std::string ca_file() const { return cert_dir_ + "/cert.pem"; }
  std::string cert_dir() const { return cert_dir_; }
  std::string Url(const std::string& scheme) const {
    return scheme + "://localhost:" + std::to_string(port_);
  }

  // Every message received so far, oldest first.
  std::vector<std::string> Messages() const { return Read(".eml"); }
  // The envelope JSON of each message, oldest first.
  std::vector<std::string> Envelopes() const { return Read(".json"); }

 private:
  SmtpTestServer() = default;

  std::vector<std::string> Read(const std::string& ext) const {
    std::vector<std::pair<int, std::string>> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
      if (e.path().extension() == ext) files.emplace_back(std::atoi(e.path().stem().c_str()), e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& [n, path] : files) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string root_;
  std::string dir_;
  std::string cert_dir_;
};

}  // namespace bouncescan::testing
