// Running the bouncescan binary from a test: arguments, environment, captured output, and
// the process id for tests that kill it. Header-only; tests/ only.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace bouncescan::testing {

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A child process with stdout and stderr going to files in `dir`.
class Child {
 public:
  // `env`: extra "NAME=value" entries on top of this process's environment.
  Child(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
        const std::vector<std::string>& env = {}) {
    static int counter = 0;
    const std::string tag = std::to_string(getpid()) + "-" + std::to_string(counter++);
    out_path_ = dir + "/child-" + tag + ".out";
    err_path_ = dir + "/child-" + tag + ".err";
    pid_ = fork();
    if (pid_ == 0) {
      int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int in = open("/dev/null", O_RDONLY);
      dup2(out, 1);
      dup2(err, 2);
      dup2(in, 0);
      for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(binary.c_str()));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      const std::string why = "cannot run " + binary + "\n";
      if (write(2, why.data(), why.size()) < 0) _exit(127);
      _exit(127);
    }
  }
  ~Child() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      Wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  // True while the process has not exited.
  bool Running() {
    if (waited_) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      waited_ = true;
      status_ = status;
      return false;
    }
    return true;
  }
  void Kill9() { kill(pid_, SIGKILL); }
  // REQUIRES: not waited yet.
  ProcessResult Wait() {
    if (!waited_) {
      waitpid(pid_, &status_, 0);
      waited_ = true;
    }
    ProcessResult r;
    if (WIFEXITED(status_)) r.exit_code = WEXITSTATUS(status_);
    if (WIFSIGNALED(status_)) r.signal = WTERMSIG(status_);
    r.out = ReadAll(out_path_);
    r.err = ReadAll(err_path_);
    return r;
  }

 private:
  pid_t pid_ = -1;
  bool waited_ = false;
  int status_ = 0;
  std::string out_path_, err_path_;
};

inline ProcessResult Run(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                         const std::vector<std::string>& env = {}) {
  Child c(binary, args, dir, env);
  return c.Wait();
}

inline std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace bouncescan::testing
