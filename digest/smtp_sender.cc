#include "digest/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <ostream>

#include "dynlib/curl_runtime.h"

namespace bouncescan::digest {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t ReadBody(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, u->data.size() - u->pos);
  std::memcpy(buffer, u->data.data() + u->pos, len);
  u->pos += len;
  return len;
}

// Logs the SMTP dialogue. Only commands known to carry no secret are shown; anything
// else the client sends (AUTH and its continuation lines) is redacted.
int DebugLog(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  auto* out = static_cast<std::ostream*>(user);
  std::string_view line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  switch (type) {
    case CURLINFO_TEXT: *out << "* " << line << "\n"; break;
    case CURLINFO_HEADER_IN: *out << "S: " << line << "\n"; break;
    case CURLINFO_HEADER_OUT: {
      static constexpr std::string_view kSafe[] = {"EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "STARTTLS",
                                                   "RSET", "NOOP"};
      bool safe = false;
      for (std::string_view s : kSafe) {
        if (line.substr(0, s.size()) == s) safe = true;
      }
      *out << "C: " << (safe ? line : line.substr(0, 4) == "AUTH" ? std::string_view("AUTH <redacted>")
                                                                   : std::string_view("<redacted>"))
           << "\n";
      break;
    }
    default: break;  // message data is not logged
  }
  return 0;
}

Status Translate(CURLcode rc, long response, const std::string& where, const char* detail) {
  std::string what = std::string(curl_easy_strerror(rc));
  if (detail && *detail) what += " (" + std::string(detail) + ")";
  if (response > 0) what += "; last server reply " + std::to_string(response);
  switch (rc) {
    case CURLE_LOGIN_DENIED:
      return Status::Error(StatusCode::kAuthFailed, where + ": the SMTP server refused the login: " + what);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
      return Status::Error(StatusCode::kTlsError, where + ": TLS failed: " + what);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Status::InvalidArgument(where + ": bad smtp_url: " + what);
    default: break;
  }
  if (response == 530 || response == 534 || response == 535 || response == 538) {
    return Status::Error(StatusCode::kAuthFailed,
                         where + ": the SMTP server requires or refused authentication: " + what);
  }
  if (response >= 500 && response < 600) {
    return Status::InvalidArgument(where + ": the SMTP server refused the message: " + what);
  }
  return Status::Error(StatusCode::kNetworkError, where + ": " + what);
}

}  // namespace

Status SendMail(const SmtpOptions& o, std::string_view message) {
  const std::string where = "digest via " + o.url;
  bool implicit_tls = o.url.rfind("smtps://", 0) == 0;
  if (!implicit_tls && o.url.rfind("smtp://", 0) != 0) {
    return Status::InvalidArgument("smtp_url must start with smtps:// or smtp://");
  }
  if (o.recipients.empty()) return Status::InvalidArgument("no recipient for the digest");
  if (Status loaded = dynlib::LoadCurl(); !loaded.ok()) return loaded;
  CurlHandle curl(curl_easy_init());
  if (!curl) return Status::Internal("curl_easy_init failed");
  CURL* c = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  Upload upload{message, 0};

  Slist rcpt;
  for (const std::string& r : o.recipients) {
    curl_slist* next = curl_slist_append(rcpt.get(), ("<" + r + ">").c_str());
    if (!next) return Status::Internal("out of memory");
    rcpt.release();
    rcpt.reset(next);
  }
  std::string mail_from = "<" + o.from + ">";

  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(o.allow_insecure && !implicit_tls ? CURLUSESSL_TRY
                                                                                           : CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  if (!o.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
    if (o.xoauth2) {
      curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, o.secret.c_str());
      curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
    } else {
      curl_easy_setopt(c, CURLOPT_PASSWORD, o.secret.c_str());
    }
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadBody);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  if (o.log) {
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, DebugLog);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, o.log);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  }

  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Status::Ok();
  long response = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
  return Translate(rc, response, where, error);
}

}  // namespace bouncescan::digest
