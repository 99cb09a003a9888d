// bouncescan scan [--dry-run] [--account NAME]... [PATH...]
//
// With no PATH, scans every configured [[account]] over IMAP (cli/scan_accounts.h).
// Scanning files (.eml, mbox, Maildir) lands with the local sources.
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/scan_accounts.h"

namespace bouncescan::cli {

int RunScan(CommandContext& ctx) {
  CLI::App app{"Scan mailboxes and files for bounces and record what they say", "bouncescan scan"};
  AccountScanFlags flags;
  std::vector<std::string> paths;
  app.add_flag("--dry-run,-n", flags.dry_run, "classify and report; write nothing, change no mailbox");
  app.add_option("--account", flags.accounts, "scan only this [[account]] (repeatable)");
  app.add_option("PATH", paths, ".eml files, mbox files or Maildir folders; none: every configured account");
  app.footer("Exit status: 0 ok, 1 some message unreadable, 2 usage/config, 3 login refused or no secret,\n"
             "4 server unreachable or connection dropped, 5 TLS/certificate, 6 database busy. See bouncescan(1).");
  try {
    std::vector<std::string> args(ctx.args.rbegin(), ctx.args.rend());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, ctx.out, ctx.err) == 0 ? kExitOk : kExitUsage;
  }
  const std::string config_path = ctx.global.config_path.empty() ? DefaultConfigPath() : ctx.global.config_path;
  Result<Config> config = LoadConfigFile(config_path);
  if (!config.ok()) {
    if (config.status().code() != StatusCode::kNotFound || !ctx.global.config_path.empty()) {
      ctx.err << "bouncescan: " << config.status().message() << "\n";
      return kExitUsage;
    }
    config = Config{};
  }
  if (!paths.empty()) {
    ctx.err << "bouncescan: scanning files is not available in this build yet\n";
    return kExitUsage;
  }
  return ScanConfiguredAccounts(ctx, *config, flags);
}

}  // namespace bouncescan::cli
