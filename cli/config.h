// The configuration file, config.toml: what it may say and how it is read.
//
// Key names are a contract with users and outside tools (see packaging/config.sample.toml
// and the man page). Loading validates every value and names file:line for each error.
// Unknown keys are errors, so a typo never silently disables a setting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace bouncescan::cli {

// One [[account]] table: a mailbox to scan over IMAP.
struct AccountConfig {
  std::string name;                  // unique; used in messages, keyring and scan state
  std::string url;                   // imaps://host[:port] or imap://host[:port] (STARTTLS)
  std::string username;
  std::string auth = "password";     // "password" or "xoauth2"
  std::string password_command;      // run through /bin/sh; first line of stdout is the secret
  std::string password_env;          // name of an environment variable holding the secret
  std::string ca_file;               // PEM file of a private CA to trust, optional
  std::vector<std::string> folders{"INBOX"};
  std::string after = "keep";        // "keep", "flag", or "move:FOLDER"
  std::string flag_keyword = "$BounceProcessed";  // keyword set by after = "flag"
  bool allow_insecure = false;       // allow plaintext auth without TLS
  std::int64_t max_message_bytes = 10 * 1024 * 1024;  // fetch cap per message
  int connections = 4;               // parallel IMAP connections for fetching
  int line = 0;                      // where the table starts in the file, for messages
};

// The [digest] table: where and how the owner's digest is sent.
struct DigestConfig {
  std::string to;
  std::string from;
  std::string smtp_url;              // smtps://host[:port] or smtp://host[:port] (STARTTLS)
  std::string username;              // empty: no SMTP AUTH
  std::string auth = "password";     // "password" or "xoauth2"
  std::string password_command;
  std::string password_env;
  std::string ca_file;
  bool allow_insecure = false;
  std::string language = "en";       // "en" or "vi"
  std::string every = "daily";       // "daily", "weekly" or "always"
};

// The [policy] table: when soft failures suppress an address.
struct PolicyConfig {
  int soft_bounces = 3;              // soft recipient-side failures that suppress ...
  int soft_window_days = 30;         // ... within this many days
};

struct Config {
  std::string path;                  // the file this was read from; empty for defaults
  std::string language = "en";       // top-level default language ("en" or "vi")
  std::string database;              // database path; empty: the XDG default
  std::string rules_file;            // extra rules; empty: rules.toml beside the config
  std::vector<AccountConfig> accounts;
  std::optional<DigestConfig> digest;
  PolicyConfig policy;
};

// $XDG_CONFIG_HOME/bouncescan/config.toml (~/.config/bouncescan/config.toml).
std::string DefaultConfigPath();
// $XDG_DATA_HOME/bouncescan/bouncescan.db (~/.local/share/bouncescan/bouncescan.db).
std::string DefaultDatabasePath();

// Parses TOML text; `path` is used in error messages and to locate rules.toml.
Result<Config> ParseConfig(const std::string& text, const std::string& path);
// Reads and parses a file. A missing file is kNotFound.
Result<Config> LoadConfigFile(const std::string& path);

}  // namespace bouncescan::cli
