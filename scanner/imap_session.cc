#include "scanner/imap_session.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "dynlib/curl_runtime.h"

namespace bouncescan::scanner {
namespace {

CURL* Easy(void* p) { return static_cast<CURL*>(p); }
CURLM* Multi(void* p) { return static_cast<CURLM*>(p); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

Result<std::string> NormaliseServerUrl(const std::string& url) {
  if (Status loaded = dynlib::LoadCurl(); !loaded.ok()) return loaded;
  CURLU* u = curl_url();
  if (!u) return Status::Internal("out of memory");
  std::string result;
  Status status;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    status = Status::InvalidArgument("url '" + url + "' is not a valid URL (expected imaps://host[:port])");
  } else {
    char* scheme = nullptr;
    char* host = nullptr;
    char* port = nullptr;
    char* path = nullptr;
    char* user = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, 0);
    curl_url_get(u, CURLUPART_PATH, &path, 0);
    curl_url_get(u, CURLUPART_USER, &user, 0);
    std::string s = scheme ? scheme : "";
    if (s != "imap" && s != "imaps") {
      status = Status::InvalidArgument("url '" + url + "' must start with imaps:// (or imap:// for STARTTLS)");
    } else if (!host || !*host) {
      status = Status::InvalidArgument("url '" + url + "' has no host");
    } else if (user) {
      status = Status::InvalidArgument("url '" + url +
                                       "' must not contain a user name or password; use username and the secret sources");
    } else if (path && std::string(path) != "/" && std::string(path) != "") {
      status = Status::InvalidArgument("url '" + url + "' must not name a folder; list folders in `folders`");
    } else {
      result = s + "://" + host + (port ? std::string(":") + port : "");
    }
    for (char* p : {scheme, host, port, path, user}) curl_free(p);
  }
  curl_url_cleanup(u);
  if (!status.ok()) return status;
  return result;
}

ImapConnection::ImapConnection(const ImapEndpoint& endpoint) : endpoint_(endpoint) {}

ImapConnection::~ImapConnection() {
  if (multi_ && easy_ && busy_) curl_multi_remove_handle(Multi(multi_), Easy(easy_));
  if (easy_) curl_easy_cleanup(Easy(easy_));
  if (multi_) curl_multi_cleanup(Multi(multi_));
  std::fill(endpoint_.secret.begin(), endpoint_.secret.end(), '\0');
}

Result<std::unique_ptr<ImapConnection>> ImapConnection::Open(const ImapEndpoint& endpoint) {
  if (Status loaded = dynlib::LoadCurl(); !loaded.ok()) return loaded;
  std::unique_ptr<ImapConnection> c(new ImapConnection(endpoint));
  if (Status s = c->Setup(); !s.ok()) return s;
  return c;
}

Status ImapConnection::Setup() {
  Result<std::string> base = NormaliseServerUrl(endpoint_.url);
  if (!base.ok()) {
    return Status::InvalidArgument("account '" + endpoint_.account + "': " + base.status().message());
  }
  base_url_ = *base;
  host_ = base_url_.substr(base_url_.find("://") + 3);
  easy_ = curl_easy_init();
  multi_ = curl_multi_init();
  if (!easy_ || !multi_) return Status::Internal("curl: cannot create a handle");
  // One connection per handle: a second one would not carry the read-only selection.
  curl_multi_setopt(Multi(multi_), CURLMOPT_MAXCONNECTS, 1L);
  ApplyOptions();
  return Status::Ok();
}

void ImapConnection::ApplyOptions() {
  CURL* e = Easy(easy_);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_USERNAME, endpoint_.username.c_str());
  if (endpoint_.xoauth2) {
    curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, endpoint_.secret.c_str());
    curl_easy_setopt(e, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else {
    curl_easy_setopt(e, CURLOPT_PASSWORD, endpoint_.secret.c_str());
  }
  if (StartsWith(base_url_, "imap://")) {
    // STARTTLS is required unless the account allows sending the password in clear.
    curl_easy_setopt(e, CURLOPT_USE_SSL, endpoint_.allow_insecure ? static_cast<long>(CURLUSESSL_TRY)
                                                                  : static_cast<long>(CURLUSESSL_ALL));
  }
  if (!endpoint_.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, endpoint_.ca_file.c_str());
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, endpoint_.connect_timeout_seconds);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, endpoint_.stall_timeout_seconds);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  // libcurl loses the middle of a response line that does not fit its receive buffer
  // (16 KiB by default), silently: a SEARCH answer came back short and an ESEARCH range
  // came back wrong. 1 MiB holds the longest line a search window can produce (see
  // ImapAccountOptions::search_window); ESEARCH answers are also checked against COUNT.
  curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 1024L * 1024L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &ImapConnection::OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &ImapConnection::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error_buffer_);
  if (endpoint_.log) {
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &ImapConnection::OnDebug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, this);
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
  }
}

std::string ImapConnection::MailboxUrl(const std::string& mailbox) const {
  Result<std::string> encoded = EncodeMailboxName(mailbox);
  return base_url_ + "/" + UrlEncodePath(encoded.ok() ? *encoded : mailbox);
}

std::size_t ImapConnection::OnWrite(char* data, std::size_t size, std::size_t n, void* self) {
  auto* c = static_cast<ImapConnection*>(self);
  std::size_t bytes = size * n;
  if (static_cast<std::int64_t>(c->body_.size() + bytes) > c->body_limit_) {
    c->overflow_ = true;
    return 0;  // aborts the transfer
  }
  c->body_.append(data, bytes);
  return bytes;
}

std::size_t ImapConnection::OnHeader(char* data, std::size_t size, std::size_t n, void* self) {
  auto* c = static_cast<ImapConnection*>(self);
  std::size_t bytes = size * n;
  if (!c->capturing_) return bytes;
  if (static_cast<std::int64_t>(c->stream_.size() + bytes) > c->body_limit_) {
    c->overflow_ = true;
    return 0;  // aborts the transfer
  }
  c->stream_.append(data, bytes);
  return bytes;
}

int ImapConnection::OnDebug(void* /*handle*/, int type, char* data, std::size_t size, void* self) {
  auto* c = static_cast<ImapConnection*>(self);
  std::string_view text(data, size);
  std::string prefix = c->endpoint_.account + ": ";
  auto emit = [&](const std::string& line) {
    std::string out = line;
    // Belt and braces: the secret itself never reaches the log, whatever carried it.
    const std::string& secret = c->endpoint_.secret;
    if (secret.size() >= 4) {
      for (std::size_t at; (at = out.find(secret)) != std::string::npos;) out.replace(at, secret.size(), "<redacted>");
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    c->endpoint_.log(prefix + out);
  };
  auto each_line = [&](std::string_view what, bool redact) {
    std::size_t pos = 0;
    while (pos < what.size()) {
      std::size_t nl = what.find('\n', pos);
      std::size_t end = nl == std::string_view::npos ? what.size() : nl + 1;
      std::string_view line = what.substr(pos, end - pos);
      emit(std::string(type == CURLINFO_HEADER_OUT ? "C: " : "S: ") +
           (redact ? RedactClientLine(line) : std::string(line)));
      pos = end;
    }
  };
  switch (type) {
    case CURLINFO_TEXT:
      emit("* " + std::string(text));
      break;
    case CURLINFO_HEADER_IN:
      // A batch fetch's literals (message bodies) arrive here too: Drive() logs the size.
      if (!c->capturing_) each_line(text, false);
      break;
    case CURLINFO_HEADER_OUT:
      each_line(text, true);
      break;
    case CURLINFO_DATA_IN:
      // Message bodies and search results: sizes only.
      emit("S: [" + std::to_string(size) + " bytes of data]");
      break;
    default:
      break;  // TLS records and outgoing data
  }
  return 0;
}

void ImapConnection::Start(const std::string& url, const std::string& custom, std::int64_t max_bytes) {
  CURL* e = Easy(easy_);
  body_.clear();
  stream_.clear();
  capturing_ = false;
  overflow_ = false;
  body_limit_ = max_bytes;
  custom_ = custom;
  error_buffer_[0] = '\0';
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, custom_.empty() ? nullptr : custom_.c_str());
  // After Discard(): a new connection (the old one may still have an answer in flight).
  curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, fresh_ ? 1L : 0L);
  fresh_ = false;
  curl_multi_add_handle(Multi(multi_), e);
  busy_ = true;
}

void ImapConnection::StartFetch(const std::string& mailbox, std::uint32_t uidvalidity, std::uint32_t uid,
                                std::int64_t max_bytes) {
  std::string url = MailboxUrl(mailbox) + ";UIDVALIDITY=" + std::to_string(uidvalidity) +
                    "/;UID=" + std::to_string(uid) + "/;PARTIAL=0." + std::to_string(max_bytes);
  // The server sends at most max_bytes; a little slack for anything else in the answer.
  Start(url, "", max_bytes + 64 * 1024);
}

void ImapConnection::StartBatchFetch(const std::string& mailbox, const std::vector<std::uint32_t>& uids,
                                     std::int64_t max_bytes) {
  std::vector<std::uint32_t> sorted = uids;
  std::sort(sorted.begin(), sorted.end());
  // BODY.PEEK: never sets \Seen, whatever the selection.
  Start(MailboxUrl(mailbox), "UID FETCH " + FormatSequenceSet(sorted) + " (UID RFC822.SIZE BODY.PEEK[])", max_bytes);
  capturing_ = true;
}

void ImapConnection::StartCommand(const std::string& mailbox, const std::string& command) {
  Start(mailbox.empty() ? base_url_ + "/" : MailboxUrl(mailbox), command, 64 * 1024 * 1024);
}

bool ImapConnection::Drive() {
  if (!busy_) return false;
  int running = 0;
  curl_multi_perform(Multi(multi_), &running);
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(Multi(multi_), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURLcode rc = msg->data.result;
    CURL* e = Easy(easy_);
    long connects = 0;
    curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects);
    curl_multi_remove_handle(Multi(multi_), e);
    busy_ = false;
    new_connection_ = connects > 0;
    // A new connection means libcurl SELECTed (read-write) on it, if it selected at all.
    // 78 on a fetch may be a UIDVALIDITY mismatch, after which libcurl SELECTed again.
    // After any other failure the connection may be gone, and libcurl's next transfer would
    // SELECT on a new one: EXAMINE again first.
    if (new_connection_ || (rc != CURLE_OK && rc != CURLE_QUOTE_ERROR)) examined_.clear();
    curl_code_ = static_cast<int>(rc);
    if (capturing_ && endpoint_.log) {
      endpoint_.log(endpoint_.account + ": S: [" + std::to_string(stream_.size()) + " bytes of FETCH answer]");
    }
    result_ = rc == CURLE_OK ? Status::Ok() : Translate(rc);
    return true;
  }
  return false;
}

void ImapConnection::AddToSelect(fd_set* r, fd_set* w, fd_set* e, int* max_fd, long* timeout_ms) {
  int fd = -1;
  curl_multi_fdset(Multi(multi_), r, w, e, &fd);
  *max_fd = std::max(*max_fd, fd);
  long t = -1;
  curl_multi_timeout(Multi(multi_), &t);
  if (t >= 0 && t < *timeout_ms) *timeout_ms = t;
}

Status ImapConnection::RunBlocking() {
  std::vector<ImapConnection*> one{this};
  DriveAll(one, [](std::size_t) {});
  return result_;
}

Status ImapConnection::Translate(int code) const {
  const std::string who = "account '" + endpoint_.account + "': ";
  std::string detail = error_buffer_[0] ? std::string(error_buffer_) : curl_easy_strerror(static_cast<CURLcode>(code));
  switch (code) {
    case CURLE_LOGIN_DENIED:
      return Status::Error(StatusCode::kAuthFailed,
                           who + "the server " + host_ + " refused the login of '" + endpoint_.username + "' (check " +
                               (endpoint_.xoauth2 ? "that the access token is current and belongs to that user"
                                                  : "the username and the password: bouncescan secret set " +
                                                        endpoint_.account) +
                               ")");
    case CURLE_COULDNT_RESOLVE_HOST:
      return Status::Error(StatusCode::kNetworkError,
                           who + "cannot resolve " + host_ + " (check the account's url and the network)");
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      return Status::Error(StatusCode::kNetworkError, who + "cannot reach " + host_ + ": " + detail +
                                                          " (check the account's url, the port and the network)");
    case CURLE_USE_SSL_FAILED:
      return Status::Error(StatusCode::kTlsError,
                           who + host_ + " does not offer STARTTLS, so the password would travel unencrypted (use "
                                         "imaps://, or set allow_insecure = true if that is really wanted)");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_INITFAILED:
      return Status::Error(StatusCode::kTlsError,
                           who + "TLS with " + host_ + " failed: " + detail +
                               " (check that the server's certificate is valid for that name; for a private CA set "
                               "ca_file)");
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return Status::Error(StatusCode::kNetworkError,
                           who + "the connection to " + host_ + " dropped: " + detail +
                               " (check the network; the next run continues where this one stopped)");
    case CURLE_REMOTE_FILE_NOT_FOUND:
      return Status::NotFound(who + "the server has no such folder or message, or the folder's UIDVALIDITY changed");
    case CURLE_WRITE_ERROR:
      if (overflow_) return Status::Error(StatusCode::kNetworkError, who + "the server's answer was larger than expected");
      break;
    case CURLE_QUOTE_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      return Status::Error(StatusCode::kNetworkError,
                           who + host_ + " refused '" + custom_.substr(0, custom_.find(' ', 4)) + "': " + detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Status::InvalidArgument(who + "bad url: " + detail);
    default:
      break;
  }
  return Status::Error(StatusCode::kNetworkError, who + "IMAP with " + host_ + " failed: " + detail);
}

Result<std::set<std::string>> ImapConnection::Capabilities() {
  StartCommand("", "CAPABILITY");
  if (Status s = RunBlocking(); !s.ok()) return s;
  return ParseCapabilities(body_);
}

Status ImapConnection::StartExamine(const std::string& mailbox) {
  Result<std::string> encoded = EncodeMailboxName(mailbox);
  if (!encoded.ok()) {
    return Status::InvalidArgument("account '" + endpoint_.account + "': folder '" + mailbox + "': " +
                                   encoded.status().message());
  }
  // libcurl SELECTs the URL's mailbox first (it knows nothing of EXAMINE); EXAMINE then
  // replaces that selection with a read-only one on the same connection.
  examining_ = mailbox;
  StartCommand(mailbox, "EXAMINE " + QuoteString(*encoded));
  return Status::Ok();
}

Result<MailboxInfo> ImapConnection::FinishExamine() {
  if (!result_.ok()) {
    if (curl_code_ == CURLE_LOGIN_DENIED && !new_connection_) {
      // Logged in already on this connection: it was the SELECT that was refused.
      return Status::NotFound("account '" + endpoint_.account + "': the server has no folder '" + examining_ +
                              "' (check the account's folders)");
    }
    return result_;
  }
  MailboxInfo info = ParseMailboxInfo(body_);
  if (info.uidvalidity == 0) {
    return Status::Error(StatusCode::kNetworkError, "account '" + endpoint_.account +
                                                        "': the server did not report UIDVALIDITY for '" +
                                                        examining_ + "'");
  }
  examined_ = examining_;
  return info;
}

Result<MailboxInfo> ImapConnection::Examine(const std::string& mailbox) {
  if (Status s = StartExamine(mailbox); !s.ok()) return s;
  (void)RunBlocking();
  return FinishExamine();
}

Result<std::string> ImapConnection::Command(const std::string& mailbox, const std::string& command) {
  StartCommand(mailbox, command);
  if (Status s = RunBlocking(); !s.ok()) return s;
  return std::move(body_);
}

void DriveAll(std::vector<ImapConnection*>& connections, const std::function<void(std::size_t)>& on_done) {
  while (true) {
    bool any = false;
    for (std::size_t i = 0; i < connections.size(); ++i) {
      if (!connections[i]->busy()) continue;
      if (connections[i]->Drive()) on_done(i);
    }
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    int max_fd = -1;
    long timeout_ms = 100;
    for (ImapConnection* c : connections) {
      if (!c->busy()) continue;
      any = true;
      c->AddToSelect(&r, &w, &e, &max_fd, &timeout_ms);
    }
    if (!any) return;
    if (timeout_ms == 0) continue;
    if (max_fd < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(timeout_ms, 10L)));
      continue;
    }
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    select(max_fd + 1, &r, &w, &e, &tv);
  }
}

}  // namespace bouncescan::scanner
