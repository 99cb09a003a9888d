// imap_bench: how long `bouncescan scan` takes on a large mailbox, beside mbsync pulling
// the same mailbox, all against one throwaway Dovecot on 127.0.0.1 (tests/dovecot_harness.h).
//
//   imap_bench BOUNCESCAN_BINARY [MESSAGES [BOUNCES]] [--connections N,N...]
//              [--address ADDR --netns NAME [--relay DELAY_RELAY --delay-ms N]] [--trace FILE]
//
// MESSAGES and BOUNCES default to 50000 and 5000; --connections (default 4) lists the
// [[account]] connections settings to time, each with its own first scan. With --address
// and --netns, Dovecot also listens on ADDR and every client runs inside the network
// namespace NAME (`ip netns exec`) and connects to ADDR: run-imap-bench --rtt makes that
// namespace with a veth pair whose two ends delay every packet (tc netem). With --relay,
// Dovecot stays on 127.0.0.1 and DELAY_RELAY (bench/imap/delay-relay, for kernels without
// netem) listens on ADDR at the same port and adds N ms each way.
//
// --trace FILE: before the timed runs, one more first scan (own database, the first
// --connections setting) runs with --verbose, and its IMAP conversation goes to FILE, each
// line prefixed with the milliseconds since the scan started: where the round trips go.
//
// Prints one line per measurement. Not a test: nothing is asserted. Run by
// bench/imap/run-imap-bench; figures go to BENCHMARKS.md ("IMAP").
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
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

// Starts `relay ADDRESS PORT 127.0.0.1 PORT DELAY_MS` and waits for its "listening" line;
// returns its pid, or -1. *out_fd is the read end of its stdout, kept open while it runs.
pid_t StartRelay(const std::string& relay, const std::string& address, int port, const std::string& delay_ms,
                 int* out_fd) {
  int out[2];
  if (pipe(out) != 0) return -1;
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::string p = std::to_string(port);
    execl(relay.c_str(), relay.c_str(), address.c_str(), p.c_str(), "127.0.0.1", p.c_str(), delay_ms.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  char buf[64] = {};
  ssize_t n = read(out[0], buf, sizeof buf - 1);
  *out_fd = out[0];
  if (n <= 0 || std::string(buf).rfind("listening", 0) != 0) {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    return -1;
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::vector<int> connection_counts;
  std::string address, netns, relay, delay_ms, trace;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--connections" && i + 1 < argc) {
      std::stringstream list(argv[++i]);
      std::string n;
      while (std::getline(list, n, ',')) connection_counts.push_back(std::atoi(n.c_str()));
    } else if (a == "--address" && i + 1 < argc) {
      address = argv[++i];
    } else if (a == "--netns" && i + 1 < argc) {
      netns = argv[++i];
    } else if (a == "--relay" && i + 1 < argc) {
      relay = argv[++i];
    } else if (a == "--trace" && i + 1 < argc) {
      trace = argv[++i];
    } else if (a == "--delay-ms" && i + 1 < argc) {
      delay_ms = argv[++i];
    } else {
      positional.push_back(a);
    }
  }
  if (positional.empty() || address.empty() != netns.empty() || relay.empty() != delay_ms.empty() ||
      (!relay.empty() && address.empty())) {
    std::cerr << "usage: imap_bench BOUNCESCAN_BINARY [MESSAGES [BOUNCES]] [--connections N,N...]"
                 " [--address ADDR --netns NAME [--relay DELAY_RELAY --delay-ms N]]\n";
    return 2;
  }
  if (connection_counts.empty()) connection_counts.push_back(4);
  const std::string binary = positional[0];
  const int total = positional.size() > 1 ? std::atoi(positional[1].c_str()) : 50000;
  const int bounces = positional.size() > 2 ? std::atoi(positional[2].c_str()) : 5000;
  // Clients run inside the namespace when there is one.
  std::vector<std::string> client;
  if (!netns.empty()) client = {"ip", "netns", "exec", netns};
  auto with_client = [&](std::vector<std::string> command) {
    command.insert(command.begin(), client.begin(), client.end());
    return command;
  };
  bouncescan::testing::DovecotOptions options;
  options.users = {{"alice", "bench-secret"}};
  bouncescan::testing::DovecotNetwork network;
  network.certificate_address = address;
  network.listen_on_certificate_address = !address.empty() && relay.empty();
  auto server = DovecotServer::Start(options, network);
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

  pid_t relay_pid = -1;
  int relay_out = -1;
  if (!relay.empty()) {
    relay_pid = StartRelay(relay, address, dv.imaps_port(), delay_ms, &relay_out);
    if (relay_pid < 0) {
      std::cerr << "imap_bench: " << relay << " did not start\n";
      return 1;
    }
    std::cout << "delay relay: " << address << ":" << dv.imaps_port() << " -> 127.0.0.1, " << delay_ms
              << " ms each way\n";
  }
  const std::string host = address.empty() ? "127.0.0.1" : address;
  const std::string url = "imaps://" + host + ":" + std::to_string(dv.imaps_port());
  const std::string log = dir + "/bench.log";
  auto write_config = [&](const std::string& tag, int connections) {
    std::ofstream config(dir + "/bouncescan-" + tag + ".toml");
    config << "[[account]]\nname = \"bench\"\nurl = \"" << url << "\"\nusername = \"alice\"\n"
           << "password_command = \"echo bench-secret\"\nca_file = \"" << dv.cert_path() << "\"\n"
           << "connections = " << connections << "\n";
  };
  if (!trace.empty()) {
    write_config("trace", connection_counts.front());
    std::string command;
    for (const std::string& word : with_client({binary, "--config", dir + "/bouncescan-trace.toml", "--db",
                                                dir + "/bench-trace.db", "--verbose", "scan"})) {
      command += "'" + word + "' ";
    }
    // Timestamps are taken as the lines arrive through the pipe: good to a millisecond or so.
    command += "2>&1 | python3 -u -c 'import sys, time\nt0 = time.monotonic()\nfor line in sys.stdin: "
               "sys.stdout.write(\"%9.1f %s\" % ((time.monotonic() - t0) * 1000, line))' > '" + trace + "'";
    std::cout.flush();
    int rc = std::system(command.c_str());
    std::cout << "trace of a first scan (connections = " << connection_counts.front() << ") in " << trace
              << (rc == 0 ? "" : " (the scan failed)") << "\n";
  }
  bool failed = false;
  for (int connections : connection_counts) {
    // A fresh database per setting, so that each first run fetches everything.
    const std::string tag = "c" + std::to_string(connections);
    write_config(tag, connections);
    std::vector<std::string> scan_quiet = with_client(
        {binary, "--config", dir + "/bouncescan-" + tag + ".toml", "--db", dir + "/bench-" + tag + ".db", "scan"});
    double first = Timed(scan_quiet, log);
    std::cout << "bouncescan scan (connections = " << connections << "), first run: " << first << " s\n";
    double again = Timed(scan_quiet, log);
    std::cout << "bouncescan scan (connections = " << connections << "), nothing new: " << again << " s\n";
    double again2 = Timed(scan_quiet, log);
    std::cout << "bouncescan scan (connections = " << connections << "), nothing new (again): " << again2 << " s\n";
    failed |= first < 0 || again < 0;
  }

  {
    std::ofstream rc(dir + "/mbsyncrc");
    // FSync off: bouncescan does not write the messages anywhere, so mbsync's per-message
    // fsync would measure the disk rather than IMAP.
    // "localhost" even with --netns: isync matches only the certificate's DNS names, so
    // run-imap-bench maps localhost to ADDR in the namespace (/etc/netns/NAME/hosts).
    rc << "FSync no\n\nIMAPAccount bench\nHost localhost\nPort " << dv.imaps_port() << "\nUser alice\n"
       << "PassCmd \"echo bench-secret\"\nSSLType IMAPS\nCertificateFile " << dv.cert_path() << "\n\n"
       << "IMAPStore remote\nAccount bench\n\n"
       << "MaildirStore local\nPath " << dir << "/mbsync/\nInbox " << dir << "/mbsync/INBOX\n\n"
       << "Channel pull\nFar :remote:\nNear :local:\nPatterns INBOX\nSync Pull\nCreate Near\n"
       << "SyncState " << dir << "/mbsync-state/\n";
  }
  std::system(("mkdir -p " + dir + "/mbsync " + dir + "/mbsync-state").c_str());
  double mb = Timed(with_client({"mbsync", "-q", "-c", dir + "/mbsyncrc", "pull"}), log);
  std::cout << "mbsync pull of the same mailbox: " << mb << " s\n";
  double mb2 = Timed(with_client({"mbsync", "-q", "-c", dir + "/mbsyncrc", "pull"}), log);
  std::cout << "mbsync pull, nothing new: " << mb2 << " s\n";
  if (relay_pid > 0) {
    kill(relay_pid, SIGTERM);
    waitpid(relay_pid, nullptr, 0);
  }
  if (relay_out >= 0) close(relay_out);
  std::string summary;
  {
    std::ifstream f(log);
    std::string line;
    while (std::getline(f, line)) summary += "  log: " + line + "\n";
  }
  std::cout << summary;
  return failed ? 1 : 0;
}
