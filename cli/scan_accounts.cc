#include "cli/scan_accounts.h"

#include <unistd.h>

#include <chrono>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/storage_cli.h"
#include "cli/user_rules.h"
#include "scanner/account_scan.h"

namespace bouncescan::cli {
namespace {

Result<scanner::AccountSpec> ToSpec(const AccountConfig& a, bool dry_run) {
  scanner::AccountSpec spec;
  spec.name = a.name;
  spec.url = a.url;
  spec.username = a.username;
  spec.xoauth2 = a.auth == "xoauth2";
  spec.password_command = a.password_command;
  spec.password_env = a.password_env;
  spec.ca_file = a.ca_file;
  spec.allow_insecure = a.allow_insecure;
  spec.options.folders = a.folders;
  spec.options.flag_keyword = a.flag_keyword;
  spec.options.max_message_bytes = a.max_message_bytes;
  spec.options.connections = a.connections;
  spec.options.dry_run = dry_run;
  if (Status s = scanner::ParseAfter(a.after, &spec.options); !s.ok()) {
    return Status::InvalidArgument("account '" + a.name + "': " + s.message());
  }
  return spec;
}

// Rewrites one terminal line at most five times a second.
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~ProgressLine() { Clear(); }
  void Show(const std::string& account, const scanner::ScanProgress& p) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    err_ << "\r\033[K" << account << "/" << p.folder << ": " << p.searched << " searched, " << p.candidates
         << " candidates, " << p.fetched << " fetched, " << p.bounces << " bounces" << std::flush;
    shown_ = true;
  }
  void Clear() {
    if (shown_) err_ << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int ScanConfiguredAccounts(CommandContext& ctx, const Config& config, const AccountScanFlags& flags,
                           storage::Database* db) {
  std::vector<const AccountConfig*> chosen;
  for (const std::string& name : flags.accounts) {
    const AccountConfig* found = nullptr;
    for (const AccountConfig& a : config.accounts) {
      if (a.name == name) found = &a;
    }
    if (!found) {
      ctx.err << "bouncescan: scan: no [[account]] named '" << name << "' in "
              << (config.path.empty() ? DefaultConfigPath() : config.path) << "\n";
      return kExitUsage;
    }
    chosen.push_back(found);
  }
  if (flags.accounts.empty()) {
    for (const AccountConfig& a : config.accounts) chosen.push_back(&a);
  }
  if (chosen.empty()) {
    ctx.err << "bouncescan: scan: nothing to scan: " << (config.path.empty() ? DefaultConfigPath() : config.path)
            << " has no [[account]], and no PATH was given\n";
    return kExitUsage;
  }
  std::vector<scanner::AccountSpec> specs;
  for (const AccountConfig* a : chosen) {
    Result<scanner::AccountSpec> spec = ToSpec(*a, flags.dry_run);
    if (!spec.ok()) {
      ctx.err << "bouncescan: " << spec.status().message() << "\n";
      return kExitUsage;
    }
    specs.push_back(std::move(*spec));
  }

  Result<std::shared_ptr<const rules::RuleSet>> rules = LoadUserRules(ctx.global);
  if (!rules.ok()) {
    ctx.err << "bouncescan: " << rules.status().message() << "\n";
    return ExitCodeFor(rules.status());
  }

  std::unique_ptr<storage::Database> owned;
  if (!db && !flags.dry_run) {
    // Recording holds the run lock: a second scan or run waits briefly, then exits busy (6).
    Result<std::unique_ptr<storage::Database>> opened =
        OpenDatabaseFor(ctx.global, config, /*run_lock=*/true, /*must_exist=*/false);
    if (!opened.ok()) {
      ctx.err << "bouncescan: " << opened.status().message() << "\n";
      return ExitCodeFor(opened.status());
    }
    owned = std::move(*opened);
    db = owned.get();
  } else if (!db) {
    // A dry run reads what is recorded, if anything, and needs no lock.
    storage::OpenOptions open = OpenOptionsFor(config);
    open.read_only = true;
    Result<std::unique_ptr<storage::Database>> opened = storage::Database::Open(DatabasePathFor(ctx.global, config), open);
    if (opened.ok()) owned = std::move(*opened);
    db = owned.get();
  }

  const bool verbose = ctx.global.verbosity > 0;
  const bool quiet = ctx.global.verbosity < 0;
  // Under cron (no terminal) a successful scan prints nothing.
  const bool report =
      !quiet && (verbose || flags.dry_run || (flags.summary_on_terminal && isatty(STDOUT_FILENO) != 0));
  ProgressLine progress(ctx.err, !quiet && isatty(STDERR_FILENO) != 0);
  std::unique_ptr<scanner::Keyring> keyring = scanner::SystemKeyring();

  int exit_code = kExitOk;
  bool partial = false;
  for (const scanner::AccountSpec& spec : specs) {
    scanner::AccountScanHooks hooks;
    if (verbose) hooks.log = [&](const std::string& line) { ctx.err << line << "\n"; };
    hooks.progress = [&](const scanner::ScanProgress& p) { progress.Show(spec.name, p); };
    if (!quiet && (verbose || flags.dry_run)) {
      hooks.found = [&](const std::string& line) {
        progress.Clear();
        ctx.out << line << "\n";
      };
    }
    scanner::AccountScanResult r = scanner::ScanAccount(spec, db, **rules, keyring.get(), hooks);
    progress.Clear();
    if (report) {
      ctx.out << (flags.dry_run ? "(dry run) " : "") << scanner::SummaryLine(r) << "\n";
      for (const std::string& n : r.notes) ctx.out << "  " << spec.name << ": " << n << "\n";
    }
    if (r.tally.undecodable > 0 && flags.report_undecodable) {
      partial = true;
      if (!quiet) {
        for (const std::string& p : r.tally.problems) ctx.err << "bouncescan: " << p << "\n";
      }
    }
    if (!r.status.ok()) {
      // One line naming the account and what to check; the other accounts still run.
      ctx.err << "bouncescan: " << r.status.message() << "\n";
      if (exit_code == kExitOk) exit_code = ExitCodeFor(r.status);
    }
  }
  if (exit_code == kExitOk && partial) exit_code = kExitPartial;
  return exit_code;
}

}  // namespace bouncescan::cli
