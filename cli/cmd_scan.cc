// bouncescan scan [--dry-run] [--account NAME]... [PATH...]
//
// With PATHs: classify every message of .eml files, mbox files and Maildir folders and record
// what they say (scanner/pipeline.h). With no PATH: every configured [[account]] over IMAP
// (cli/scan_accounts.h). One transaction per message: a killed scan loses nothing, a re-run
// adds nothing twice. A second scan of the same database waits briefly, then exits busy (6).
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/scan_accounts.h"
#include "cli/storage_cli.h"
#include "cli/user_rules.h"
#include "scanner/pipeline.h"
#include "scanner/local_source.h"

namespace bouncescan::cli {
namespace {

// Scans local paths into `db` (nullptr: --dry-run, record nothing). Returns the first
// database error, which stops recording.
Status ScanLocalPaths(CommandContext& ctx, const std::vector<std::string>& paths, storage::Database* db,
                      const rules::RuleSet& rules, scanner::ScanTally& tally) {
  Status stop;
  // Decoding reads the first max_bytes of a message (one byte more tells it there is more):
  // a longer mbox message keeps no more than that in memory, and is hashed for its
  // identity as it is read.
  scanner::LocalReadOptions read_options;
  read_options.digest_mbox_beyond = scanner::BuildOptions().decode.max_bytes + 1;
  for (const std::string& path : paths) {
    std::vector<std::string> problems;
    Status s = scanner::ForEachLocalMessage(
        path,
        [&](scanner::LocalMessage&& m) {
          if (!stop.ok()) return;  // the database failed: read on, record nothing more
          scanner::BuildOptions options;
          // The content hash reads a large file's mapping end to end: its pages go as it passes.
          options.done_with = [&m](std::string_view range) { scanner::ReleasePages(m, range); };
          // An mbox or stdin message larger than decoding reads comes with the digests of all of it.
          if (m.digests) options.digests = &*m.digests;
          storage::ScanRecord record = scanner::BuildRecord(m.raw, m.source, rules, options);
          const std::int64_t before = tally.recorded;
          if (db) {
            stop = scanner::Record(*db, record, tally);
          } else {
            ++tally.messages;
          }
          const bool shown = db ? tally.recorded > before : true;
          if (stop.ok() && ctx.global.verbosity > 0 && shown) {
            ctx.out << m.source << ": " << mime::ReportKindName(record.report.kind) << ", "
                    << record.report.recipients.size() << " recipient(s)" << (record.undecodable ? ", undecodable" : "")
                    << "\n";
          }
        },
        &problems, read_options);
    for (std::string& p : problems) tally.problems.push_back(std::move(p));
    if (!s.ok()) tally.problems.push_back(s.message());
    if (!stop.ok()) return stop;
  }
  return Status::Ok();
}

int ScanPaths(CommandContext& ctx, const Config& config, const std::vector<std::string>& paths, bool dry_run) {
  auto rules = LoadUserRules(ctx.global);
  if (!rules.ok()) return Fail(ctx, rules.status());
  std::unique_ptr<storage::Database> db;
  if (!dry_run) {
    auto opened = OpenDatabaseFor(ctx.global, config, /*run_lock=*/true, /*must_exist=*/false);
    if (!opened.ok()) return Fail(ctx, opened.status());
    db = std::move(*opened);
  }
  scanner::ScanTally tally;
  Status s = ScanLocalPaths(ctx, paths, db.get(), **rules, tally);
  for (const std::string& p : tally.problems) ctx.err << "bouncescan: " << p << "\n";
  if (!s.ok()) {
    // Everything recorded before the failure is committed; a re-run continues from there.
    ctx.err << "bouncescan: " << s.message() << "\n";
    if (ctx.global.verbosity >= 0) ctx.out << "scan stopped: " << tally.Summary() << "\n";
    return ExitCodeFor(s);
  }
  if (dry_run) {
    if (ctx.global.verbosity >= 0) ctx.out << "scan (dry run, nothing recorded): " << tally.messages << " messages read\n";
  } else if (ctx.global.verbosity >= 0) {
    ctx.out << "scan: " << tally.Summary() << "\n";
    constexpr std::size_t kShown = 20;
    for (std::size_t i = 0; i < tally.newly_suppressed.size() && i < kShown; ++i) {
      ctx.out << "  suppressed " << tally.newly_suppressed[i] << "\n";
    }
    if (tally.newly_suppressed.size() > kShown) {
      ctx.out << "  ... and " << tally.newly_suppressed.size() - kShown << " more (bouncescan suppressed)\n";
    }
  }
  return tally.problems.empty() ? kExitOk : kExitPartial;
}

}  // namespace

int RunScan(CommandContext& ctx) {
  CLI::App app{"Scan mailboxes and files for bounces and record what they say", "bouncescan scan"};
  AccountScanFlags flags;
  std::vector<std::string> paths;
  app.add_flag("--dry-run,-n", flags.dry_run, "classify and report; write nothing, change no mailbox");
  app.add_option("--account", flags.accounts, "scan only this [[account]] (repeatable)");
  app.add_option("PATH", paths, ".eml files, mbox files or Maildir folders; none: every configured account");
  app.footer("Exit status: 0 ok, 1 some message unreadable, 2 usage/config, 3 login refused or no secret,\n"
             "4 server unreachable or connection dropped, 5 TLS/certificate, 6 database busy. See bouncescan(1).");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) {
    ctx.err << "bouncescan: " << config.status().message() << "\n";
    return kExitUsage;
  }
  if (!paths.empty()) {
    if (!flags.accounts.empty()) {
      ctx.err << "bouncescan scan: --account scans configured accounts; give either PATHs or --account\n";
      return kExitUsage;
    }
    return ScanPaths(ctx, *config, paths, flags.dry_run);
  }
  return ScanConfiguredAccounts(ctx, *config, flags);
}

}  // namespace bouncescan::cli
