// The IMAP half of `bouncescan scan`: scans every configured [[account]] (or the ones
// named) and prints one summary line per account, progress on a terminal, nothing on
// success under cron. Used by cli/cmd_scan.cc and cli/cmd_run.cc; the work itself is
// scanner::ScanAccount. Never prints a secret.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/config.h"

namespace bouncescan::cli {

struct AccountScanFlags {
  bool dry_run = false;                  // read the database only; do not change the mailbox
  std::vector<std::string> accounts;     // only these [[account]] names; empty: all
};

// Returns the exit status (cli/exit_codes.h): the first failed account's, else kExitPartial
// when some message could not be decoded, else kExitOk.
int ScanConfiguredAccounts(CommandContext& ctx, const Config& config, const AccountScanFlags& flags);

}  // namespace bouncescan::cli
