#include "cli/storage_cli.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/exit_codes.h"

namespace bouncescan::cli {

Result<Config> LoadConfigFor(const GlobalOptions& global) {
  if (!global.config_path.empty()) return LoadConfigFile(global.config_path);
  Result<Config> config = LoadConfigFile(DefaultConfigPath());
  if (!config.ok() && config.status().code() == StatusCode::kNotFound) return Config{};
  return config;
}

std::string DatabasePathFor(const GlobalOptions& global, const Config& config) {
  if (!global.db_path.empty()) return global.db_path;
  if (!config.database.empty()) return config.database;
  return DefaultDatabasePath();
}

storage::OpenOptions OpenOptionsFor(const Config& config) {
  storage::OpenOptions o;
  o.soft_bounces = config.policy.soft_bounces;
  o.soft_window_days = config.policy.soft_window_days;
  return o;
}

Result<std::unique_ptr<storage::Database>> OpenDatabaseFor(const GlobalOptions& global, const Config& config,
                                                           bool run_lock, bool must_exist) {
  const std::string path = DatabasePathFor(global, config);
  if (must_exist && access(path.c_str(), F_OK) != 0) return std::unique_ptr<storage::Database>();
  storage::OpenOptions o = OpenOptionsFor(config);
  o.run_lock = run_lock;
  return storage::Database::Open(path, o);
}

namespace {
std::string Strftime(std::int64_t t, const char* format) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}
}  // namespace

std::string FormatTime(std::int64_t t) { return Strftime(t, "%Y-%m-%d %H:%M"); }
std::string FormatTimeIso(std::int64_t t) { return Strftime(t, "%Y-%m-%dT%H:%M:%SZ"); }
std::string FormatDate(std::int64_t t) { return Strftime(t, "%Y-%m-%d"); }

std::optional<std::int64_t> ParseSince(std::string_view text, std::int64_t now) {
  if (text.size() >= 2 && text.back() == 'd') {
    std::int64_t days = 0;
    for (char c : text.substr(0, text.size() - 1)) {
      if (c < '0' || c > '9') return std::nullopt;
      days = days * 10 + (c - '0');
      if (days > 100000) return std::nullopt;
    }
    return now - days * 86400;
  }
  std::tm tm{};
  std::string s(text);
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.pop_back();
  const char* end = nullptr;
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"}) {
    tm = std::tm{};
    end = strptime(s.c_str(), format, &tm);
    if (end && *end == '\0') break;
    end = nullptr;
  }
  if (!end) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read " + path);
  return s.str();
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp-" + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Status::IoError("cannot write " + path + ": " + std::strerror(errno));
      close(fd);
      unlink(tmp.c_str());
      return s;
    }
    done += static_cast<std::size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    unlink(tmp.c_str());
    return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = Status::IoError("cannot write " + path + ": " + std::strerror(errno));
    unlink(tmp.c_str());
    return s;
  }
  return Status::Ok();
}

nlohmann::json EventJson(const storage::Event& e) {
  return nlohmann::json{{"id", e.id},
                        {"recorded_at", FormatTimeIso(e.recorded_at)},
                        {"occurred_at", FormatTimeIso(e.occurred_at)},
                        {"source", e.source},
                        {"recipient", e.recipient},
                        {"action", e.action},
                        {"reason", e.reason},
                        {"hard", e.hard},
                        {"fixer", e.fixer},
                        {"fix", e.fix},
                        {"rule", e.rule},
                        {"suppress", e.suppress},
                        {"effect", e.effect},
                        {"status", e.status},
                        {"reply_code", e.reply_code},
                        {"diagnostic", e.diagnostic},
                        {"remote_mta", e.remote_mta},
                        {"bounce_date", e.bounce_date},
                        {"bounce_message_id", e.bounce_message_id},
                        {"original_message_id", e.original_message_id},
                        {"original_subject", e.original_subject}};
}

int Fail(CommandContext& ctx, const Status& status) {
  ctx.err << "bouncescan: " << status.message() << "\n";
  return ExitCodeFor(status);
}

}  // namespace bouncescan::cli
