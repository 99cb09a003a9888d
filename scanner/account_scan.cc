#include "scanner/account_scan.h"

#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::scanner {
namespace {

// Folder states live in the database, keyed by account and folder.
class DatabaseStateStore final : public FolderStateStore {
 public:
  DatabaseStateStore(storage::Database* db, std::string account) : db_(db), account_(std::move(account)) {}

  Result<std::optional<FolderState>> Get(const std::string& folder) override {
    if (!db_) return std::optional<FolderState>();
    Result<std::optional<storage::FolderState>> s = db_->GetFolderState(account_, folder);
    if (!s.ok()) return s.status();
    if (!s->has_value()) return std::optional<FolderState>();
    const storage::FolderState& f = **s;
    // Values outside 32 bits cannot come from an IMAP server: treat them as unknown.
    if (f.uidvalidity <= 0 || f.uidvalidity > 0xFFFFFFFFll || f.last_uid < 0 || f.last_uid > 0xFFFFFFFFll) {
      return std::optional<FolderState>();
    }
    return std::optional<FolderState>(
        FolderState{static_cast<std::uint32_t>(f.uidvalidity), static_cast<std::uint32_t>(f.last_uid)});
  }

  Status Set(const std::string& folder, const FolderState& state) override {
    if (!db_) return Status::Ok();
    return db_->SetFolderState(account_, folder, storage::FolderState{state.uidvalidity, state.last_uid});
  }

 private:
  storage::Database* db_;
  std::string account_;
};

bool ActedOn(const storage::ScanRecord& r) {
  if (r.undecodable) return false;
  switch (r.report.kind) {
    case mime::ReportKind::kDsn:
    case mime::ReportKind::kBounce:
    case mime::ReportKind::kFeedback:
    case mime::ReportKind::kDelay:
      return true;
    case mime::ReportKind::kNone:
    case mime::ReportKind::kAutoreply:
      return false;
  }
  return false;
}

std::string FoundLine(const storage::ScanRecord& r) {
  std::string line = r.source + ": " + std::string(mime::ReportKindName(r.report.kind));
  if (r.undecodable) return line + " (undecodable: " + r.problem + ")";
  for (std::size_t i = 0; i < r.report.recipients.size() && i < r.verdicts.size(); ++i) {
    const rules::Verdict& v = r.verdicts[i];
    line += (i == 0 ? " " : ", ") + r.report.recipients[i].final_recipient + " " +
            std::string(rules::ReasonName(v.reason)) + (v.hard ? " hard" : " soft") +
            (v.suppress ? " suppress" : "") + " fixer=" + std::string(rules::FixerName(v.fixer));
  }
  return line;
}

}  // namespace

AccountScanResult ScanAccount(const AccountSpec& spec, storage::Database* db, const rules::RuleSet& rules,
                              Keyring* keyring, const AccountScanHooks& hooks) {
  AccountScanResult result;
  result.account = spec.name;
  result.imap.account = spec.name;
  if (!db && !spec.options.dry_run) {
    result.status = Status::Internal("ScanAccount needs a database unless it is a dry run");
    return result;
  }
  SecretSpec secret_spec{spec.name, spec.password_command, spec.password_env,
                         spec.xoauth2 ? "access token" : "password"};
  Result<std::string> secret = GetSecret(secret_spec, keyring);
  if (!secret.ok()) {
    result.status = secret.status();
    return result;
  }
  ImapEndpoint endpoint;
  endpoint.account = spec.name;
  endpoint.url = spec.url;
  endpoint.username = spec.username;
  endpoint.secret = std::move(*secret);
  endpoint.xoauth2 = spec.xoauth2;
  endpoint.ca_file = spec.ca_file;
  endpoint.allow_insecure = spec.allow_insecure;
  endpoint.log = hooks.log;

  DatabaseStateStore state(db, spec.name);
  MessageSink sink = [&](const FetchedMessage& m) -> Result<SinkOutcome> {
    BuildOptions options;
    options.identity = "imap:" + spec.name + "/" + m.folder + "/" + std::to_string(m.uidvalidity) + "/" +
                       std::to_string(m.uid);
    std::string source = spec.name + "/" + m.folder + "/" + std::to_string(m.uid);
    storage::ScanRecord record = BuildRecord(m.raw, source, rules, options);
    if (spec.options.dry_run) {
      ++result.tally.messages;
      bool known = false;
      if (db) {
        Result<bool> a = db->IsRecorded(record.identity);
        Result<bool> b = db->IsRecorded(record.fallback_identity);
        known = (a.ok() && *a) || (b.ok() && *b);
      }
      if (known) {
        ++result.tally.already;
      } else {
        ++result.tally.recorded;
        if (ActedOn(record) && record.report.kind != mime::ReportKind::kDelay) ++result.tally.bounces;
        result.tally.events += static_cast<std::int64_t>(record.verdicts.size());
        if (record.undecodable) {
          ++result.tally.undecodable;
          result.tally.problems.push_back(record.source + ": " + record.problem);
        }
      }
    } else {
      if (Status s = Record(*db, record, result.tally); !s.ok()) return s;
    }
    if (hooks.found && record.report.kind != mime::ReportKind::kNone) hooks.found(FoundLine(record));
    return SinkOutcome{ActedOn(record)};
  };

  result.imap = ScanImapAccount(endpoint, spec.options, state, sink, hooks.progress);
  std::fill(endpoint.secret.begin(), endpoint.secret.end(), '\0');
  result.status = result.imap.status;
  for (const FolderReport& f : result.imap.folders) {
    for (std::uint32_t uid : f.truncated) {
      result.notes.push_back(f.folder + "/" + std::to_string(uid) + " is larger than max_message_bytes (" +
                             std::to_string(spec.options.max_message_bytes) +
                             "): classified from its headers and first part");
    }
    for (const std::string& n : f.notes) result.notes.push_back(f.folder + ": " + n);
  }
  return result;
}

std::string SummaryLine(const AccountScanResult& r) {
  std::string line = r.account + ":";
  for (const FolderReport& f : r.imap.folders) {
    line += " " + f.folder + " " + std::to_string(f.searched) + " searched, " + std::to_string(f.candidates) +
            " candidates, " + std::to_string(f.fetched) + " fetched";
    if (f.acted > 0) line += ", " + std::to_string(f.acted) + " flagged/moved";
    line += ";";
  }
  return line + " " + r.tally.Summary();
}

}  // namespace bouncescan::scanner
