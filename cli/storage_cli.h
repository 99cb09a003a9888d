// Helpers shared by the commands that use the database (scan, events, suppressed, check,
// and digest/run): which file, which policy, how times print, how files are written.
//
// cli/ only. The database path is --db, else the config's `database`, else
// DefaultDatabasePath(); the policy comes from [policy].
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "storage/database.h"

namespace bouncescan::cli {

// The config named by --config (which must exist), else the default file if it exists,
// else defaults.
Result<Config> LoadConfigFor(const GlobalOptions& global);

// --db, else config.database, else DefaultDatabasePath().
std::string DatabasePathFor(const GlobalOptions& global, const Config& config);

// [policy] mapped onto the database's options.
storage::OpenOptions OpenOptionsFor(const Config& config);

// Opens the database for a command. `must_exist`: a missing file is reported as nullptr
// (nothing recorded yet) instead of being created.
Result<std::unique_ptr<storage::Database>> OpenDatabaseFor(const GlobalOptions& global, const Config& config,
                                                           bool run_lock, bool must_exist);

// "2026-11-23 18:04" (UTC) for people; "2026-11-23T18:04:05Z" for JSON; "2026-11-23" for CSV.
std::string FormatTime(std::int64_t t);
std::string FormatTimeIso(std::int64_t t);
std::string FormatDate(std::int64_t t);

// "2026-11-23", "2026-11-23T18:04[:05][Z]" (UTC) or "7d" (days before `now`).
std::optional<std::int64_t> ParseSince(std::string_view text, std::int64_t now);

// Reads a whole file; kIoError naming it.
Result<std::string> ReadFile(const std::string& path);
// Writes `data` to a temporary file beside `path` and renames it over `path`, so that a
// crash never leaves half a file. kIoError naming it.
Status WriteFileAtomically(const std::string& path, std::string_view data);

// One event as a JSON object (events --json, suppressed --json evidence).
nlohmann::json EventJson(const storage::Event& e);

// Prints "bouncescan: MESSAGE" to ctx.err and returns the exit code for `status`.
int Fail(CommandContext& ctx, const Status& status);

}  // namespace bouncescan::cli
