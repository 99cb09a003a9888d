#include "scanner/credentials.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace bouncescan::scanner {

std::string NoSecretHelp(const std::string& account) {
  return "account '" + account +
         "': no secret found. The desktop keyring has none for it (or is locked or absent: cron "
         "and ssh sessions have no keyring). Store one with 'bouncescan secret set " + account +
         "' from a desktop session, or set password_command (a command that prints it) or "
         "password_env (an environment variable holding it) in the account's [[account]] table";
}

Result<std::string> RunPasswordCommand(const std::string& command, int timeout_seconds) {
  int out[2];
  if (pipe(out) != 0) return Status::IoError("password_command: cannot create a pipe");
  pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    return Status::IoError("password_command: cannot start /bin/sh");
  }
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string output;
  bool timed_out = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  char buf[4096];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      timed_out = r == 0;
      break;
    }
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    // Only the first line matters; keep reading (so the command is not killed by SIGPIPE)
    // but stop storing once a line is complete.
    if (output.find('\n') == std::string::npos && output.size() < 64 * 1024) {
      output.append(buf, static_cast<std::size_t>(n));
    }
  }
  close(out[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::size_t nl = output.find('\n');
  std::string first = output.substr(0, nl);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  // Overwrite the rest of the output before it is freed: it may hold more secrets.
  for (char& c : output) c = '\0';
  if (timed_out) {
    return Status::InvalidArgument("password_command did not finish within " + std::to_string(timeout_seconds) + " s");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                        : "was killed by signal " + std::to_string(WTERMSIG(status));
    return Status::InvalidArgument("password_command " + how);
  }
  if (first.empty()) return Status::InvalidArgument("password_command printed an empty first line");
  return first;
}

Result<std::string> GetSecret(const SecretSpec& spec, Keyring* keyring) {
  const std::string who = "account '" + spec.account + "': ";
  if (!spec.password_command.empty()) {
    Result<std::string> secret = RunPasswordCommand(spec.password_command);
    if (!secret.ok()) {
      return Status::Error(StatusCode::kNoSecret, who + secret.status().message() +
                                                      " (check the account's password_command)");
    }
    return secret;
  }
  if (!spec.password_env.empty()) {
    const char* v = std::getenv(spec.password_env.c_str());
    if (!v || !*v) {
      return Status::Error(StatusCode::kNoSecret, who + "the environment variable " + spec.password_env +
                                                      " named by password_env is not set or empty");
    }
    return std::string(v);
  }
  if (!keyring) return Status::Error(StatusCode::kNoSecret, NoSecretHelp(spec.account));
  Result<std::optional<std::string>> found = keyring->Lookup(spec.account);
  if (!found.ok()) {
    return Status::Error(StatusCode::kNoSecret, NoSecretHelp(spec.account) + " (keyring: " +
                                                    found.status().message() + ")");
  }
  if (!found->has_value()) return Status::Error(StatusCode::kNoSecret, NoSecretHelp(spec.account));
  return std::move(**found);
}

}  // namespace bouncescan::scanner
