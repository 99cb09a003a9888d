// The IMAP half of `bouncescan scan`: scans every configured [[account]] (or the ones
// named) and prints one summary line per account, progress on a terminal, nothing on
// success under cron. Used by cli/cmd_scan.cc and cli/cmd_run.cc; the work itself is
// scanner::ScanAccount. Never prints a secret. Records only while holding the run lock
// (storage::OpenOptions::run_lock), so that two scans never interleave.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/config.h"
#include "storage/database.h"

namespace bouncescan::cli {

struct AccountScanFlags {
  bool dry_run = false;                  // read the database only; do not change the mailbox
  std::vector<std::string> accounts;     // only these [[account]] names; empty: all
  // One summary line per account when stdout is a terminal (`scan`); false: only with
  // --verbose (`run`, which is quiet on success).
  bool summary_on_terminal = true;
  // Undecodable messages are printed on stderr and make the status kExitPartial. False when
  // a digest will report them (`run` with [digest]): they are recorded either way.
  bool report_undecodable = true;
};

// Returns the exit status (cli/exit_codes.h): the first failed account's, else kExitPartial
// when some message could not be decoded, else kExitOk. `db` (non-owning): an open database
// whose owner holds the run lock (`run` scans and sends the digest under one lock); null:
// opened here with the run lock (a second run waits briefly, then this returns kExitBusy),
// or not at all for a dry run.
int ScanConfiguredAccounts(CommandContext& ctx, const Config& config, const AccountScanFlags& flags,
                           storage::Database* db = nullptr);

}  // namespace bouncescan::cli
