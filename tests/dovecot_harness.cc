#include "tests/dovecot_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace bouncescan::testing {
namespace {

namespace fs = std::filesystem;

// A port the kernel considers free right now (bound to 0, then released).
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    socklen_t len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Runs argv with stdout captured (stderr to `err_path` when given); returns the exit status.
int RunProgram(const std::vector<std::string>& argv, std::string* out, const std::string& err_path = "") {
  int pipefd[2];
  if (pipe(pipefd) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(pipefd[1], 1);
    close(pipefd[0]);
    close(pipefd[1]);
    if (!err_path.empty()) {
      int fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) dup2(fd, 2);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(pipefd[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) {
    if (out) out->append(buf, static_cast<size_t>(n));
  }
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::IoError("cannot write " + path);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<DovecotServer>> DovecotServer::Start(const DovecotOptions& options,
                                                             const DovecotNetwork& network) {
  std::unique_ptr<DovecotServer> server(new DovecotServer());
  Status s = server->Launch(options, network);
  if (!s.ok()) return s;
  return server;
}

Status DovecotServer::Launch(const DovecotOptions& options, const DovecotNetwork& network) {
  root_ = geteuid() == 0;
  std::string tmpl = (fs::temp_directory_path() / "bouncescan-dovecot-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return Status::IoError("mkdtemp failed");
  dir_ = tmpl;
  // As root, the dovecot user must traverse this directory to read the passwd-file.
  chmod(dir_.c_str(), 0755);

  std::string log;
  if (RunProgram({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                  "-nodes", "-keyout", dir_ + "/key.pem", "-out", dir_ + "/cert.pem", "-days", "2",
                  "-subj", "/CN=localhost", "-addext",
                  "subjectAltName=DNS:localhost,IP:127.0.0.1" +
                      (network.certificate_address.empty() ? "" : ",IP:" + network.certificate_address)},
                 &log, dir_ + "/openssl.log") != 0) {
    return Status::Internal("openssl could not make a test certificate (see " + dir_ + "/openssl.log)");
  }

  std::string mail_user, mail_group, internal_user, login_user, chroot_lines;
  if (root_) {
    mail_user = "nobody";
    mail_group = "nogroup";
    internal_user = "dovecot";
    login_user = "dovenull";
  } else {
    const passwd* pw = getpwuid(geteuid());
    if (!pw) return Status::Internal("no passwd entry for the current user");
    mail_user = pw->pw_name;
    mail_group = std::to_string(getegid());
    internal_user = pw->pw_name;
    login_user = pw->pw_name;
    chroot_lines = "service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}\n";
  }
  uid_t uid = root_ ? 65534 : geteuid();
  gid_t gid = root_ ? 65534 : getegid();

  std::string passwd;
  for (const DovecotUser& u : options.users) {
    passwd += u.name + ":{PLAIN}" + u.password + ":" + std::to_string(uid) + ":" + std::to_string(gid) +
              "::" + dir_ + "/home/" + u.name + "\n";
  }
  if (Status s = WriteFile(dir_ + "/passwd", passwd); !s.ok()) return s;
  chmod((dir_ + "/passwd").c_str(), 0644);

  imaps_port_ = FreePort();
  imap_port_ = FreePort();
  while (imap_port_ == imaps_port_) imap_port_ = FreePort();
  std::string instance = "bouncescan-test-" + std::to_string(getpid()) + "-" + std::to_string(imaps_port_);
  std::string conf =
      "instance_name = " + instance + "\n"
      "base_dir = " + dir_ + "/run\n"
      "state_dir = " + dir_ + "/state\n"
      "log_path = " + dir_ + "/dovecot.log\n"
      "info_log_path = " + dir_ + "/dovecot.log\n"
      "protocols = imap\n"
      "listen = 127.0.0.1" +
      (network.listen_on_certificate_address ? ", " + network.certificate_address : "") + "\n"
      "ssl = yes\n"
      "ssl_cert = <" + dir_ + "/cert.pem\n"
      "ssl_key = <" + dir_ + "/key.pem\n"
      "mail_location = maildir:" + dir_ + "/mail/%u\n"
      "mail_uid = " + mail_user + "\n"
      "mail_gid = " + mail_group + "\n"
      "first_valid_uid = 0\n"
      "first_valid_gid = 0\n"
      "default_internal_user = " + internal_user + "\n"
      "default_login_user = " + login_user + "\n"
      "auth_mechanisms = plain login xoauth2 oauthbearer\n"
      "auth_failure_delay = 0\n"
      // Loopback is trusted so that a test's deliberate failed login does not slow the next
      // login down (Dovecot's auth penalty skips trusted networks).
      "login_trusted_networks = 127.0.0.0/8\n"
      "passdb {\n  driver = passwd-file\n  args = " + dir_ + "/passwd\n}\n"
      "userdb {\n  driver = passwd-file\n  args = " + dir_ + "/passwd\n}\n"
      "service imap-login {\n"
      "  inet_listener imap {\n    port = " + std::to_string(imap_port_) + "\n  }\n"
      "  inet_listener imaps {\n    port = " + std::to_string(imaps_port_) + "\n    ssl = yes\n  }\n"
      "}\n" + chroot_lines + options.extra_config + "\n";
  if (Status s = WriteFile(dir_ + "/dovecot.conf", conf); !s.ok()) return s;
  chmod((dir_ + "/dovecot.conf").c_str(), 0644);

  for (const DovecotUser& u : options.users) {
    if (Status s = CreateFolder(u.name, "INBOX"); !s.ok()) return s;
  }

  pid_ = fork();
  if (pid_ < 0) return Status::Internal("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);  // its own group, so that Stop() reaches every child process
    int fd = open((dir_ + "/dovecot.stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execlp("dovecot", "dovecot", "-F", "-c", (dir_ + "/dovecot.conf").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (CanConnect(imaps_port_) && CanConnect(imap_port_)) return Status::Ok();
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return Status::Internal("dovecot exited at start; see " + dir_ + "/dovecot.stderr and dovecot.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Status::Internal("dovecot did not listen within 10 s; see " + dir_ + "/dovecot.log");
}

void DovecotServer::Stop() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

DovecotServer::~DovecotServer() {
  Stop();
  if (!dir_.empty() && !std::getenv("BOUNCESCAN_KEEP_DOVECOT")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string DovecotServer::MaildirOf(const std::string& user, const std::string& folder) const {
  std::string base = dir_ + "/mail/" + user;
  if (folder == "INBOX") return base;
  return base + "/." + folder;
}

Status DovecotServer::CreateFolder(const std::string& user, const std::string& folder) {
  std::string md = MaildirOf(user, folder);
  std::error_code ec;
  for (const char* sub : {"cur", "new", "tmp"}) {
    fs::create_directories(md + "/" + sub, ec);
    if (ec) return Status::IoError("cannot create " + md + ": " + ec.message());
  }
  if (root_) {
    // Every directory from the user's mail root down must belong to the mail user.
    std::string home = dir_ + "/home/" + user;
    fs::create_directories(home, ec);
    for (const std::string& p : {dir_ + "/mail", dir_ + "/mail/" + user, md, md + "/cur", md + "/new",
                                 md + "/tmp", home}) {
      if (chown(p.c_str(), 65534, 65534) != 0) return Status::IoError("cannot chown " + p);
    }
  }
  return Status::Ok();
}

Result<std::string> DovecotServer::AddMessage(const std::string& user, const std::string& folder,
                                              const std::string& raw, const std::string& flags) {
  std::string md = MaildirOf(user, folder);
  if (!fs::exists(md + "/cur")) {
    if (Status s = CreateFolder(user, folder); !s.ok()) return s;
  }
  // Maildir unique name: time.counter_pid.host; ":2,FLAGS" marks it as already delivered.
  std::string name = std::to_string(std::time(nullptr)) + ".M" + std::to_string(++counter_) + "P" +
                     std::to_string(getpid()) + ".bouncescan-test:2," + flags;
  std::string path = md + "/cur/" + name;
  if (Status s = WriteFile(path, raw); !s.ok()) return s;
  if (root_ && chown(path.c_str(), 65534, 65534) != 0) return Status::IoError("cannot chown " + path);
  return path;
}

Result<std::string> DovecotServer::Doveadm(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"doveadm", "-c", dir_ + "/dovecot.conf"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  int rc = RunProgram(argv, &out, dir_ + "/doveadm.stderr");
  if (rc != 0) return Status::Internal("doveadm failed (" + std::to_string(rc) + "); see " + dir_ + "/doveadm.stderr");
  return out;
}

}  // namespace bouncescan::testing
