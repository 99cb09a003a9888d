// DovecotServer: a throwaway Dovecot IMAP server on 127.0.0.1 for integration tests.
//
// Start() makes a temporary directory with its own dovecot.conf, a self-signed certificate
// (subjectAltName DNS:localhost, IP:127.0.0.1), a passwd-file with the given users and a
// Maildir per user, picks free ports for imaps and imap (STARTTLS), and runs
// `dovecot -F` in its own process group. The destructor kills that group and removes the
// directory. Nothing outside the directory is touched; the system's Dovecot config and
// service are never used.
//
// Mail is loaded by writing Maildir files directly (much faster than APPEND); call
// AddMessage before or while the server runs. Used by the scanner's integration tests and
// by bench/imap. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "base/status.h"

namespace bouncescan::testing {

struct DovecotUser {
  std::string name;
  std::string password;  // also accepted as an XOAUTH2 bearer token
};

struct DovecotOptions {
  std::vector<DovecotUser> users{{"alice", "alice-secret"}};
  // Extra lines appended to dovecot.conf (e.g. "imap_capability = ..." to hide ESEARCH).
  std::string extra_config;
};

// Where clients other than the tests' own reach the server (the IMAP benchmark, bench/imap/).
struct DovecotNetwork {
  // Another IPv4 address for the certificate to name besides 127.0.0.1, for clients that
  // reach the server through it (e.g. the host end of a veth pair).
  std::string certificate_address;
  // Listen on certificate_address too (it must exist when Start() runs); otherwise only
  // on 127.0.0.1.
  bool listen_on_certificate_address = false;
};

class DovecotServer {
 public:
  static Result<std::unique_ptr<DovecotServer>> Start(const DovecotOptions& options = {},
                                                      const DovecotNetwork& network = {});
  ~DovecotServer();
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;

  const std::string& dir() const { return dir_; }
  int imaps_port() const { return imaps_port_; }
  int imap_port() const { return imap_port_; }
  // The self-signed certificate; pass it as ca_file to trust the server.
  std::string cert_path() const { return dir_ + "/cert.pem"; }
  std::string imaps_url() const { return "imaps://127.0.0.1:" + std::to_string(imaps_port_); }
  std::string imap_url() const { return "imap://127.0.0.1:" + std::to_string(imap_port_); }

  // Writes one message into USER's FOLDER ("INBOX" or a Maildir++ subfolder such as
  // "Bounces") as an unseen message; `flags` are Maildir info letters ("S" seen, "F"
  // flagged, ...). Returns the file's path.
  Result<std::string> AddMessage(const std::string& user, const std::string& folder,
                                 const std::string& raw, const std::string& flags = "");
  // Creates an empty folder (Maildir++ subdirectory) for USER.
  Status CreateFolder(const std::string& user, const std::string& folder);

  // Runs `doveadm -c <our config> ARGS...`; returns its stdout.
  Result<std::string> Doveadm(const std::vector<std::string>& args);

  // Kills every process of this instance (the next login fails to connect).
  void Stop();

 private:
  DovecotServer() = default;
  Status Launch(const DovecotOptions& options, const DovecotNetwork& network);
  std::string MaildirOf(const std::string& user, const std::string& folder) const;

  std::string dir_;
  int imaps_port_ = 0;
  int imap_port_ = 0;
  pid_t pid_ = -1;
  bool root_ = false;
  int counter_ = 0;
};

}  // namespace bouncescan::testing
