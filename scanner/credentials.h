// Where an account's password or OAuth2 access token comes from.
//
// Three sources: `password_command` (run through /bin/sh, the first line of its standard
// output is the secret — the way mbsync's PassCmd and msmtp's passwordeval work, and how a
// token helper hands over an XOAUTH2 access token), `password_env` (an environment
// variable), or, when the account names neither, the desktop keyring through libsecret
// (`bouncescan secret set ACCOUNT`). An explicit setting in the config wins over the keyring.
//
// Used by scanner/imap_scan.cc, cli/cmd_secret.cc and the digest's SMTP login. A secret is
// returned to the caller and nowhere else: it never goes into argv, a log line, the database
// or a Status message (messages name the account and the source, never the value).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"

namespace bouncescan::scanner {

// Stores and finds secrets by account name. The libsecret implementation is
// SystemKeyring(); tests may supply an in-memory one.
class Keyring {
 public:
  virtual ~Keyring() = default;
  // The stored secret, or nullopt when there is none. libsecret cannot tell "no item"
  // from "keyring locked", so nullopt means either. An error means no keyring could be
  // reached at all (e.g. no D-Bus session under cron).
  virtual Result<std::optional<std::string>> Lookup(const std::string& account) = 0;
  virtual Status Store(const std::string& account, const std::string& secret) = 0;
  // True if something was removed.
  virtual Result<bool> Clear(const std::string& account) = 0;
};

// The desktop keyring (Secret Service over D-Bus, e.g. gnome-keyring or KWallet), through
// libsecret-1.so.0, which is loaded (dlopen) at the first Lookup, Store or Clear and stays
// loaded. When it cannot be loaded, those return an error naming the library and the Debian
// package that ships it (libsecret-1-0).
std::unique_ptr<Keyring> SystemKeyring();
// The same keyring through the libsecret found at `soname`: for testing a system without it.
std::unique_ptr<Keyring> SystemKeyringFrom(const std::string& soname);

struct SecretSpec {
  std::string account;           // for messages and the keyring lookup
  std::string password_command;  // see AccountConfig
  std::string password_env;
  std::string what = "password"; // "password" or "access token", for messages
};

// Finds the secret for `spec`. `keyring` is consulted only when the spec names no other
// source; it may be null (then that case is kNoSecret). Errors are kNoSecret (nothing
// found, with a message naming the account and every source that could provide it) or
// kInvalidArgument (a command that failed).
Result<std::string> GetSecret(const SecretSpec& spec, Keyring* keyring);

// Runs `command` through /bin/sh -c with stdin and stderr inherited; returns the first line
// of its standard output without the line ending. Gives up after `timeout_seconds`.
Result<std::string> RunPasswordCommand(const std::string& command, int timeout_seconds = 120);

// The message used when no source has a secret (shared with `bouncescan secret`).
std::string NoSecretHelp(const std::string& account);

}  // namespace bouncescan::scanner
