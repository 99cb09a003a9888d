#include "scanner/imap_scan.h"

#include <curl/curl.h>

#include <algorithm>
#include <map>
#include <memory>

namespace bouncescan::scanner {
namespace {

// RFC 3501 atom-specials, which a keyword may not contain.
bool IsKeyword(const std::string& k) {
  if (k.empty() || k.size() > 200) return false;
  for (unsigned char c : k) {
    if (c <= 0x20 || c >= 0x7F || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' ||
        c == '\\' || c == ']') {
      return false;
    }
  }
  return true;
}

// Splits sorted numbers into chunks of at most `n`, as sequence sets.
std::vector<std::string> Chunks(const std::vector<std::uint32_t>& uids, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < uids.size(); i += n) {
    std::vector<std::uint32_t> part(uids.begin() + static_cast<std::ptrdiff_t>(i),
                                    uids.begin() + static_cast<std::ptrdiff_t>(std::min(uids.size(), i + n)));
    out.push_back(FormatSequenceSet(part));
  }
  return out;
}

// UIDs per FETCH FLAGS / STORE / MOVE / EXPUNGE command. Each answers with up to one line per
// UID, and libcurl 7.88 (Debian's security update) counts response lines against a 300 KiB
// limit in a way that grows faster than the answer: 300 FLAGS lines (12 KB) sometimes passed
// it and failed the transfer ("Too large response headers", CURLE_RECV_ERROR); 150 never did.
constexpr std::size_t kUidsPerCommand = 100;

// Batched fetching (one `UID FETCH a,b,c (... BODY.PEEK[])` command for several small
// messages, so that a first scan costs one round trip per batch, not per message). The
// sizes come from the FLAGS read (RFC822.SIZE). Limits keep every answer far from what
// libcurl damages: no body line can pass 64 KiB in a message below kBatchMessageMax, and
// an answer stays below kBatchBytes. A batch that fails or arrives incomplete is fetched
// again message by message (URL fetches), and the folder's batches get smaller.
constexpr std::uint64_t kBatchMessageMax = 48 * 1024;
constexpr std::uint64_t kBatchBytes = 128 * 1024;

// Connections dropped during one folder's fetch that are re-established before giving up.
constexpr std::uint32_t kMaxReconnects = 3;

bool IsDroppedConnection(int curl_code) {
  return curl_code == CURLE_GOT_NOTHING || curl_code == CURLE_SEND_ERROR || curl_code == CURLE_RECV_ERROR ||
         curl_code == CURLE_PARTIAL_FILE;
}

bool HasSeen(const std::vector<std::string>& flags) {
  return std::any_of(flags.begin(), flags.end(), [](const std::string& f) {
    return f.size() == 5 && (f == "\\Seen" || f == "\\SEEN" || f == "\\seen");
  });
}

class FolderScan {
 public:
  FolderScan(const ImapEndpoint& endpoint, const ImapAccountOptions& options, const std::set<std::string>& caps,
             std::vector<std::unique_ptr<ImapConnection>>& pool, FolderStateStore& state, const MessageSink& sink,
             const std::function<void(const ScanProgress&)>& progress, FolderReport& report)
      : endpoint_(endpoint), options_(options), caps_(caps), pool_(pool), state_(state), sink_(sink),
        progress_(progress), report_(report) {}

  Status Run();

 private:
  enum class Phase { kIdle, kExamining, kFetching, kBatch, kRestoring };
  struct Worker {
    Phase phase = Phase::kIdle;
    std::size_t index = 0;       // candidate being fetched or restored
    std::vector<std::size_t> batch;  // candidates of a batch fetch
  };

  Status Search(std::uint32_t from, std::uint32_t to);
  Status ReadFlags();
  Status Fetch();
  void StartNext(std::size_t i);
  void OnDone(std::size_t i);
  void OnBatchDone(std::size_t i);
  void Deliver(std::size_t index, std::string raw, bool truncated);
  std::vector<std::size_t> NextBatch();
  Status ApplyAfter(std::vector<std::uint32_t> uids);
  std::string Mailbox() const { return report_.folder; }
  std::string Quoted(const std::string& name) const {
    Result<std::string> e = EncodeMailboxName(name);
    return QuoteString(e.ok() ? *e : name);
  }
  void Report() {
    if (!progress_) return;
    progress_(ScanProgress{report_.folder, report_.searched, report_.candidates, report_.fetched, report_.bounces});
  }

  const ImapEndpoint& endpoint_;
  const ImapAccountOptions& options_;
  const std::set<std::string>& caps_;
  std::vector<std::unique_ptr<ImapConnection>>& pool_;
  FolderStateStore& state_;
  const MessageSink& sink_;
  const std::function<void(const ScanProgress&)>& progress_;
  FolderReport& report_;

  std::vector<std::uint32_t> candidates_;
  std::vector<char> seen_before_;   // per candidate
  std::vector<std::uint64_t> sizes_;  // per candidate, RFC822.SIZE; 0: unknown
  std::size_t batch_count_ = 1;     // options_.batch_count, halved after a failed batch
  std::vector<char> handled_;       // fetched and given to the sink (or vanished)
  std::vector<char> is_bounce_;
  std::size_t next_ = 0;
  std::vector<std::size_t> retry_;  // candidates whose fetch failed on a dropped connection
  std::vector<std::size_t> singles_;  // batch members to fetch on their own
  std::vector<Worker> workers_;
  Status fatal_;
};

Status FolderScan::Search(std::uint32_t from, std::uint32_t to) {
  const bool esearch = options_.use_esearch && caps_.count("ESEARCH") > 0;
  Result<std::vector<std::uint32_t>> found = SearchBounceCandidates(
      *pool_[0], Mailbox(), from, to, esearch, options_.search_window, [this, from](std::uint32_t upto, std::size_t n) {
        report_.searched = upto - from + 1;
        report_.candidates = static_cast<std::uint32_t>(n);
        Report();
      });
  if (!found.ok()) {
    const Status& st = found.status();
    if (st.message().rfind("account '", 0) == 0) return st;
    return Status::Error(st.code(), "account '" + endpoint_.account + "': folder '" + Mailbox() + "': " + st.message());
  }
  candidates_ = std::move(*found);
  report_.candidates = static_cast<std::uint32_t>(candidates_.size());
  return Status::Ok();
}

// Records which candidates are \Seen now, so that a \Seen set by a reconnect's SELECT can
// be undone (see OnDone).
Status FolderScan::ReadFlags() {
  seen_before_.assign(candidates_.size(), 1);
  sizes_.assign(candidates_.size(), 0);
  for (const std::string& set : Chunks(candidates_, kUidsPerCommand)) {
    Result<std::string> answer = pool_[0]->Command(Mailbox(), "UID FETCH " + set + " (FLAGS RFC822.SIZE)");
    if (!answer.ok()) return answer.status();
    for (const FetchFlags& f : ParseFetchFlags(*answer)) {
      auto it = std::lower_bound(candidates_.begin(), candidates_.end(), f.uid);
      if (it == candidates_.end() || *it != f.uid) continue;
      std::size_t index = static_cast<std::size_t>(it - candidates_.begin());
      seen_before_[index] = HasSeen(f.flags);
      if (f.size) sizes_[index] = *f.size;
    }
  }
  return Status::Ok();
}

void FolderScan::StartNext(std::size_t i) {
  Worker& w = workers_[i];
  ImapConnection& c = *pool_[i];
  w.phase = Phase::kIdle;
  if (!fatal_.ok() || (next_ >= candidates_.size() && retry_.empty() && singles_.empty())) return;
  if (c.examined() != Mailbox()) {
    if (Status s = c.StartExamine(Mailbox()); !s.ok()) {
      fatal_ = s;
      return;
    }
    w.phase = Phase::kExamining;
    return;
  }
  if (!retry_.empty()) {
    w.index = retry_.back();
    retry_.pop_back();
  } else if (!singles_.empty()) {
    w.index = singles_.back();
    singles_.pop_back();
  } else {
    w.batch = NextBatch();
    if (w.batch.size() > 1) {
      std::vector<std::uint32_t> uids;
      std::uint64_t bytes = 0;
      for (std::size_t index : w.batch) {
        uids.push_back(candidates_[index]);
        bytes += sizes_[index];
      }
      w.phase = Phase::kBatch;
      // The answer: the bodies, and per message a FETCH line, its closing and a little more.
      c.StartBatchFetch(Mailbox(), uids, static_cast<std::int64_t>(bytes + 64 * 1024));
      return;
    }
    w.index = w.batch.front();
    w.batch.clear();
  }
  w.phase = Phase::kFetching;
  c.StartFetch(Mailbox(), report_.uidvalidity, candidates_[w.index], options_.max_message_bytes);
}

// The next candidates in UID order that fit in one batch; a single one when the next
// candidate is too large (or of unknown size) to be batched.
std::vector<std::size_t> FolderScan::NextBatch() {
  std::vector<std::size_t> batch;
  std::uint64_t bytes = 0;
  while (next_ < candidates_.size() && batch.size() < batch_count_) {
    std::uint64_t size = sizes_[next_];
    bool small = size > 0 && size <= kBatchMessageMax && static_cast<std::int64_t>(size) < options_.max_message_bytes;
    if (!small) {
      if (batch.empty()) batch.push_back(next_++);
      break;
    }
    if (!batch.empty() && bytes + size > kBatchBytes) break;
    bytes += size;
    batch.push_back(next_++);
  }
  return batch;
}

void FolderScan::Deliver(std::size_t index, std::string raw, bool truncated) {
  std::uint32_t uid = candidates_[index];
  FetchedMessage m;
  m.folder = Mailbox();
  m.uidvalidity = report_.uidvalidity;
  m.uid = uid;
  m.raw = std::move(raw);
  m.truncated = truncated;
  if (m.truncated) report_.truncated.push_back(uid);
  ++report_.fetched;
  Result<SinkOutcome> outcome = sink_(m);
  if (!outcome.ok()) {
    fatal_ = outcome.status();
  } else {
    handled_[index] = 1;
    if (outcome->bounce) {
      is_bounce_[index] = 1;
      ++report_.bounces;
    }
  }
  Report();
}

void FolderScan::OnBatchDone(std::size_t i) {
  Worker& w = workers_[i];
  ImapConnection& c = *pool_[i];
  std::vector<std::size_t> batch = std::move(w.batch);
  w.batch.clear();
  std::vector<char> got(batch.size(), 0);
  bool whole = false;
  if (c.result().ok()) {
    FetchBodiesAnswer answer = ParseFetchBodies(c.stream());
    // A tagged NO still comes with whole FETCH responses for the messages that exist
    // (Dovecot says NO when one was expunged meanwhile); the missing ones go one by one.
    whole = answer.complete && !c.new_connection();
    if (!answer.complete) c.Discard();  // libcurl may have stopped reading mid-answer
    if (whole) {
      for (FetchedBody& m : answer.messages) {
        for (std::size_t k = 0; k < batch.size() && fatal_.ok(); ++k) {
          std::size_t index = batch[k];
          if (got[k] || candidates_[index] != m.uid) continue;
          // A body of another length than the server announced was damaged on the way.
          if ((m.size && *m.size != m.body.size()) || sizes_[index] != m.body.size()) break;
          got[k] = 1;
          ++report_.batched;
          Deliver(index, std::move(m.body), false);
          break;
        }
      }
    }
  }
  if (c.new_connection() || (!c.result().ok() && IsDroppedConnection(c.curl_code()))) ++report_.reconnects;
  if (!whole) {
    // Smaller batches from now on; these messages come one by one.
    batch_count_ = std::max<std::size_t>(1, batch_count_ / 2);
    report_.notes.push_back("a batch fetch of " + std::to_string(batch.size()) +
                            " messages failed (" + (c.result().ok() ? std::string("incomplete answer") : c.result().message()) +
                            "); fetching them one by one");
  }
  // Whatever did not arrive (expunged meanwhile, or a failed batch): one by one, where a
  // vanished message is told apart from a failure.
  for (std::size_t k = batch.size(); k-- > 0;) {
    if (!got[k]) singles_.push_back(batch[k]);
  }
}

void FolderScan::OnDone(std::size_t i) {
  Worker& w = workers_[i];
  ImapConnection& c = *pool_[i];
  switch (w.phase) {
    case Phase::kExamining: {
      Result<MailboxInfo> info = c.FinishExamine();
      if (!info.ok()) {
        fatal_ = info.status();
      } else if (info->uidvalidity != report_.uidvalidity) {
        fatal_ = Status::Error(StatusCode::kNetworkError,
                               "account '" + endpoint_.account + "': folder '" + Mailbox() +
                                   "' changed its UIDVALIDITY during the scan; the next run rescans it");
      }
      break;
    }
    case Phase::kBatch:
      OnBatchDone(i);
      break;
    case Phase::kFetching: {
      std::uint32_t uid = candidates_[w.index];
      if (c.result().ok()) {
        std::string raw = std::move(c.body());
        bool truncated = static_cast<std::int64_t>(raw.size()) >= options_.max_message_bytes;
        Deliver(w.index, std::move(raw), truncated);
      } else if (c.curl_code() == CURLE_REMOTE_FILE_NOT_FOUND) {
        // Expunged by someone else since the search, or UIDVALIDITY changed: the
        // re-EXAMINE that follows (StartNext) tells the two apart.
        report_.notes.push_back("UID " + std::to_string(uid) + " vanished before it could be fetched");
        handled_[w.index] = 1;
      } else if (IsDroppedConnection(c.curl_code()) && report_.reconnects < kMaxReconnects) {
        // Try again on a new connection (which StartNext EXAMINEs before fetching).
        ++report_.reconnects;
        retry_.push_back(w.index);
      } else {
        fatal_ = c.result();
      }
      if (c.new_connection()) {
        // The connection was re-established: libcurl logged in again and SELECTed the
        // folder read-write before fetching, which may have set \Seen.
        ++report_.reconnects;
        if (!seen_before_[w.index]) {
          w.phase = Phase::kRestoring;
          c.StartCommand(Mailbox(), "UID STORE " + std::to_string(uid) + " -FLAGS.SILENT (\\Seen)");
        }
      }
      if (w.phase == Phase::kRestoring) return;  // StartNext after the restore finished
      break;
    }
    case Phase::kRestoring:
      if (c.result().ok()) {
        ++report_.seen_restored;
      } else {
        report_.notes.push_back("could not remove the \\Seen flag that a reconnect set on UID " +
                                std::to_string(candidates_[w.index]) + ": " + c.result().message());
      }
      break;
    case Phase::kIdle:
      break;
  }
  StartNext(i);
}

Status FolderScan::Fetch() {
  std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(std::clamp(options_.connections, 1, 16)),
                                        candidates_.size());
  while (pool_.size() < n) {
    Result<std::unique_ptr<ImapConnection>> c = ImapConnection::Open(endpoint_);
    if (!c.ok()) return c.status();
    pool_.push_back(std::move(*c));
  }
  batch_count_ = std::clamp<std::size_t>(options_.batch_count, 1, 500);
  handled_.assign(candidates_.size(), 0);
  is_bounce_.assign(candidates_.size(), 0);
  workers_.assign(n, Worker{});
  for (std::size_t i = 0; i < n; ++i) StartNext(i);
  std::vector<ImapConnection*> active;
  for (std::size_t i = 0; i < n; ++i) active.push_back(pool_[i].get());
  DriveAll(active, [this](std::size_t i) { OnDone(i); });
  return fatal_;
}

Status FolderScan::ApplyAfter(std::vector<std::uint32_t> uids) {
  if (uids.empty() || options_.after == AfterAction::kKeep || options_.dry_run) return Status::Ok();
  ImapConnection& c = *pool_[0];
  std::sort(uids.begin(), uids.end());
  if (options_.after == AfterAction::kMove) {
    Result<std::string> target = EncodeMailboxName(options_.move_to);
    if (!target.ok()) return Status::InvalidArgument("after = move: " + target.status().message());
    Result<std::string> list = c.Command("", "LIST \"\" " + QuoteString(*target));
    if (!list.ok()) return list.status();
    if (ParseListNames(*list).empty()) {
      Result<std::string> created = c.Command("", "CREATE " + QuoteString(*target));
      if (!created.ok()) return created.status();
      report_.notes.push_back("created folder '" + options_.move_to + "'");
    }
  }
  // The one place that selects read-write: only to change the bounces the account asked for.
  c.ForgetExamined();
  Result<std::string> selected = c.Command(Mailbox(), "SELECT " + Quoted(Mailbox()));
  if (!selected.ok()) return selected.status();
  c.ForgetExamined();
  if (ParseMailboxInfo(*selected).uidvalidity != report_.uidvalidity) {
    return Status::Error(StatusCode::kNetworkError, "account '" + endpoint_.account + "': folder '" + Mailbox() +
                                                        "' changed its UIDVALIDITY; nothing was flagged or moved");
  }
  const bool move = caps_.count("MOVE") > 0;
  const bool uidplus = caps_.count("UIDPLUS") > 0;
  for (const std::string& set : Chunks(uids, kUidsPerCommand)) {
    std::vector<std::string> commands;
    if (options_.after == AfterAction::kFlag) {
      commands.push_back("UID STORE " + set + " +FLAGS.SILENT (" + options_.flag_keyword + ")");
    } else if (move) {
      commands.push_back("UID MOVE " + set + " " + Quoted(options_.move_to));
    } else {
      commands.push_back("UID COPY " + set + " " + Quoted(options_.move_to));
      if (uidplus) {
        // Only these UIDs: UID EXPUNGE (RFC 4315) never removes anything else marked \Deleted.
        commands.push_back("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
        commands.push_back("UID EXPUNGE " + set);
      }
    }
    for (const std::string& command : commands) {
      Result<std::string> r = c.Command(Mailbox(), command);
      if (!r.ok()) return r.status();
      if (c.new_connection()) {
        return Status::Error(StatusCode::kNetworkError, "account '" + endpoint_.account +
                                                            "': the connection dropped while applying after = " +
                                                            (move ? "move" : "flag") + "; the next run retries");
      }
    }
  }
  if (options_.after == AfterAction::kMove && !move && !uidplus) {
    report_.notes.push_back("the server supports neither MOVE nor UIDPLUS: bounces were copied to '" +
                            options_.move_to + "' and the originals kept");
  }
  report_.acted = static_cast<std::uint32_t>(uids.size());
  return Status::Ok();
}

Status FolderScan::Run() {
  ImapConnection& c = *pool_[0];
  Result<MailboxInfo> info = c.Examine(Mailbox());
  if (!info.ok()) return info.status();
  report_.uidvalidity = info->uidvalidity;
  Result<std::optional<FolderState>> prev = state_.Get(Mailbox());
  if (!prev.ok()) return prev.status();
  std::uint32_t from = 1;
  if (prev->has_value()) {
    if ((*prev)->uidvalidity == info->uidvalidity) {
      from = (*prev)->last_uid + 1;
    } else {
      report_.uidvalidity_changed = true;
      report_.notes.push_back("UIDVALIDITY changed from " + std::to_string((*prev)->uidvalidity) + " to " +
                              std::to_string(info->uidvalidity) + ": rescanning the folder");
    }
  }
  std::uint32_t to = 0;
  if (info->exists > 0) {
    if (info->uidnext > 0) {
      to = info->uidnext - 1;
    } else {
      // No UIDNEXT: the highest UID is that of the last message.
      Result<std::string> last = c.Command(Mailbox(), "UID FETCH * (UID)");
      if (!last.ok()) return last.status();
      for (const FetchFlags& f : ParseFetchFlags(*last)) to = std::max(to, f.uid);
    }
  }
  std::uint32_t new_last = from - 1;
  if (from <= to && from != 0) {
    if (Status s = Search(from, to); !s.ok()) return s;
    if (!candidates_.empty()) {
      if (Status s = ReadFlags(); !s.ok()) return s;
    }
    Status fetched = Fetch();
    std::vector<std::uint32_t> bounces;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      if (handled_[i] && is_bounce_[i]) bounces.push_back(candidates_[i]);
    }
    Status after = fetched.ok() ? ApplyAfter(bounces) : Status::Ok();
    const bool acted = options_.after == AfterAction::kKeep || (fetched.ok() && after.ok());
    // Everything up to the first candidate not handled (or whose post-action is pending).
    new_last = to;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      if (!handled_[i] || (is_bounce_[i] && !acted)) {
        new_last = candidates_[i] - 1;
        break;
      }
    }
    if (new_last < from - 1) new_last = from - 1;
    Status first_error = !fetched.ok() ? fetched : after;
    if (!options_.dry_run) {
      FolderState next{report_.uidvalidity, new_last};
      if (Status s = state_.Set(Mailbox(), next); !s.ok() && first_error.ok()) first_error = s;
    }
    return first_error;
  }
  if (!options_.dry_run && (!prev->has_value() || report_.uidvalidity_changed)) {
    return state_.Set(Mailbox(), FolderState{report_.uidvalidity, new_last});
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::uint32_t>> SearchBounceCandidates(
    ImapConnection& c, const std::string& mailbox, std::uint32_t from, std::uint32_t to, bool esearch,
    std::uint32_t window, const std::function<void(std::uint32_t, std::size_t)>& progress) {
  const std::string key = BounceSearchKey();
  window = std::max<std::uint32_t>(1, window);
  std::vector<std::uint32_t> candidates;
  std::uint64_t a = from;
  while (a <= to) {
    std::uint64_t b = std::min<std::uint64_t>(to, a + window - 1);
    std::string range = std::to_string(a) + ":" + std::to_string(b);
    std::string command = esearch ? "UID SEARCH RETURN (ALL COUNT) UID " + range + " " + key
                                  : "UID SEARCH UID " + range + " " + key;
    Result<std::string> answer = c.Command(mailbox, command);
    if (!answer.ok()) return answer.status();
    std::vector<std::uint32_t> found;
    std::string damage;  // why the answer cannot be trusted, if it cannot
    if (esearch) {
      Result<ESearchResult> r = ParseESearch(*answer);
      if (!r.ok()) {
        damage = r.status().message();
      } else if (r->count && *r->count != r->all.size()) {
        // COUNT proves the answer arrived whole.
        damage = std::to_string(r->all.size()) + " of " + std::to_string(*r->count) + " UIDs arrived";
      } else {
        found = std::move(r->all);
      }
    } else {
      Result<std::vector<std::uint32_t>> r = ParseSearch(*answer);
      if (!r.ok()) damage = r.status().message();
      else found = std::move(*r);
    }
    // An explicit UID range never matches outside itself: anything else is a damaged line.
    if (damage.empty() && !found.empty() && (found.front() < a || found.back() > b)) {
      damage = "UIDs outside the range searched";
    }
    if (!damage.empty()) {
      if (window > 64) {
        window /= 2;  // retry the same range in smaller pieces: shorter answer lines
        continue;
      }
      return Status::Error(StatusCode::kNetworkError, "the search answer for UIDs " + range +
                                                          " arrived damaged (" + damage + ")");
    }
    candidates.insert(candidates.end(), found.begin(), found.end());
    if (progress) progress(static_cast<std::uint32_t>(b), candidates.size());
    a = b + 1;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

Status ParseAfter(const std::string& after, ImapAccountOptions* options) {
  if (after == "keep") {
    options->after = AfterAction::kKeep;
  } else if (after == "flag") {
    options->after = AfterAction::kFlag;
  } else if (after.rfind("move:", 0) == 0 && after.size() > 5) {
    options->after = AfterAction::kMove;
    options->move_to = after.substr(5);
    if (!EncodeMailboxName(options->move_to).ok()) {
      return Status::InvalidArgument("after = \"" + after + "\": the folder name is not valid UTF-8 text");
    }
  } else {
    return Status::InvalidArgument("after = \"" + after + "\" is not one of \"keep\", \"flag\", \"move:FOLDER\"");
  }
  return Status::Ok();
}

AccountReport ScanImapAccount(const ImapEndpoint& endpoint, const ImapAccountOptions& options,
                              FolderStateStore& state, const MessageSink& sink,
                              const std::function<void(const ScanProgress&)>& progress) {
  AccountReport report;
  report.account = endpoint.account;
  if (options.after == AfterAction::kFlag && !IsKeyword(options.flag_keyword)) {
    report.status = Status::InvalidArgument("account '" + endpoint.account + "': flag_keyword '" +
                                            options.flag_keyword + "' is not a valid IMAP keyword");
    return report;
  }
  if (options.max_message_bytes < 1024) {
    report.status = Status::InvalidArgument("account '" + endpoint.account + "': max_message_bytes must be at least 1024");
    return report;
  }
  std::vector<std::unique_ptr<ImapConnection>> pool;
  Result<std::unique_ptr<ImapConnection>> first = ImapConnection::Open(endpoint);
  if (!first.ok()) {
    report.status = first.status();
    return report;
  }
  pool.push_back(std::move(*first));
  Result<std::set<std::string>> caps = pool[0]->Capabilities();
  if (!caps.ok()) {
    report.status = caps.status();
    return report;
  }
  for (const std::string& folder : options.folders) {
    if (options.after == AfterAction::kMove && folder == options.move_to) {
      report.folders.push_back(FolderReport{});
      report.folders.back().folder = folder;
      report.folders.back().notes.push_back("not scanned: it is the folder bounces are moved to");
      continue;
    }
    FolderReport fr;
    fr.folder = folder;
    FolderScan scan(endpoint, options, *caps, pool, state, sink, progress, fr);
    Status s = scan.Run();
    report.folders.push_back(std::move(fr));
    if (!s.ok()) {
      if (report.status.ok()) report.status = s;
      // A missing folder does not stop the others; anything else ends the account's scan.
      if (s.code() != StatusCode::kNotFound) break;
    }
  }
  return report;
}

}  // namespace bouncescan::scanner
