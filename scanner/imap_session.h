// ImapConnection: one IMAP connection to one server, on a libcurl easy handle driven by
// its own multi handle (so that several connections run in parallel from one thread and
// each keeps its own connection cache: the read-only selection below lives in the
// connection, and a handle must never pick up another's connection).
//
// libcurl behaviours this class exists to contain (see scanner/README.md):
// - a URL naming a mailbox makes libcurl SELECT it read-write, and a URL fetch then sets
//   \Seen. Examine() sends EXAMINE right after libcurl's SELECT on the same connection, so
//   later URL fetches reuse a read-only selection. A transfer that opened a new connection
//   (new_connection()) lost that: the caller must Examine() again before fetching.
// - custom requests truncate long response lines silently and stop early at a literal line
//   that starts with the command's tag, so they are used for short single-line answers,
//   and for batch fetches of small messages (StartBatchFetch) whose answer is checked whole
//   (ParseFetchBodies) before it is trusted; other bodies come from URL fetches with
//   ;UIDVALIDITY= (a changed mailbox is refused) and ;PARTIAL= (the size cap).
// - debug output carries the credentials: Log lines are redacted (RedactClientLine) and
//   message bodies are never logged.
//
// Used by scanner/imap_scan.cc and the integration tests. Not thread-safe; one thread
// drives any number of connections (see DriveAll).
#pragma once

#include <sys/select.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "scanner/imap_response.h"

namespace bouncescan::scanner {

// How to reach and log in to one IMAP server.
struct ImapEndpoint {
  std::string account;             // for messages
  std::string url;                 // imaps://host[:port] or imap://host[:port] (STARTTLS)
  std::string username;
  std::string secret;              // password, or the access token when xoauth2
  bool xoauth2 = false;
  std::string ca_file;             // PEM CA bundle to trust instead of the system's; optional
  bool allow_insecure = false;     // imap:// without STARTTLS may send the password in clear
  long connect_timeout_seconds = 30;
  long stall_timeout_seconds = 120;  // a transfer receiving nothing for this long fails
  // Receives the redacted IMAP conversation (--verbose); null: no logging.
  std::function<void(const std::string&)> log;
};

// Checks the URL (scheme imap/imaps, a host, no path) and returns "scheme://host[:port]".
// Like Open(), loads libcurl first (dynlib::LoadCurl) and returns its error when it is missing.
Result<std::string> NormaliseServerUrl(const std::string& url);

class ImapConnection {
 public:
  // Validates the endpoint; does not connect yet (the first transfer does).
  static Result<std::unique_ptr<ImapConnection>> Open(const ImapEndpoint& endpoint);
  ~ImapConnection();
  ImapConnection(const ImapConnection&) = delete;
  ImapConnection& operator=(const ImapConnection&) = delete;

  // --- blocking operations (each one transfer) ---

  // Logs in if needed and returns the server's capabilities (upper case).
  Result<std::set<std::string>> Capabilities();
  // Opens `mailbox` (UTF-8 name) read-only on this connection; returns what EXAMINE said.
  Result<MailboxInfo> Examine(const std::string& mailbox);
  // Sends `command` (a complete IMAP command without tag) and returns the untagged lines.
  // With a mailbox, libcurl SELECTs it first unless this connection has it selected.
  // Only for commands whose answer is short lines (never FETCH of bodies).
  Result<std::string> Command(const std::string& mailbox, const std::string& command);

  // --- non-blocking transfers, for driving many connections at once ---

  // Starts fetching message `uid` of `mailbox` (which must be Examine()d on this
  // connection with that uidvalidity), at most `max_bytes` bytes of it.
  void StartFetch(const std::string& mailbox, std::uint32_t uidvalidity, std::uint32_t uid, std::int64_t max_bytes);
  // Starts `UID FETCH uids (UID RFC822.SIZE BODY.PEEK[])` of `mailbox` (Examine()d on
  // this connection) as one command: one round trip for all of them. libcurl hands the
  // literals of a custom request to its header callback, so the whole answer as received
  // lands in stream() (parse it with ParseFetchBodies), at most `max_bytes` of it. Only for
  // messages known to be small: libcurl damages lines longer than its buffer and stops
  // early at a body line that starts with the command's tag, which ParseFetchBodies
  // reports as incomplete; call Discard() then.
  void StartBatchFetch(const std::string& mailbox, const std::vector<std::uint32_t>& uids, std::int64_t max_bytes);
  // The connection's state is unknown (an answer was not read to its end): the next
  // transfer opens a new connection, which must be Examine()d first.
  void Discard() {
    fresh_ = true;
    examined_.clear();
  }
  // Starts a custom command (as Command()).
  void StartCommand(const std::string& mailbox, const std::string& command);
  // Starts Examine() of `mailbox`; FinishExamine() reads its answer once it finished.
  Status StartExamine(const std::string& mailbox);
  Result<MailboxInfo> FinishExamine();
  // Call after sending SELECT yourself: the selection is no longer read-only.
  void ForgetExamined() { examined_.clear(); }
  bool busy() const { return busy_; }
  // Advances the running transfer; returns true once it has finished (see result()).
  bool Drive();
  // Adds this connection's sockets and timeout to a select() set.
  void AddToSelect(fd_set* r, fd_set* w, fd_set* e, int* max_fd, long* timeout_ms);

  // --- the last finished transfer ---
  const Status& result() const { return result_; }
  std::string& body() { return body_; }
  // Everything the server sent during the last StartBatchFetch() transfer.
  std::string& stream() { return stream_; }
  // True if the last transfer opened a new connection (so the read-only selection is gone).
  bool new_connection() const { return new_connection_; }
  // The curl result of the last transfer (0 on success), for callers that tell
  // "message vanished" (78) from other failures.
  int curl_code() const { return curl_code_; }
  // The mailbox this connection has EXAMINEd and the UIDVALIDITY seen then; empty after a
  // reconnect.
  const std::string& examined() const { return examined_; }

 private:
  explicit ImapConnection(const ImapEndpoint& endpoint);
  Status Setup();
  void ApplyOptions();
  void Start(const std::string& url, const std::string& custom, std::int64_t max_bytes);
  Status RunBlocking();
  Status Translate(int curl_code) const;
  std::string MailboxUrl(const std::string& mailbox) const;
  static std::size_t OnWrite(char* data, std::size_t size, std::size_t n, void* self);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* self);
  static int OnDebug(void* handle, int type, char* data, std::size_t size, void* self);

  ImapEndpoint endpoint_;
  std::string base_url_;
  std::string host_;
  void* easy_ = nullptr;    // CURL*
  void* multi_ = nullptr;   // CURLM*
  bool busy_ = false;
  bool ever_connected_ = false;
  std::string custom_;
  std::string body_;
  std::string stream_;
  bool capturing_ = false;
  bool fresh_ = false;
  std::int64_t body_limit_ = 0;
  bool overflow_ = false;
  Status result_;
  int curl_code_ = 0;
  bool new_connection_ = false;
  std::string examined_;
  std::string examining_;
  char error_buffer_[256] = {};
  std::string log_pending_;
};

// Runs every busy connection until each finishes one transfer; `on_done(i)` is called
// for connection i when its transfer finished and may start another one on it. Returns
// when no connection is busy.
void DriveAll(std::vector<ImapConnection*>& connections, const std::function<void(std::size_t)>& on_done);

}  // namespace bouncescan::scanner
