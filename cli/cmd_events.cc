// bouncescan events [--since DATE] [--json]: the recorded bounce events, oldest first.
#include <ostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/storage_cli.h"

namespace bouncescan::cli {

int RunEvents(CommandContext& ctx) {
  CLI::App app{"List recorded bounce events, oldest first", "bouncescan events"};
  std::string since_text;
  bool json = false;
  app.add_option("--since", since_text, "only events recorded since DATE (YYYY-MM-DD, YYYY-MM-DDTHH:MM, or Nd for N days ago)");
  app.add_flag("--json", json, "print one JSON object per event (JSON Lines)");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  std::int64_t since = 0;
  if (!since_text.empty()) {
    std::optional<std::int64_t> t = ParseSince(since_text, storage::SystemNow());
    if (!t) {
      ctx.err << "bouncescan events: --since '" << since_text << "' is not a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM, or 7d)\n";
      return kExitUsage;
    }
    since = *t;
  }
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) return Fail(ctx, config.status());
  auto db = OpenDatabaseFor(ctx.global, *config, false, true);
  if (!db.ok()) return Fail(ctx, db.status());
  if (!*db) {
    if (!json) ctx.out << "no events recorded yet\n";
    return kExitOk;
  }
  auto events = (*db)->ListEvents(0, since);
  if (!events.ok()) return Fail(ctx, events.status());
  for (const storage::Event& e : *events) {
    if (json) {
      ctx.out << EventJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    ctx.out << FormatTime(e.occurred_at) << "  " << e.recipient << "  " << e.reason << (e.hard ? " (hard)" : " (soft)")
            << "  fix: " << e.fixer;
    if (!e.status.empty()) ctx.out << "  " << e.status;
    if (!e.reply_code.empty()) ctx.out << " " << e.reply_code;
    if (e.effect != "none") ctx.out << "  [" << e.effect << "]";
    ctx.out << "  " << e.source << "\n";
  }
  if (!json && events->empty()) ctx.out << "no events" << (since ? " since " + FormatTime(since) : "") << "\n";
  return kExitOk;
}

}  // namespace bouncescan::cli
