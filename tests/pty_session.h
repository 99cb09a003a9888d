// Running the bouncescan binary on a pseudo-terminal, for the commands that ask questions
// (init, secret set): wait for a prompt, type an answer, read everything the terminal showed.
// Header-only; tests/ only.
#pragma once

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace bouncescan::testing {

class PtySession {
 public:
  // `env`: extra "NAME=value" entries on top of this process's environment.
  PtySession(const std::string& binary, const std::vector<std::string>& args,
             const std::vector<std::string>& env = {}) {
    env_ = env;  // putenv keeps the pointers: they must outlive the exec
    pid_ = forkpty(&master_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      for (std::string& e : env_) putenv(e.data());
      std::vector<char*> argv{const_cast<char*>(binary.c_str())};
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
  }
  ~PtySession() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  bool started() const { return pid_ > 0 && master_ >= 0; }

  // Reads until `text` shows after the previous match; false on timeout or end of output.
  bool Expect(const std::string& text, int timeout_ms = 10000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
      std::size_t at = transcript_.find(text, pos_);
      if (at != std::string::npos) {
        pos_ = at + text.size();
        return true;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !ReadSome(static_cast<int>(left.count()))) return false;
    }
  }

  // Types `line` and Enter.
  void Send(const std::string& line) {
    std::string typed = line + "\r";
    if (write(master_, typed.data(), typed.size()) < 0) return;
  }
  // Types Ctrl-D at the start of a line: end of input.
  void SendEof() {
    const char eot = 4;
    if (write(master_, &eot, 1) < 0) return;
  }

  // Reads the rest of the output and waits for the exit status (-1 if killed).
  int Wait(int timeout_ms = 20000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    // Read until the terminal closes, not until a pause: a slow start (a sanitizer build on
    // a loaded machine) must not cut the transcript short.
    while (std::chrono::steady_clock::now() < deadline && Read(200) != ReadResult::kClosed) {
    }
    int status = 0;
    for (int i = 0; i < timeout_ms / 50; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        waited_ = true;
        break;
      }
      usleep(50 * 1000);
    }
    if (!waited_) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Everything the terminal showed: output, and what the terminal echoed of the typing.
  const std::string& transcript() const { return transcript_; }

 private:
  enum class ReadResult { kData, kTimeout, kClosed };
  ReadResult Read(int timeout_ms) {
    pollfd p{master_, POLLIN, 0};
    int ready = poll(&p, 1, timeout_ms);
    if (ready == 0) return ReadResult::kTimeout;
    if (ready < 0) return ReadResult::kClosed;
    char buf[4096];
    ssize_t n = read(master_, buf, sizeof buf);
    if (n <= 0) return ReadResult::kClosed;  // EIO once the child has exited and all is read
    transcript_.append(buf, static_cast<std::size_t>(n));
    return ReadResult::kData;
  }
  // False at end of output (the child closed the terminal) or on timeout.
  bool ReadSome(int timeout_ms) { return Read(timeout_ms) == ReadResult::kData; }

  pid_t pid_ = -1;
  int master_ = -1;
  bool waited_ = false;
  std::vector<std::string> env_;
  std::string transcript_;
  std::size_t pos_ = 0;
};

}  // namespace bouncescan::testing
