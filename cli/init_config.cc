#include "cli/init_config.h"

#include <cstdio>

namespace bouncescan::cli {
namespace {

bool HasScheme(std::string_view s) { return s.find("://") != std::string_view::npos; }

// host[:port] of a URL, without scheme, path or credentials.
std::string_view HostOf(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  auto at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  return url.substr(0, url.find('/'));
}

std::string TomlList(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + TomlString(values[i]);
  return out + "]";
}

}  // namespace

std::string TomlString(std::string_view value) {
  std::string out = "\"";
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string ImapUrlFromAnswer(std::string_view answer) {
  if (answer.empty() || HasScheme(answer)) return std::string(answer);
  return "imaps://" + std::string(answer);
}

std::string SmtpUrlFromAnswer(std::string_view answer) {
  if (answer.empty() || HasScheme(answer)) return std::string(answer);
  return "smtps://" + std::string(answer);
}

std::string GuessSmtpUrl(std::string_view imap_url) {
  std::string host(HostOf(imap_url));
  auto colon = host.find(':');
  if (colon != std::string::npos) host.resize(colon);  // the IMAP port says nothing of SMTP's
  if (host.empty()) return "";
  if (host.rfind("imap.", 0) == 0) host = "smtp." + host.substr(5);
  return "smtps://" + host;
}

std::string LanguageForLocale(std::string_view locale) {
  return locale.rfind("vi", 0) == 0 ? "vi" : "en";
}

std::string RenderInitConfig(const InitAnswers& a) {
  const std::string& name = a.account_name;
  std::string t;
  t += "# bouncescan configuration, written by `bouncescan init`.\n"
       "# Every key is described in bouncescan(1); /usr/share/doc/bouncescan/config.sample.toml\n"
       "# shows all of them. Unknown keys are errors, so a typo never silently turns a setting off.\n"
       "\n"
       "# Language of the digest and of `bouncescan explain`: \"en\" or \"vi\".\n"
       "language = " + TomlString(a.language) + "\n"
       "\n"
       "# The mailbox to scan for bounces. Add one [[account]] table per mailbox.\n"
       "[[account]]\n"
       "name = " + TomlString(name) + "\n"
       "url = " + TomlString(a.url) + "\n"
       "username = " + TomlString(a.username) + "\n"
       "folders = " + TomlList(a.folders) + "\n"
       "# The password comes from the desktop keyring (`bouncescan secret set " + name + "`) unless\n"
       "# one of these is set. A server without a desktop session (cron, ssh) has no keyring:\n"
       "# password_command = \"pass show mail\"        # the first line it prints is the password\n"
       "# password_env = \"BOUNCESCAN_IMAP_PASSWORD\"  # an environment variable that holds it\n"
       "# auth = \"xoauth2\"                           # when the secret is an OAuth2 access token\n"
       "# What to do with a recorded bounce: \"keep\" (the mailbox is only read), \"flag\", \"move:Bounces\".\n"
       "# after = \"keep\"\n"
       "\n"
       "# The digest: a short mail that says what bounced, who must fix it and how.\n"
       "[digest]\n"
       "to = " + TomlString(a.digest_to) + "\n"
       "from = " + TomlString(a.digest_from.empty() ? a.digest_to : a.digest_from) + "\n"
       "smtp_url = " + TomlString(a.smtp_url) + "\n";
  if (a.smtp_username.empty()) {
    t += "# No username: the SMTP server takes the digest without a login.\n"
         "# username = \"me@example.com\"\n";
  } else {
    t += "username = " + TomlString(a.smtp_username) + "\n";
  }
  t += "# The SMTP password comes from the keyring entry \"digest\" (`bouncescan secret set digest`)\n"
       "# unless password_command or password_env is set here, as for the account.\n"
       "language = " + TomlString(a.language) + "\n"
       "# \"daily\", \"weekly\", or \"always\" (after every run that found something new).\n"
       "every = " + TomlString(a.every) + "\n";
  return t;
}

}  // namespace bouncescan::cli
