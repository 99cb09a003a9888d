// bouncescan suppressed [--json|--csv] | add ADDR [--note TEXT] | remove ADDR | why ADDR
//                      | export --csv FILE | import FILE
#include <ostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/storage_cli.h"
#include "storage/address.h"
#include "storage/contact_csv.h"

namespace bouncescan::cli {
namespace {

using storage::Suppression;

// The export format (storage/README.md): Mailchimp's import needs a column named
// "Email Address" with one address a row; Outlook and Thunderbird map columns by hand.
std::string ExportCsv(const std::vector<Suppression>& list) {
  auto q = [](std::string_view v) { return storage::QuoteField(v, ',', false); };
  std::string out = "Email Address,Reason,Origin,First Seen,Last Seen,Count,Note\r\n";
  for (const Suppression& s : list) {
    out += q(s.address) + "," + q(s.reason) + "," + q(s.origin) + "," + FormatDate(s.first_seen) + "," +
           FormatDate(s.last_seen) + "," + std::to_string(s.count) + "," + q(s.note) + "\r\n";
  }
  return out;
}

nlohmann::json SuppressionJson(const Suppression& s, const std::optional<storage::Event>& evidence) {
  nlohmann::json j{{"address", s.address},       {"reason", s.reason},
                   {"origin", s.origin},         {"first_seen", FormatTimeIso(s.first_seen)},
                   {"last_seen", FormatTimeIso(s.last_seen)}, {"count", s.count},
                   {"note", s.note},             {"listed_at", FormatTimeIso(s.listed_at)}};
  j["evidence"] = evidence ? EventJson(*evidence) : nlohmann::json(nullptr);
  return j;
}

int List(CommandContext& ctx, storage::Database* db, bool json, bool csv) {
  std::vector<Suppression> list;
  std::map<std::int64_t, storage::Event> events;
  if (db) {
    auto l = db->ListSuppressed();
    if (!l.ok()) return Fail(ctx, l.status());
    list = std::move(*l);
    if (json) {
      auto all = db->ListEvents();
      if (!all.ok()) return Fail(ctx, all.status());
      for (storage::Event& e : *all) events.emplace(e.id, std::move(e));
    }
  }
  if (csv) {
    ctx.out << ExportCsv(list);
    return kExitOk;
  }
  if (json) {
    for (const Suppression& s : list) {
      std::optional<storage::Event> evidence;
      if (s.evidence_event) {
        auto it = events.find(*s.evidence_event);
        if (it != events.end()) evidence = it->second;
      }
      ctx.out << SuppressionJson(s, evidence).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return kExitOk;
  }
  if (list.empty()) {
    ctx.out << "the suppression list is empty\n";
    return kExitOk;
  }
  for (const Suppression& s : list) {
    ctx.out << s.address << "  " << s.reason << " (" << s.origin << ")  first " << FormatDate(s.first_seen) << ", last "
            << FormatDate(s.last_seen) << ", " << s.count << (s.count == 1 ? " time" : " times");
    if (!s.note.empty()) ctx.out << "  note: " << s.note;
    ctx.out << "\n";
  }
  ctx.out << list.size() << (list.size() == 1 ? " address" : " addresses") << " suppressed\n";
  return kExitOk;
}

int Why(CommandContext& ctx, storage::Database* db, const std::string& address) {
  if (storage::NormalizeAddress(address).empty()) {
    ctx.err << "bouncescan: not an e-mail address: '" << address << "'\n";
    return kExitUsage;
  }
  if (!db) {
    ctx.out << address << " is not suppressed (nothing recorded yet)\n";
    return kExitOk;
  }
  auto h = db->Explain(address);
  if (!h.ok()) return Fail(ctx, h.status());
  const std::string& a = h->address;
  if (h->entry && !h->entry->removed_at) {
    const Suppression& s = *h->entry;
    ctx.out << a << " is suppressed: ";
    if (s.origin == "manual") {
      ctx.out << "added by hand on " << FormatTime(s.listed_at);
    } else if (s.origin == "import") {
      ctx.out << "imported on " << FormatTime(s.listed_at);
    } else if (s.origin == "hard") {
      ctx.out << "a hard bounce (" << s.reason << ") on " << FormatTime(s.first_seen);
    } else if (s.origin == "complaint") {
      ctx.out << "the recipient reported a message as spam (ARF complaint) on " << FormatTime(s.first_seen);
    } else {
      ctx.out << s.count << " soft failures (" << s.reason << ") on different days, the last on "
              << FormatTime(s.last_seen);
    }
    ctx.out << "\n";
    if (!s.note.empty()) ctx.out << "  note: " << s.note << "\n";
  } else if (h->entry) {
    ctx.out << a << " is not suppressed: removed by hand on " << FormatTime(*h->entry->removed_at)
            << "; only a new hard bounce or complaint puts it back\n";
  } else {
    ctx.out << a << " is not suppressed\n";
  }
  if (h->watch) {
    ctx.out << "  counting: " << h->watch->count << " day(s) with a soft failure (" << h->watch->reason
            << ") in the policy window, the last on " << FormatTime(h->watch->last_seen) << "\n";
  }
  if (!h->events.empty()) ctx.out << "events:\n";
  for (const storage::Event& e : h->events) {
    ctx.out << "  " << FormatTime(e.occurred_at) << "  " << e.reason << (e.hard ? " (hard)" : " (soft)");
    if (!e.status.empty()) ctx.out << "  " << e.status;
    if (!e.reply_code.empty()) ctx.out << " " << e.reply_code;
    ctx.out << "  counted: " << e.effect;
    if (h->entry && h->entry->evidence_event == e.id) ctx.out << "  <- decided";
    ctx.out << "\n";
    if (!e.diagnostic.empty()) ctx.out << "      " << e.diagnostic << "\n";
    if (!e.remote_mta.empty()) ctx.out << "      remote server: " << e.remote_mta << "\n";
    ctx.out << "      from " << e.source;
    if (!e.original_subject.empty()) ctx.out << " (your message \"" << e.original_subject << "\")";
    ctx.out << "\n";
  }
  return kExitOk;
}

int Import(CommandContext& ctx, storage::Database& db, const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return Fail(ctx, bytes.status());
  Result<storage::CsvDocument> doc = storage::ParseCsv(*bytes);
  if (!doc.ok()) return Fail(ctx, Status::Error(doc.status().code(), path + ": " + doc.status().message()));
  storage::AddressColumns cols = storage::FindAddressColumns(*doc);
  if (cols.columns.empty()) {
    return Fail(ctx, Status::InvalidArgument(path + ": no column of e-mail addresses found"));
  }
  // Our own export has Reason and Note columns; keep what they say as the note.
  std::optional<std::size_t> note_col, reason_col;
  if (cols.has_header) {
    for (std::size_t c = 0; c < doc->records[0].fields.size(); ++c) {
      std::string h = doc->records[0].fields[c];
      for (char& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (h == "note" || h == "notes") note_col = c;
      if (h == "reason") reason_col = c;
    }
  }
  std::size_t added = 0, already = 0;
  for (std::size_t i = cols.has_header ? 1 : 0; i < doc->records.size(); ++i) {
    const storage::CsvRecord& r = doc->records[i];
    std::string note;
    if (reason_col && *reason_col < r.fields.size() && !r.fields[*reason_col].empty()) {
      note = "imported: " + r.fields[*reason_col];
    }
    if (note_col && *note_col < r.fields.size() && !r.fields[*note_col].empty()) {
      note += (note.empty() ? "" : "; ") + r.fields[*note_col];
    }
    for (std::size_t c : cols.columns) {
      if (c >= r.fields.size()) continue;
      for (const std::string& a : storage::AddressesInField(r.fields[c])) {
        auto found = db.FindSuppressed(a);
        if (!found.ok()) return Fail(ctx, found.status());
        if (*found) {
          ++already;
          continue;
        }
        Status s = db.AddSuppressed(a, note, "import");
        if (!s.ok()) return Fail(ctx, s);
        ++added;
      }
    }
  }
  ctx.out << "imported " << added << (added == 1 ? " address" : " addresses") << " from " << path;
  if (already) ctx.out << " (" << already << " already on the list)";
  ctx.out << "\n";
  return kExitOk;
}

}  // namespace

int RunSuppressed(CommandContext& ctx) {
  CLI::App app{"List, add, remove, explain, export or import suppressed addresses", "bouncescan suppressed"};
  bool json = false, csv = false;
  app.add_flag("--json", json, "print one JSON object per address, with its evidence (JSON Lines)");
  app.add_flag("--csv", csv, "print the list as CSV (the export format)");
  app.require_subcommand(0, 1);
  std::string address, note, file;
  CLI::App* add = app.add_subcommand("add", "put an address on the list by hand");
  add->add_option("address", address, "the address")->required();
  add->add_option("--note", note, "why (shown by `suppressed why`)");
  CLI::App* remove = app.add_subcommand("remove", "take an address off the list (until a new hard bounce)");
  remove->add_option("address", address, "the address")->required();
  CLI::App* why = app.add_subcommand("why", "say why an address is (or is not) on the list, with the evidence");
  why->add_option("address", address, "the address")->required();
  CLI::App* exp = app.add_subcommand("export", "write the list as CSV for Mailchimp, Outlook or Thunderbird");
  exp->add_option("--csv", file, "the file to write")->required();
  CLI::App* imp = app.add_subcommand("import", "add the addresses of a CSV file (such as an export) to the list");
  imp->add_option("file", file, "the CSV file")->required();
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  if (json && csv) {
    ctx.err << "bouncescan suppressed: choose one of --json and --csv\n";
    return kExitUsage;
  }
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) return Fail(ctx, config.status());
  const bool writes = add->parsed() || remove->parsed() || imp->parsed();
  auto db = OpenDatabaseFor(ctx.global, *config, false, !writes);
  if (!db.ok()) return Fail(ctx, db.status());
  storage::Database* d = db->get();
  if (add->parsed()) {
    auto before = d->FindSuppressed(address);
    if (!before.ok()) return Fail(ctx, before.status());
    Status s = d->AddSuppressed(address, note, "manual");
    if (!s.ok()) return Fail(ctx, s);
    const std::string a = storage::NormalizeAddress(address);
    ctx.out << (*before ? a + " was already suppressed" + (note.empty() ? "" : "; note updated") : "suppressed " + a)
            << "\n";
    return kExitOk;
  }
  if (remove->parsed()) {
    auto removed = d->RemoveSuppressed(address);
    if (!removed.ok()) return Fail(ctx, removed.status());
    const std::string a = storage::NormalizeAddress(address);
    if (*removed) {
      ctx.out << "removed " << a << "; it stays off the list until a new hard bounce or complaint\n";
    } else {
      ctx.out << a << " is not on the list\n";
    }
    return kExitOk;
  }
  if (why->parsed()) return Why(ctx, d, address);
  if (exp->parsed()) {
    std::vector<Suppression> list;
    if (d) {
      auto l = d->ListSuppressed();
      if (!l.ok()) return Fail(ctx, l.status());
      list = std::move(*l);
    }
    Status s = WriteFileAtomically(file, ExportCsv(list));
    if (!s.ok()) return Fail(ctx, s);
    ctx.out << "exported " << list.size() << (list.size() == 1 ? " address" : " addresses") << " to " << file << "\n";
    return kExitOk;
  }
  if (imp->parsed()) return Import(ctx, *d, file);
  return List(ctx, d, json, csv);
}

}  // namespace bouncescan::cli
