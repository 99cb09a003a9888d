// bouncescan secret set ACCOUNT | secret clear ACCOUNT
//
// Stores an account's password (or OAuth2 token) in the desktop keyring through libsecret,
// or removes it. `set` prompts without echo on a terminal and otherwise reads the first
// line of standard input, so that `pass show mail | bouncescan secret set work` works. The
// secret never appears in argv or in any output.
#include <algorithm>
#include <memory>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "scanner/credentials.h"

namespace bouncescan::cli {

int RunSecret(CommandContext& ctx) {
  CLI::App app{"Store or clear an account's password in the desktop keyring", "bouncescan secret"};
  app.require_subcommand(1);
  std::string account;
  CLI::App* set = app.add_subcommand("set", "prompt for the secret (no echo; or read stdin's first line) and store it");
  set->add_option("ACCOUNT", account, "the [[account]] name (or another name a config refers to)")->required();
  CLI::App* clear = app.add_subcommand("clear", "remove the stored secret");
  clear->add_option("ACCOUNT", account, "the [[account]] name")->required();
  app.footer("Example: bouncescan secret set work\n"
             "Headless machines (cron, ssh) have no keyring: use password_command or password_env instead.");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;

  // Tell the user when the config will not use what they store.
  std::string config_path = ctx.global.config_path.empty() ? DefaultConfigPath() : ctx.global.config_path;
  Result<Config> config = LoadConfigFile(config_path);
  if (config.ok() && ctx.global.verbosity >= 0) {
    bool known = false;
    for (const AccountConfig& a : config->accounts) {
      if (a.name != account) continue;
      known = true;
      if (!a.password_command.empty() || !a.password_env.empty()) {
        ctx.err << "bouncescan: note: account '" << account << "' sets "
                << (a.password_command.empty() ? "password_env" : "password_command")
                << ", which is used instead of the keyring\n";
      }
    }
    if (!known && !config->accounts.empty()) {
      ctx.err << "bouncescan: note: " << config_path << " has no [[account]] named '" << account << "'\n";
    }
  }

  std::unique_ptr<scanner::Keyring> keyring = scanner::SystemKeyring();
  if (set->parsed()) {
    Result<std::string> secret = ReadSecretLine(ctx.err, "Password or token for " + account + ": ");
    if (!secret.ok()) {
      ctx.err << "bouncescan: secret set " << account << ": " << secret.status().message() << "\n";
      return kExitUsage;
    }
    Status stored = keyring->Store(account, *secret);
    std::fill(secret->begin(), secret->end(), '\0');
    if (!stored.ok()) {
      ctx.err << "bouncescan: secret set " << account << ": " << stored.message()
              << " (no desktop keyring here? use password_command or password_env in the config instead)\n";
      return kExitAuth;
    }
    if (ctx.global.verbosity >= 0) ctx.out << "stored the secret for '" << account << "' in the keyring\n";
    return kExitOk;
  }
  Result<bool> removed = keyring->Clear(account);
  if (!removed.ok()) {
    ctx.err << "bouncescan: secret clear " << account << ": " << removed.status().message() << "\n";
    return kExitAuth;
  }
  if (ctx.global.verbosity >= 0) {
    ctx.out << (*removed ? "removed the secret for '" : "the keyring held no secret for '") << account << "'\n";
  }
  return kExitOk;
}

}  // namespace bouncescan::cli
