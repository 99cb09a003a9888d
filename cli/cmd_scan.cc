// bouncescan scan [PATH...]: classify every message of .eml files, mbox files and Maildir
// folders and record what they say (scanner/pipeline.h); configured IMAP accounts when no
// PATH is given. One transaction per message: a killed scan loses nothing, a re-run adds
// nothing twice. A second scan of the same database waits briefly, then exits busy (6).
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/storage_cli.h"
#include "cli/user_rules.h"
#include "scanner/pipeline.h"
#if __has_include("scanner/local_source.h")
#include "scanner/local_source.h"
#define BOUNCESCAN_HAVE_LOCAL_SOURCE 1
#endif

namespace bouncescan::cli {
namespace {

// Scans local paths into `db`. Returns the first database error (which stops recording).
Status ScanLocalPaths(CommandContext& ctx, const std::vector<std::string>& paths, storage::Database& db,
                      const rules::RuleSet& rules, scanner::ScanTally& tally) {
#ifdef BOUNCESCAN_HAVE_LOCAL_SOURCE
  Status stop;
  for (const std::string& path : paths) {
    std::vector<std::string> problems;
    Status s = scanner::ForEachLocalMessage(
        path,
        [&](scanner::LocalMessage&& m) {
          if (!stop.ok()) return;  // the database failed: read on, record nothing more
          storage::ScanRecord record = scanner::BuildRecord(m.raw, m.source, rules);
          const std::int64_t before = tally.recorded;
          stop = scanner::Record(db, record, tally);
          if (stop.ok() && ctx.global.verbosity > 0 && tally.recorded > before) {
            ctx.out << m.source << ": " << mime::ReportKindName(record.report.kind) << ", "
                    << record.report.recipients.size() << " recipient(s)" << (record.undecodable ? ", undecodable" : "")
                    << "\n";
          }
        },
        &problems);
    for (std::string& p : problems) tally.problems.push_back(std::move(p));
    if (!s.ok()) tally.problems.push_back(s.message());
    if (!stop.ok()) return stop;
  }
  return Status::Ok();
#else
  (void)ctx;
  (void)paths;
  (void)db;
  (void)rules;
  (void)tally;
  return Status::Error(StatusCode::kUnsupported, "reading local files is not available in this build");
#endif
}

}  // namespace

int RunScan(CommandContext& ctx) {
  CLI::App app{"Scan mailboxes and files for bounces and record what they say", "bouncescan scan"};
  std::vector<std::string> paths;
  app.add_option("paths", paths, ".eml files, mbox files, Maildir folders, or - for stdin (default: the configured accounts)");
  try {
    std::vector<std::string> args(ctx.args.rbegin(), ctx.args.rend());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, ctx.out, ctx.err) == 0 ? kExitOk : kExitUsage;
  }
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) return Fail(ctx, config.status());
  if (paths.empty()) {
    ctx.err << "bouncescan scan: give .eml files, mbox files or Maildir folders to scan"
            << (config->accounts.empty() ? " (no [[account]] is configured)" : "") << "\n";
    return kExitUsage;
  }
  auto rules = LoadUserRules(ctx.global);
  if (!rules.ok()) return Fail(ctx, rules.status());
  auto db = OpenDatabaseFor(ctx.global, *config, /*run_lock=*/true, /*must_exist=*/false);
  if (!db.ok()) return Fail(ctx, db.status());
  scanner::ScanTally tally;
  Status s = ScanLocalPaths(ctx, paths, **db, **rules, tally);
  for (const std::string& p : tally.problems) ctx.err << "bouncescan: " << p << "\n";
  if (!s.ok()) {
    // Everything recorded before the failure is committed; a re-run continues from there.
    ctx.err << "bouncescan: " << s.message() << "\n";
    if (ctx.global.verbosity >= 0) ctx.out << "scan stopped: " << tally.Summary() << "\n";
    return ExitCodeFor(s);
  }
  if (ctx.global.verbosity >= 0) {
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

}  // namespace bouncescan::cli
