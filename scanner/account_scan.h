// ScanAccount: one configured mailbox, end to end — find its secret, scan its folders over
// IMAP (scanner/imap_scan.h), and decode, judge and record every candidate through the same
// pipeline as file scans (scanner/pipeline.h), keeping the folder state in the database.
//
// Used by `bouncescan scan` (no PATH: every [[account]]) and `bouncescan run`. A failure
// ends only this account's scan; the result says what happened and the caller chooses the
// exit status. With dry_run the database is only read (may be null) and the mailbox is not
// changed. Single-threaded.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/judge.h"
#include "scanner/credentials.h"
#include "scanner/imap_scan.h"
#include "scanner/pipeline.h"
#include "storage/database.h"

namespace bouncescan::scanner {

// One [[account]] table, in the scanner's terms (cli maps AccountConfig onto it).
struct AccountSpec {
  std::string name;
  std::string url;
  std::string username;
  bool xoauth2 = false;
  std::string password_command;
  std::string password_env;
  std::string ca_file;
  bool allow_insecure = false;
  ImapAccountOptions options;  // folders, after, keyword, size cap, connections, dry_run
};

struct AccountScanHooks {
  // The redacted IMAP conversation (--verbose); null: none.
  std::function<void(const std::string&)> log;
  // Progress while searching and fetching; null: none.
  std::function<void(const ScanProgress&)> progress;
  // One line per bounce found, for --dry-run and --verbose; null: none.
  std::function<void(const std::string&)> found;
};

struct AccountScanResult {
  std::string account;
  ScanTally tally;                 // what was recorded (or, dry run, would have been)
  AccountReport imap;              // per-folder figures
  std::vector<std::string> notes;  // truncated messages, UIDVALIDITY changes, post-action notes
  Status status;                   // why the scan ended early, if it did
};

// Scans `spec`. `db` may be null only when spec.options.dry_run. `keyring` may be null
// (then only password_command / password_env can provide the secret).
AccountScanResult ScanAccount(const AccountSpec& spec, storage::Database* db, const rules::RuleSet& rules,
                              Keyring* keyring, const AccountScanHooks& hooks = {});

// "work: INBOX 6 searched, 3 fetched; 3 messages: 3 new, 0 already recorded; ..." — one line.
std::string SummaryLine(const AccountScanResult& result);

}  // namespace bouncescan::scanner
