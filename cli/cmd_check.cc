// bouncescan check CONTACTS.csv --out CLEAN.csv [--removed REMOVED.csv] [--mark]
#include <map>
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/storage_cli.h"
#include "storage/contact_csv.h"

namespace bouncescan::cli {

int RunCheck(CommandContext& ctx) {
  CLI::App app{"Clean a contact-list CSV against the suppression list", "bouncescan check"};
  std::string input, out_path, removed_path;
  bool mark = false;
  app.add_option("contacts", input, "the contact list (Outlook, Thunderbird, Google Contacts, or any CSV with addresses)")
      ->required();
  app.add_option("--out", out_path, "where to write the cleaned list (same columns, quoting, encoding)")->required();
  app.add_option("--removed", removed_path, "also write the removed rows here, with the reason in an extra column");
  app.add_flag("--mark", mark, "keep every row and add a \"Suppressed\" column instead of dropping rows");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) return Fail(ctx, config.status());
  Result<std::string> bytes = ReadFile(input);
  if (!bytes.ok()) return Fail(ctx, bytes.status());
  std::map<std::string, std::string> list;
  auto db = OpenDatabaseFor(ctx.global, *config, false, true);
  if (!db.ok()) return Fail(ctx, db.status());
  if (*db) {
    auto entries = (*db)->ListSuppressed();
    if (!entries.ok()) return Fail(ctx, entries.status());
    for (const storage::Suppression& s : *entries) list.emplace(s.address, s.reason);
  }
  storage::CleanOptions options;
  options.mark = mark;
  auto lookup = [&list](const std::string& a) -> std::optional<std::string> {
    auto it = list.find(a);
    if (it == list.end()) return std::nullopt;
    return it->second;
  };
  Result<storage::CleanResult> r = storage::CleanContacts(*bytes, lookup, options);
  if (!r.ok()) {
    // Nothing is written when the input cannot be read as CSV.
    ctx.err << "bouncescan: " << input << ": " << r.status().message() << "\n";
    return r.status().code() == StatusCode::kMalformed ? kExitPartial : kExitUsage;
  }
  Status s = WriteFileAtomically(out_path, r->clean);
  if (!s.ok()) return Fail(ctx, s);
  if (!removed_path.empty()) {
    s = WriteFileAtomically(removed_path, r->removed);
    if (!s.ok()) return Fail(ctx, s);
  }
  ctx.out << input << ": " << r->rows << (r->rows == 1 ? " row" : " rows") << ", "
          << r->flagged << (mark ? " marked" : " removed");
  if (!r->by_reason.empty()) {
    ctx.out << " (";
    bool first = true;
    for (const auto& [reason, n] : r->by_reason) {
      ctx.out << (first ? "" : ", ") << n << " " << reason;
      first = false;
    }
    ctx.out << ")";
  }
  ctx.out << ", " << (mark ? r->rows : r->rows - r->flagged) << " written to " << out_path;
  if (!removed_path.empty()) ctx.out << "; removed rows in " << removed_path;
  ctx.out << "\n";
  if (ctx.global.verbosity > 0) {
    ctx.out << "address columns:";
    for (const std::string& c : r->address_columns) ctx.out << " \"" << c << "\"";
    ctx.out << "\n";
  }
  return kExitOk;
}

}  // namespace bouncescan::cli
