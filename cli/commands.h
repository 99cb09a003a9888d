// The subcommands of `bouncescan`, as one table.
//
// main() parses the global options, finds the command in kCommands and calls it with the
// remaining arguments. Each command parses its own flags (CLI11) and returns an exit code
// (cli/exit_codes.h). Commands print results to `out` and problems to `err`.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace bouncescan::cli {

struct GlobalOptions {
  std::string config_path;   // --config; empty: DefaultConfigPath(), and a missing file is fine
  std::string db_path;       // --db; empty: config's `database`, else DefaultDatabasePath()
  int verbosity = 0;         // -1 --quiet, 0 normal, 1 --verbose
};

struct CommandContext {
  GlobalOptions global;
  std::string name;                 // the command's name, for usage lines
  std::vector<std::string> args;    // arguments after the command name, globals removed
  std::ostream& out;
  std::ostream& err;
};

using CommandFn = int (*)(CommandContext& ctx);

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `bouncescan --help`
  CommandFn run;
};

// Every command, in the order `--help` lists them.
std::span<const Command> Commands();

// The command of that name, or nullptr.
const Command* FindCommand(std::string_view name);
// The closest command name for a "did you mean" hint, or empty.
std::string_view SuggestCommand(std::string_view name);

// Parses ctx.args with a command's CLI11 `app`, which takes them (ctx.args is left empty). Returns the exit code when the command
// stops here (--help printed: 0; a usage error printed on ctx.err: 2), nothing when it goes on.
std::optional<int> ParseArgs(CLI::App& app, CommandContext& ctx);

// For a command whose options are all flags (none takes a value) and whose positional
// arguments are many (classify's paths, often a shell glob): moves every positional
// argument but the first out of ctx.args, in order, for the caller to append to what CLI11
// gives for the first. CLI11 copies each positional argument twice on the way into the
// command's vector, and the copies of a few thousand paths are heap pages to fault in.
// The first stays, so that CLI11 still checks that there is one and prints the same help
// and errors. A positional argument is one that does not begin with '-', "-" itself
// (standard input), or any argument after "--".
std::vector<std::string> TakeOperandsAfterFirst(CommandContext& ctx);

// Runs `bouncescan` with argv (without argv[0]); returns the exit code.
int RunMain(std::vector<std::string> argv, std::ostream& out, std::ostream& err);

// Command entry points (one file each: cli/cmd_NAME.cc).
int RunClassify(CommandContext& ctx);
int RunExplain(CommandContext& ctx);
int RunScan(CommandContext& ctx);
int RunEvents(CommandContext& ctx);
int RunSuppressed(CommandContext& ctx);
int RunCheck(CommandContext& ctx);
int RunSecret(CommandContext& ctx);
int RunDigest(CommandContext& ctx);
int RunRun(CommandContext& ctx);
int RunInit(CommandContext& ctx);

}  // namespace bouncescan::cli
