// bouncescan init [--force] [--non-interactive] [--account-url URL] [--username USER] ...
//
// Writes a commented config.toml (mode 0600; an existing file only with --force) from the
// answers to a few questions on a terminal, or from flags otherwise; then offers to store
// the password in the desktop keyring (as `secret set` does: no echo, never from argv) and
// to enable the systemd user timer. The file is checked with the program's own loader
// before it is written, and written atomically.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/digest_cli.h"
#include "cli/exit_codes.h"
#include "cli/init_config.h"
#include "cli/terminal.h"
#include "scanner/credentials.h"

extern char** environ;

namespace bouncescan::cli {
namespace {

std::string Trim(std::string s) {
  const char* space = " \t";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

std::vector<std::string> SplitFolders(const std::string& answer) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= answer.size()) {
    std::size_t comma = answer.find(',', start);
    if (comma == std::string::npos) comma = answer.size();
    std::string f = Trim(answer.substr(start, comma - start));
    if (!f.empty()) out.push_back(f);
    start = comma + 1;
  }
  return out;
}

// The questions, asked on the terminal. Every answer is checked where it is given, and a
// bad one is asked again.
class Questioner {
 public:
  explicit Questioner(std::ostream& to) : to_(to) {}

  // `fallback` is shown in brackets and taken on an empty answer. nullopt: end of input.
  std::optional<std::string> Ask(const std::string& question, const std::string& fallback,
                                 const std::function<std::string(const std::string&)>& check = {}) {
    while (true) {
      std::string prompt = question + (fallback.empty() ? "" : " [" + fallback + "]") + ": ";
      Result<std::string> line = ReadAnswerLine(to_, prompt);
      if (!line.ok()) return std::nullopt;
      std::string answer = Trim(*line);
      if (answer.empty()) answer = fallback;
      std::string problem = answer.empty() ? "an answer is needed" : (check ? check(answer) : "");
      if (problem.empty()) return answer;
      to_ << "  " << problem << "\n";
    }
  }

  // Yes/no with a default; nullopt: end of input.
  std::optional<bool> Confirm(const std::string& question, bool fallback) {
    while (true) {
      Result<std::string> line = ReadAnswerLine(to_, question + (fallback ? " [Y/n]: " : " [y/N]: "));
      if (!line.ok()) return std::nullopt;
      std::string a = Trim(*line);
      std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::tolower(c); });
      if (a.empty()) return fallback;
      if (a == "y" || a == "yes") return true;
      if (a == "n" || a == "no") return false;
      to_ << "  please answer y or n\n";
    }
  }

 private:
  std::ostream& to_;
};

std::string CheckImapUrl(const std::string& url) {
  if (url.rfind("imaps://", 0) == 0 || url.rfind("imap://", 0) == 0) return "";
  return "the IMAP server must be imaps://host[:port] or imap://host[:port] (STARTTLS)";
}
std::string CheckSmtpUrl(const std::string& url) {
  if (url.rfind("smtps://", 0) == 0 || url.rfind("smtp://", 0) == 0) return "";
  return "the SMTP server must be smtps://host[:port] or smtp://host[:port] (STARTTLS)";
}
std::string CheckLanguage(const std::string& l) { return l == "en" || l == "vi" ? "" : "the language is en or vi"; }
std::string CheckEvery(const std::string& e) {
  return e == "daily" || e == "weekly" || e == "always" ? "" : "it is daily, weekly or always";
}
std::string CheckName(const std::string& n) {
  return n.find_first_of(" \t\"'\\") == std::string::npos ? "" : "a name without spaces or quotes, please";
}

std::string DirName(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// mkdir -p, new directories private (the config names a mailbox and a login).
Status MakeDirs(const std::string& dir) {
  if (dir.empty() || dir == "." || dir == "/") return Status::Ok();
  struct stat st {};
  if (stat(dir.c_str(), &st) == 0) {
    return S_ISDIR(st.st_mode) ? Status::Ok() : Status::InvalidArgument(dir + " is not a directory");
  }
  Status parent = MakeDirs(DirName(dir));
  if (!parent.ok()) return parent;
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::IoError("cannot create " + dir + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

// Writes `text` to `path` with mode 0600: into a temporary file beside it, then link()ed in
// place (which fails if the file appeared meanwhile) or, with `replace`, rename()d over it.
// A reader never sees half a file.
Status WriteConfigFile(const std::string& path, const std::string& text, bool replace, bool* existed) {
  *existed = false;
  Status dirs = MakeDirs(DirName(path));
  if (!dirs.ok()) return dirs;
  std::string tmp = path + ".init-XXXXXX";
  int fd = mkstemp(tmp.data());  // mode 0600 whatever the umask
  if (fd < 0) return Status::IoError("cannot create a file beside " + path + ": " + std::strerror(errno));
  std::size_t done = 0;
  bool ok = fchmod(fd, 0600) == 0;
  while (ok && done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  int saved_errno = errno;
  close(fd);
  if (!ok) {
    unlink(tmp.c_str());
    return Status::IoError("cannot write " + tmp + ": " + std::strerror(saved_errno));
  }
  int rc = replace ? rename(tmp.c_str(), path.c_str()) : link(tmp.c_str(), path.c_str());
  saved_errno = errno;
  if (!replace || rc != 0) unlink(tmp.c_str());
  if (rc != 0) {
    if (saved_errno == EEXIST) {
      *existed = true;
      return Status::InvalidArgument(path + " already exists; add --force to replace it");
    }
    return Status::IoError("cannot write " + path + ": " + std::strerror(saved_errno));
  }
  return Status::Ok();
}

// Runs argv with stdio inherited. The exit status, or -1 when the program cannot be started
// (not installed: `*missing`).
int RunProgram(const std::vector<std::string>& argv, bool* missing) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  *missing = rc == ENOENT;
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

constexpr char kTimerHelp[] =
    "  Without a systemd user manager (a server, a container, an ssh-only login), run bouncescan\n"
    "  from cron instead: `crontab -e` and add the line\n"
    "      17 * * * *  bouncescan --quiet run\n"
    "  (see /usr/share/doc/bouncescan/cron.example). Cron has no desktop keyring: set\n"
    "  password_command or password_env for the account (and the digest) in the config.\n"
    "  If the units are missing (built from source, not installed from the .deb), copy\n"
    "  packaging/bouncescan.service and packaging/bouncescan.timer to ~/.config/systemd/user/.\n"
    "  To keep the timer running while you are logged out: loginctl enable-linger\n";

// Stores one secret, asked for on the terminal without echo or read from stdin's next line.
// `may_reuse`: an empty answer takes *reuse instead.
bool StoreSecret(CommandContext& ctx, scanner::Keyring& keyring, const std::string& entry,
                 const std::string& prompt, std::string* reuse, bool may_reuse) {
  Result<std::string> secret = ReadSecretLine(ctx.err, prompt);
  std::string value;
  if (secret.ok()) {
    value = std::move(*secret);
  } else if (may_reuse && reuse && !reuse->empty()) {
    value = *reuse;
  } else {
    ctx.err << "bouncescan: init: no password given for '" << entry << "'; store it later with "
            << "`bouncescan secret set " << entry << "`\n";
    return false;
  }
  Status stored = keyring.Store(entry, value);
  if (reuse && reuse->empty()) *reuse = value;
  std::fill(value.begin(), value.end(), '\0');
  if (!stored.ok()) {
    ctx.err << "bouncescan: init: " << stored.message()
            << "\n  No desktop keyring here? Set password_command or password_env in the config instead.\n";
    return false;
  }
  if (ctx.global.verbosity >= 0) ctx.out << "stored the password for '" << entry << "' in the keyring\n";
  return true;
}

}  // namespace

int RunInit(CommandContext& ctx) {
  CLI::App app{"Write a config file, store the password in the keyring and enable the timer", "bouncescan init"};
  InitAnswers a;
  std::string folders;
  bool force = false, non_interactive = false;
  bool store_password = false, no_store_password = false, enable_timer = false, no_enable_timer = false;
  CLI::Option* o_url = app.add_option("--account-url", a.url, "the IMAP server: imaps://host[:port], imap://host[:port] (STARTTLS), or a host name");
  CLI::Option* o_user = app.add_option("--username", a.username, "the IMAP login");
  CLI::Option* o_folders = app.add_option("--folders", folders, "folders to scan, comma-separated (default: INBOX)");
  CLI::Option* o_name = app.add_option("--account-name", a.account_name, "the account's name in the config and the keyring (default: mail)");
  CLI::Option* o_to = app.add_option("--digest-to", a.digest_to, "the address the digest is sent to");
  app.add_option("--digest-from", a.digest_from, "the digest's From address (default: --digest-to)");
  CLI::Option* o_smtp = app.add_option("--smtp-url", a.smtp_url, "the SMTP server: smtps://host[:port], smtp://host[:port] (STARTTLS), or a host name");
  CLI::Option* o_smtp_user = app.add_option("--smtp-username", a.smtp_username, "the SMTP login (default: --username; \"\" for none)");
  CLI::Option* o_lang = app.add_option("--language", a.language, "language of the digest: en or vi (default: from $LANG)")
                            ->check(CLI::IsMember({"en", "vi"}));
  CLI::Option* o_every = app.add_option("--every", a.every, "when `run` sends the digest: daily, weekly or always (default: daily)")
                             ->check(CLI::IsMember({"daily", "weekly", "always"}));
  app.add_flag("--store-password", store_password, "store the password(s) in the keyring: read without echo on a terminal, else stdin's first line (IMAP) and second line (SMTP, default: the same)");
  app.add_flag("--no-store-password", no_store_password, "do not offer to store a password");
  app.add_flag("--enable-timer", enable_timer, "run `systemctl --user enable --now bouncescan.timer`");
  app.add_flag("--no-enable-timer", no_enable_timer, "do not offer to enable the timer");
  app.add_flag("--force", force, "replace an existing config file");
  app.add_flag("-y,--yes,--non-interactive", non_interactive, "ask nothing: take the flags and the defaults (the default when stdin is not a terminal)");
  app.footer("Writes --config FILE, or ~/.config/bouncescan/config.toml. On a terminal, init asks for what the\n"
             "flags do not say. Example without questions:\n"
             "  bouncescan init --yes --account-url imap.example.com --username me@example.com \\\n"
             "      --digest-to me@example.com --smtp-url smtp.example.com --language vi\n"
             "Exit status: 0 written (and every step asked for done), 1 written but storing the password or\n"
             "enabling the timer failed, 2 usage error or the file exists (without --force).");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  if ((store_password && no_store_password) || (enable_timer && no_enable_timer)) {
    ctx.err << "bouncescan: init: --store-password/--no-store-password and --enable-timer/--no-enable-timer "
               "each take one side\n";
    return kExitUsage;
  }

  const std::string path = ctx.global.config_path.empty() ? DefaultConfigPath() : ctx.global.config_path;
  struct stat st {};
  if (!force && stat(path.c_str(), &st) == 0) {
    ctx.err << "bouncescan: init: " << path << " already exists; add --force to replace it\n";
    return kExitUsage;
  }

  const bool ask = !non_interactive && StdinIsTerminal();
  if (!o_lang->count()) {
    const char* lang = std::getenv("LC_ALL");
    if (!lang || !*lang) lang = std::getenv("LANG");
    a.language = LanguageForLocale(lang ? lang : "");
  }
  if (o_folders->count()) a.folders = SplitFolders(folders);
  a.url = ImapUrlFromAnswer(Trim(a.url));
  a.smtp_url = SmtpUrlFromAnswer(Trim(a.smtp_url));

  if (ask) {
    Questioner q(ctx.err);
    ctx.err << "bouncescan init: a few questions for " << path << " (Enter takes the value in brackets).\n";
    auto need = [&](std::optional<std::string> answer, std::string* into) {
      if (!answer) return false;
      *into = std::move(*answer);
      return true;
    };
    bool complete = true;
    if (complete && !o_url->count()) {
      complete = need(q.Ask("IMAP server (imaps://host, imap://host for STARTTLS, or a host name)", "",
                            [](const std::string& v) { return CheckImapUrl(ImapUrlFromAnswer(v)); }),
                      &a.url);
      a.url = ImapUrlFromAnswer(a.url);
    }
    if (complete && !o_user->count()) complete = need(q.Ask("IMAP username", ""), &a.username);
    if (complete && !o_folders->count()) {
      std::string answer;
      complete = need(q.Ask("Folders to scan, comma-separated", "INBOX",
                            [](const std::string& v) { return SplitFolders(v).empty() ? "name a folder" : ""; }),
                      &answer);
      if (complete) a.folders = SplitFolders(answer);
    }
    if (complete && !o_name->count()) complete = need(q.Ask("A short name for this account", a.account_name, CheckName), &a.account_name);
    const std::string to_default = a.username.find('@') != std::string::npos ? a.username : "";
    if (complete && !o_to->count()) complete = need(q.Ask("Send the digest to", to_default), &a.digest_to);
    if (complete && !o_smtp->count()) {
      complete = need(q.Ask("SMTP server to send it through (smtps://host, smtp://host:587 for STARTTLS)",
                            GuessSmtpUrl(a.url),
                            [](const std::string& v) { return CheckSmtpUrl(SmtpUrlFromAnswer(v)); }),
                      &a.smtp_url);
      a.smtp_url = SmtpUrlFromAnswer(a.smtp_url);
    }
    if (complete && !o_smtp_user->count()) {
      std::string answer;
      complete = need(q.Ask("SMTP username (- for none)", a.username), &answer);
      a.smtp_username = answer == "-" ? "" : answer;
    }
    if (complete && !o_lang->count()) complete = need(q.Ask("Language of the digest (en or vi)", a.language, CheckLanguage), &a.language);
    if (complete && !o_every->count()) complete = need(q.Ask("Send it daily, weekly or always", a.every, CheckEvery), &a.every);
    if (!complete) {
      ctx.err << "\nbouncescan: init: input ended before every question was answered; nothing written\n";
      return kExitUsage;
    }
  } else {
    if (!o_smtp_user->count()) a.smtp_username = a.username;
    std::vector<std::string> missing;
    if (a.url.empty()) missing.push_back("--account-url");
    if (a.username.empty()) missing.push_back("--username");
    if (a.digest_to.empty()) missing.push_back("--digest-to");
    if (a.smtp_url.empty()) missing.push_back("--smtp-url");
    if (!missing.empty()) {
      ctx.err << "bouncescan: init: without a terminal to ask on, init needs";
      for (const std::string& m : missing) ctx.err << " " << m;
      ctx.err << "\n";
      return kExitUsage;
    }
    for (const std::string& problem : {CheckImapUrl(a.url), CheckSmtpUrl(a.smtp_url), CheckName(a.account_name)}) {
      if (!problem.empty()) {
        ctx.err << "bouncescan: init: " << problem << "\n";
        return kExitUsage;
      }
    }
    if (a.folders.empty()) {
      ctx.err << "bouncescan: init: --folders names no folder\n";
      return kExitUsage;
    }
  }

  // The program's own loader must accept what is about to be written.
  const std::string text = RenderInitConfig(a);
  Result<Config> checked = ParseConfig(text, path);
  if (!checked.ok()) {
    ctx.err << "bouncescan: init: the answers do not make a valid config: " << checked.status().message()
            << "\nnothing written\n";
    return kExitUsage;
  }
  bool existed = false;
  Status written = WriteConfigFile(path, text, force, &existed);
  if (!written.ok()) {
    ctx.err << "bouncescan: init: " << written.message() << "\n";
    return existed ? kExitUsage : ExitCodeFor(written);
  }
  if (ctx.global.verbosity >= 0) ctx.out << "wrote " << path << " (mode 0600)\n";

  bool all_done = true;
  // The keyring: the account's password, then the digest's SMTP password.
  bool store = store_password;
  if (ask && !store_password && !no_store_password) {
    std::optional<bool> yes = Questioner(ctx.err).Confirm(
        "Store the IMAP password for '" + a.account_name + "' in the desktop keyring now?", true);
    store = yes.value_or(false);
  }
  if (store) {
    std::unique_ptr<scanner::Keyring> keyring = scanner::SystemKeyring();
    std::string first;
    all_done = StoreSecret(ctx, *keyring, a.account_name, "IMAP password for " + a.username + ": ", &first, false) &&
               all_done;
    if (!a.smtp_username.empty()) {
      all_done = StoreSecret(ctx, *keyring, kDigestKeyringName,
                             "SMTP password for " + a.smtp_username + " (Enter: the same as the IMAP password): ",
                             &first, true) &&
                 all_done;
    }
    std::fill(first.begin(), first.end(), '\0');
  } else if (ctx.global.verbosity >= 0) {
    ctx.out << "store the password later with `bouncescan secret set " << a.account_name << "`"
            << (a.smtp_username.empty() ? "" : " and `bouncescan secret set digest`")
            << ", or set password_command in the config\n";
  }

  // The timer.
  bool timer = enable_timer;
  if (ask && !enable_timer && !no_enable_timer) {
    std::optional<bool> yes = Questioner(ctx.err).Confirm(
        "Run bouncescan every hour with the systemd user timer (systemctl --user enable --now bouncescan.timer)?", true);
    timer = yes.value_or(false);
  }
  if (timer) {
    bool missing = false;
    int rc = RunProgram({"systemctl", "--user", "enable", "--now", "bouncescan.timer"}, &missing);
    if (rc == 0) {
      if (ctx.global.verbosity >= 0) {
        ctx.out << "enabled bouncescan.timer; `systemctl --user list-timers bouncescan.timer` says when it runs next\n";
      }
    } else {
      ctx.err << "bouncescan: init: "
              << (missing ? std::string("systemctl is not installed")
                          : "`systemctl --user enable --now bouncescan.timer` failed (exit " + std::to_string(rc) + ")")
              << "\n" << kTimerHelp;
      all_done = false;
    }
  } else if (ctx.global.verbosity >= 0) {
    ctx.out << "enable the hourly run later with `systemctl --user enable --now bouncescan.timer`, or use cron "
               "(bouncescan(1))\n";
  }
  return all_done ? kExitOk : kExitPartial;
}

}  // namespace bouncescan::cli
