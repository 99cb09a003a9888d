#include "cli/digest_cli.h"

#include "digest/mime_writer.h"

namespace bouncescan::cli {
namespace {

// A printed digest needs From and To headers even when [digest] names no address.
constexpr char kPrintAddress[] = "bouncescan@localhost";

}  // namespace

bool DigestSendConfigured(const Config& config) {
  return config.digest && !config.digest->to.empty() && !config.digest->smtp_url.empty();
}

Result<digest::DigestJob> DigestJobFor(const Config& config, const DigestRequest& request,
                                       scanner::Keyring* keyring) {
  const DigestConfig d = config.digest.value_or(DigestConfig{});
  std::string lang = !request.language.empty() ? request.language
                     : config.digest            ? d.language
                                                : config.language;
  if (lang != "en" && lang != "vi") return Status::InvalidArgument("--lang must be en or vi, not '" + lang + "'");
  const rules::Language language = lang == "vi" ? rules::Language::kVietnamese : rules::Language::kEnglish;

  digest::DigestJob job;
  job.collect.language = language;
  job.collect.since = request.since;
  job.collect.soft_threshold = config.policy.soft_bounces;
  job.collect.soft_window_days = config.policy.soft_window_days;
  job.collect.now = request.now;
  job.compose.language = language;
  job.compose.now = request.now;
  // `from` may be left out: the digest then comes from the address it goes to.
  job.compose.to = !d.to.empty() ? d.to : kPrintAddress;
  job.compose.from = !d.from.empty() ? d.from : !d.to.empty() ? d.to : kPrintAddress;
  if (!request.send) return job;

  const std::string where = config.path.empty() ? DefaultConfigPath() : config.path;
  if (!config.digest) return Status::InvalidArgument(where + " has no [digest] table: nowhere to send the digest");
  if (d.to.empty()) return Status::InvalidArgument(where + ": [digest] needs 'to' (the address the digest goes to)");
  if (d.smtp_url.empty()) {
    return Status::InvalidArgument(where + ": [digest] needs 'smtp_url' (e.g. \"smtps://smtp.example.com\")");
  }
  if (Result<std::vector<std::string>> to = digest::ParseAddressList(d.to); !to.ok()) {
    return Status::InvalidArgument(where + ": [digest] to: " + to.status().message());
  }
  job.smtp.url = d.smtp_url;
  job.smtp.username = d.username;
  job.smtp.xoauth2 = d.auth == "xoauth2";
  job.smtp.ca_file = d.ca_file;
  job.smtp.allow_insecure = d.allow_insecure;
  if (!d.username.empty()) {
    scanner::SecretSpec spec;
    spec.account = kDigestKeyringName;
    spec.password_command = d.password_command;
    spec.password_env = d.password_env;
    spec.what = job.smtp.xoauth2 ? "access token" : "password";
    job.secret = [spec, keyring]() -> Result<std::string> {
      Result<std::string> secret = scanner::GetSecret(spec, keyring);
      if (!secret.ok()) {
        // The scanner's wording speaks of [[account]]; the digest's keys live in [digest].
        return Status::Error(secret.status().code(), "[digest] SMTP login: " + secret.status().message() +
                                                         " (for the digest, password_command and password_env "
                                                         "go in the [digest] table)");
      }
      return secret;
    };
  }
  return job;
}

}  // namespace bouncescan::cli
