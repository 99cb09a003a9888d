#include "cli/commands.h"

#include <algorithm>
#include <array>
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/exit_codes.h"

namespace bouncescan::cli {
namespace {

constexpr std::array kCommandTable{
    Command{"classify", "decode bounce messages and print a verdict for every failed recipient", RunClassify},
    Command{"explain", "explain a status code or a pasted diagnostic line, with the suggested fix", RunExplain},
    Command{"scan", "scan mailboxes and files for bounces and record what they say", RunScan},
    Command{"events", "list recorded bounce events", RunEvents},
    Command{"suppressed", "list, add, remove, explain, export or import suppressed addresses", RunSuppressed},
    Command{"check", "clean a contact-list CSV against the suppression list", RunCheck},
    Command{"secret", "store or clear an account's password in the desktop keyring", RunSecret},
    Command{"digest", "build the digest of what bounced and print or send it", RunDigest},
    Command{"run", "scan every account, update the list and send the digest when due", RunRun},
    Command{"init", "write a config file, store the password and enable the timer", RunInit},
};

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void PrintUsage(std::ostream& out) {
  out << "usage: bouncescan [--config FILE] [--db FILE] [--verbose | --quiet] COMMAND [ARGS]\n\n"
         "commands:\n";
  for (const Command& c : Commands()) {
    out << "  " << c.name << std::string(12 - std::min<std::size_t>(c.name.size(), 11), ' ')
        << c.summary << "\n";
  }
  out << "\n`bouncescan COMMAND --help` describes a command. See bouncescan(1).\n";
}

// Takes a global option at args[i] if there is one; returns false if args[i] is not one.
// Sets *error when the option lacks its value.
bool TakeGlobal(const std::vector<std::string>& args, std::size_t& i, GlobalOptions& g, std::string* error) {
  const std::string& a = args[i];
  auto value_of = [&](std::string_view flag, std::string* out) {
    if (a == flag) {
      if (i + 1 >= args.size()) {
        *error = std::string(flag) + " needs a value";
        return true;
      }
      *out = args[++i];
      return true;
    }
    std::string prefix = std::string(flag) + "=";
    if (a.rfind(prefix, 0) == 0) {
      *out = a.substr(prefix.size());
      return true;
    }
    return false;
  };
  if (value_of("--config", &g.config_path)) return true;
  if (value_of("--db", &g.db_path)) return true;
  if (a == "--verbose" || a == "-v") {
    g.verbosity = 1;
    return true;
  }
  if (a == "--quiet" || a == "-q") {
    g.verbosity = -1;
    return true;
  }
  return false;
}

}  // namespace

std::span<const Command> Commands() { return kCommandTable; }

std::optional<int> ParseArgs(CLI::App& app, CommandContext& ctx) {
  try {
    // CLI11 takes a vector of arguments last first. The command's arguments are handed
    // over, not copied: `classify` may be given thousands of paths.
    std::reverse(ctx.args.begin(), ctx.args.end());
    app.parse(std::move(ctx.args));
    ctx.args.clear();
  } catch (const CLI::ParseError& e) {
    return app.exit(e, ctx.out, ctx.err) == 0 ? kExitOk : kExitUsage;
  }
  return std::nullopt;
}

std::vector<std::string> TakeOperandsAfterFirst(CommandContext& ctx) {
  std::vector<std::string> rest;
  rest.reserve(ctx.args.size());
  bool operands_only = false;  // after "--"
  bool first_seen = false;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < ctx.args.size(); ++i) {
    std::string& a = ctx.args[i];
    const bool is_operand = operands_only || a == "-" || !a.starts_with('-');
    if (!operands_only && a == "--") operands_only = true;
    if (is_operand && first_seen) {
      rest.push_back(std::move(a));
      continue;
    }
    first_seen = first_seen || is_operand;
    if (kept != i) ctx.args[kept] = std::move(a);
    ++kept;
  }
  ctx.args.resize(kept);
  return rest;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& c : kCommandTable) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string_view SuggestCommand(std::string_view name) {
  std::string_view best;
  std::size_t best_d = 3;  // suggest only close matches
  for (const Command& c : kCommandTable) {
    std::size_t d = EditDistance(name, c.name);
    if (d < best_d || (c.name.rfind(name, 0) == 0 && !name.empty() && best.empty())) {
      best = c.name;
      best_d = std::min(d, best_d);
    }
  }
  return best;
}

int RunMain(std::vector<std::string> argv, std::ostream& out, std::ostream& err) {
  GlobalOptions global;
  std::size_t i = 0;
  std::string error;
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      PrintUsage(out);
      return kExitOk;
    }
    if (a == "--version") {
      out << "bouncescan " << BOUNCESCAN_VERSION << "\n";
      return kExitOk;
    }
    if (!TakeGlobal(argv, i, global, &error)) break;
    if (!error.empty()) {
      err << "bouncescan: " << error << "\n";
      return kExitUsage;
    }
  }
  if (i >= argv.size()) {
    PrintUsage(err);
    return kExitUsage;
  }
  const std::string name = argv[i++];
  const Command* cmd = FindCommand(name);
  if (!cmd) {
    err << "bouncescan: unknown command '" << name << "'";
    std::string_view hint = SuggestCommand(name);
    if (!hint.empty()) err << "; did you mean '" << hint << "'?";
    err << "\nRun 'bouncescan --help' for the list of commands.\n";
    return kExitUsage;
  }
  CommandContext ctx{global, std::string(cmd->name), {}, out, err};
  // Global options are accepted after the command too, up to a "--".
  bool passthrough = false;
  for (; i < argv.size(); ++i) {
    if (!passthrough && argv[i] == "--") {
      passthrough = true;
      ctx.args.push_back(std::move(argv[i]));
      continue;
    }
    if (!passthrough && TakeGlobal(argv, i, ctx.global, &error)) {
      if (!error.empty()) {
        err << "bouncescan: " << error << "\n";
        return kExitUsage;
      }
      continue;
    }
    ctx.args.push_back(std::move(argv[i]));
  }
  return cmd->run(ctx);
}

}  // namespace bouncescan::cli
