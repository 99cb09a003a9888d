// The config file that `bouncescan init` writes, from the answers it collected.
//
// Pure: answers in, TOML text out; no I/O. Used by cli/cmd_init.cc; the text must load with
// ParseConfig (cli/config.h), and every value a user typed is escaped so that it stays one
// TOML string whatever it contains (quotes, backslashes, line breaks).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::cli {

struct InitAnswers {
  std::string account_name = "mail";  // [[account]] name, also the keyring entry's name
  std::string url;                    // imaps://host[:port] or imap://host[:port]
  std::string username;               // the IMAP login
  std::vector<std::string> folders{"INBOX"};
  std::string digest_to;              // where the digest goes
  std::string digest_from;            // empty: the same as digest_to
  std::string smtp_url;               // smtps://host[:port] or smtp://host[:port]
  std::string smtp_username;          // empty: no SMTP AUTH
  std::string language = "en";        // "en" or "vi"
  std::string every = "daily";        // "daily", "weekly" or "always"
};

// `value` as a TOML basic string, quotes included: ", \ and control characters escaped.
std::string TomlString(std::string_view value);

// The commented config.toml for `answers`.
std::string RenderInitConfig(const InitAnswers& answers);

// "imap.example.com" → "imaps://imap.example.com"; a value with a scheme is kept as it is.
std::string ImapUrlFromAnswer(std::string_view answer);
// "smtp.example.com" → "smtps://smtp.example.com"; a value with a scheme is kept as it is.
std::string SmtpUrlFromAnswer(std::string_view answer);

// A guess at the SMTP server from the IMAP URL: imaps://imap.example.com → smtps://smtp.example.com
// (and mail.example.com stays mail.example.com). Empty when there is nothing to go on.
std::string GuessSmtpUrl(std::string_view imap_url);

// The default digest language for a locale such as $LANG: "vi" for vi_VN.UTF-8, else "en".
std::string LanguageForLocale(std::string_view locale);

}  // namespace bouncescan::cli
