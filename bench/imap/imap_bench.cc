// imap_bench: how long `bouncescan scan` takes on a large mailbox, beside mbsync pulling
// the same mailbox, all against one throwaway Dovecot on 127.0.0.1 (tests/dovecot_harness.h).
//
//   imap_bench BOUNCESCAN_BINARY [MESSAGES [BOUNCES]]     (defaults 50000 and 5000)
//
// Prints one line per measurement. Not a test: nothing is asserted. Run by
// bench/imap/run-imap-bench; figures go to BENCHMARKS.md ("IMAP").
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tests/dovecot_harness.h"
#include "tests/imap_fixtures.h"

namespace {

using bouncescan::testing::DovecotServer;

// Runs argv; returns seconds taken, or -1 if it failed.
double Timed(const std::vector<std::string>& argv, const std::string& log) {
  std::cout.flush();  // or the child would print our buffered lines again
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "a", stdout);
    std::freopen(log.c_str(), "a", stderr);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 1)) return -1;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: imap_bench BOUNCESCAN_BINARY [MESSAGES [BOUNCES]]\n";
    return 2;
  }
  const std::string binary = argv[1];
  const int total = argc > 2 ? std::atoi(argv[2]) : 50000;
  const int bounces = argc > 3 ? std::atoi(argv[3]) : 5000;
  auto server = DovecotServer::Start({{{"alice", "bench-secret"}}, ""});
  if (!server.ok()) {
    std::cerr << server.status().ToString() << "\n";
    return 1;
  }
  DovecotServer& dv = **server;
  const std::string dir = dv.dir();
  std::cout << "dovecot: " << dir << "\n";

  // Bounces spread evenly through ordinary mail, three MTA shapes in turn.
  auto load_start = std::chrono::steady_clock::now();
  const int every = bounces > 0 ? total / bounces : total + 1;
  int made = 0;
  for (int i = 1; i <= total; ++i) {
    std::string raw;
    if (i % every == 0 && made < bounces) {
      std::string rcpt = "user" + std::to_string(i) + "@example.org";
      raw = made % 3 == 0 ? bouncescan::testing::PostfixDsn(rcpt, i)
            : made % 3 == 1 ? bouncescan::testing::ExchangeNdr(rcpt, i)
                            : bouncescan::testing::QmailFailure(rcpt, i);
      ++made;
    } else {
      raw = bouncescan::testing::OrdinaryMail(i);
    }
    if (!dv.AddMessage("alice", "INBOX", raw).ok()) return 1;
  }
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  std::cout << "loaded " << total << " messages (" << made << " bounces) as Maildir files in " << load << " s\n";
  // Let Dovecot build its index once, so that neither client below pays for it.
  auto index = dv.Doveadm({"mailbox", "status", "-u", "alice", "messages", "INBOX"});
  std::cout << "dovecot index: " << (index.ok() ? *index : index.status().ToString());

  {
    std::ofstream config(dir + "/bouncescan.toml");
    config << "[[account]]\nname = \"bench\"\nurl = \"" << dv.imaps_url() << "\"\nusername = \"alice\"\n"
           << "password_command = \"echo bench-secret\"\nca_file = \"" << dv.cert_path() << "\"\n";
  }
  const std::string log = dir + "/bench.log";
  std::vector<std::string> scan_quiet{binary, "--config", dir + "/bouncescan.toml", "--db", dir + "/bench.db", "scan"};
  double first = Timed(scan_quiet, log);
  std::cout << "bouncescan scan, first run: " << first << " s\n";
  double again = Timed(scan_quiet, log);
  std::cout << "bouncescan scan, nothing new: " << again << " s\n";
  double again2 = Timed(scan_quiet, log);
  std::cout << "bouncescan scan, nothing new (again): " << again2 << " s\n";

  {
    std::ofstream rc(dir + "/mbsyncrc");
    // FSync off: bouncescan does not write the messages anywhere, so mbsync's per-message
    // fsync would measure the disk rather than IMAP.
    rc << "FSync no\n\nIMAPAccount bench\nHost localhost\nPort " << dv.imaps_port() << "\nUser alice\n"
       << "PassCmd \"echo bench-secret\"\nSSLType IMAPS\nCertificateFile " << dv.cert_path() << "\n\n"
       << "IMAPStore remote\nAccount bench\n\n"
       << "MaildirStore local\nPath " << dir << "/mbsync/\nInbox " << dir << "/mbsync/INBOX\n\n"
       << "Channel pull\nFar :remote:\nNear :local:\nPatterns INBOX\nSync Pull\nCreate Near\n"
       << "SyncState " << dir << "/mbsync-state/\n";
  }
  std::system(("mkdir -p " + dir + "/mbsync " + dir + "/mbsync-state").c_str());
  double mb = Timed({"mbsync", "-q", "-c", dir + "/mbsyncrc", "pull"}, log);
  std::cout << "mbsync pull of the same mailbox: " << mb << " s\n";
  double mb2 = Timed({"mbsync", "-q", "-c", dir + "/mbsyncrc", "pull"}, log);
  std::cout << "mbsync pull, nothing new: " << mb2 << " s\n";
  std::string summary;
  {
    std::ifstream f(log);
    std::string line;
    while (std::getline(f, line)) summary += "  log: " + line + "\n";
  }
  std::cout << summary;
  return first < 0 || again < 0 ? 1 : 0;
}
