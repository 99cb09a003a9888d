// bouncescan run — what the systemd timer and cron start: scan every configured
// [[account]], record what the bounces say (which updates the suppression list), and send
// the digest when [digest] every ("daily", "weekly", "always") says one is due and there
// is something new.
//
// Quiet on success; each problem is one line on stderr, and the exit status is the first
// problem's (cli/exit_codes.h). An account that fails does not stop the others or the
// digest. Scan and digest happen under one run lock: a second run started meanwhile waits
// briefly, then exits 6 saying so. Messages that could not be decoded are recorded and
// listed by the digest; without [digest] they are printed and make the status 1.
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/digest_cli.h"
#include "cli/exit_codes.h"
#include "cli/scan_accounts.h"
#include "cli/storage_cli.h"

namespace bouncescan::cli {

int RunRun(CommandContext& ctx) {
  CLI::App app{"Scan every account, update the suppression list, and send the digest when it is due",
               "bouncescan run"};
  app.footer(
      "Quiet on success: one line on stderr per problem. The digest goes out when [digest] every\n"
      "(daily, weekly or always) says it is due and something new was recorded; `bouncescan digest`\n"
      "sends or prints one at any time.\n"
      "Exit status: 0 ok, 1 some message unreadable (only without [digest], which lists them otherwise),\n"
      "2 usage/config, 3 login refused or no secret, 4 server unreachable or connection dropped,\n"
      "5 TLS/certificate, 6 another run is going (after waiting 3 s), 7 database unusable.\n"
      "See bouncescan(1).");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) {
    ctx.err << "bouncescan: " << config.status().message() << "\n";
    return kExitUsage;
  }
  const std::string where = config->path.empty() ? DefaultConfigPath() : config->path;
  if (config->accounts.empty()) {
    ctx.err << "bouncescan: run: " << where << " has no [[account]] to scan (bouncescan init writes one)\n";
    return kExitUsage;
  }

  // A [digest] table that cannot send is a configuration error found before any scanning,
  // not after an hour of it.
  std::unique_ptr<scanner::Keyring> keyring = scanner::SystemKeyring();
  std::optional<digest::DigestJob> job;
  DigestRequest request;
  request.send = true;
  request.now = storage::SystemNow();
  if (config->digest) {
    Result<digest::DigestJob> built = DigestJobFor(*config, request, keyring.get());
    if (!built.ok()) return Fail(ctx, built.status());
    job = std::move(*built);
  }

  Result<std::unique_ptr<storage::Database>> db =
      OpenDatabaseFor(ctx.global, *config, /*run_lock=*/true, /*must_exist=*/false);
  if (!db.ok()) return Fail(ctx, db.status());

  AccountScanFlags flags;
  flags.summary_on_terminal = false;
  flags.report_undecodable = !job.has_value();
  int exit_code = ScanConfiguredAccounts(ctx, *config, flags, db->get());
  if (exit_code == kExitUsage || exit_code == kExitData || exit_code == kExitInternal) return exit_code;

  if (job) {
    Result<storage::Database::DigestMark> mark = (*db)->GetDigestMark();
    if (!mark.ok()) return Fail(ctx, mark.status());
    if (digest::DigestDue(config->digest->every, mark->sent_at, request.now)) {
      // The clock is read again: the scan may have taken a while.
      job->collect.now = job->compose.now = storage::SystemNow();
      Result<digest::DigestOutcome> outcome = digest::SendDigest(**db, *job);
      if (!outcome.ok()) {
        ctx.err << "bouncescan: digest not sent (its items stay for the next one): " << outcome.status().message()
                << "\n";
        if (exit_code == kExitOk || exit_code == kExitPartial) exit_code = ExitCodeFor(outcome.status());
      } else if (*outcome == digest::DigestOutcome::kSent && ctx.global.verbosity > 0) {
        ctx.err << "bouncescan: digest sent to " << config->digest->to << "\n";
      }
    } else if (ctx.global.verbosity > 0) {
      ctx.err << "bouncescan: no digest due yet (every = \"" << config->digest->every << "\")\n";
    }
  }
  return exit_code;
}

}  // namespace bouncescan::cli
