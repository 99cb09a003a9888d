#include "scanner/pipeline.h"

#include <algorithm>
#include <array>

#include "scanner/sha256.h"

namespace bouncescan::scanner {
namespace {

// The body of `raw` after the first empty line (any line-end convention), or all of it.
std::string_view Body(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\n' && raw[i] != '\r') continue;
    std::size_t j = i + ((raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1);
    if (j < raw.size() && (raw[j] == '\n' || raw[j] == '\r')) {
      std::size_t k = j + ((raw[j] == '\r' && j + 1 < raw.size() && raw[j + 1] == '\n') ? 2 : 1);
      return raw.substr(k);
    }
  }
  return raw;
}

// Tells `done_with` (if set) about the stretches of `raw` that a forward-only reader has
// passed, in whole kReadStep steps, and at the end about the rest.
class ReadBehind {
 public:
  ReadBehind(std::string_view raw, const std::function<void(std::string_view)>& done_with)
      : raw_(raw), done_with_(done_with) {}

  // The reader will not look before raw[offset] again.
  void Passed(std::size_t offset) {
    if (!done_with_ || offset < released_ + kReadStep) return;
    const std::size_t upto = offset / kReadStep * kReadStep;
    done_with_(raw_.substr(released_, upto - released_));
    released_ = upto;
  }

  void Finished() {
    if (done_with_ && released_ < raw_.size()) done_with_(raw_.substr(released_));
    released_ = raw_.size();
  }

 private:
  std::string_view raw_;
  const std::function<void(std::string_view)>& done_with_;
  std::size_t released_ = 0;
};

// Hash of raw[body_start...] with CRLF/CR as LF, trailing blanks of each line and trailing
// empty lines removed, and one level of mbox ">From " quoting undone; 16 hex digits.
std::string BodyHash(std::string_view raw, std::size_t body_start, ReadBehind& behind) {
  Sha256 h;
  std::string pending_newlines;
  std::size_t i = body_start;
  while (i < raw.size()) {
    std::size_t end = i;
    while (end < raw.size() && raw[end] != '\n' && raw[end] != '\r') ++end;
    std::string_view line = raw.substr(i, end - i);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.size() >= 6 && line.substr(0, 6) == ">From ") line.remove_prefix(1);
    if (!line.empty()) {
      h.Update(pending_newlines);
      pending_newlines.clear();
      h.Update(line);
    }
    if (end < raw.size()) {
      pending_newlines += '\n';
      end += (raw[end] == '\r' && end + 1 < raw.size() && raw[end + 1] == '\n') ? 2 : 1;
    }
    i = end;
    behind.Passed(i);
  }
  behind.Finished();
  return DigestHex(h.Finish(), 16);
}

// SHA-256 of all of raw, 64 hex digits.
std::string WholeHash(std::string_view raw, ReadBehind& behind) {
  Sha256 h;
  for (std::size_t i = 0; i < raw.size(); i += kReadStep) {
    h.Update(raw.substr(i, kReadStep));
    behind.Passed(std::min(raw.size(), i + kReadStep));
  }
  behind.Finished();
  return DigestHex(h.Finish(), 64);
}

// The Message-ID an identity is made of: without blanks and angle brackets around it.
std::string_view IdentityMessageId(const mime::BounceReport& report) {
  std::string_view id = report.message_id;
  while (!id.empty() && (id.front() == ' ' || id.front() == '<')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '>')) id.remove_suffix(1);
  return id;
}

}  // namespace

std::string ContentIdentity(std::string_view raw, const mime::BounceReport& report,
                            const std::function<void(std::string_view)>& done_with) {
  const std::string_view id = IdentityMessageId(report);
  ReadBehind behind(raw, done_with);
  if (id.empty()) return "sha256:" + WholeHash(raw, behind);
  const std::size_t body_start = raw.size() - Body(raw).size();
  return "msgid:" + std::string(id) + "#" + BodyHash(raw, body_start, behind);
}

std::string ContentIdentity(const ContentDigests& digests, const mime::BounceReport& report) {
  const std::string_view id = IdentityMessageId(report);
  if (id.empty()) return "sha256:" + digests.whole;
  return "msgid:" + std::string(id) + "#" + digests.body;
}

bool IsUndecodable(const mime::DecodeResult& decoded, std::string* problem) {
  const mime::BounceReport& r = decoded.report;
  if (decoded.malformed) {
    *problem = decoded.problems.empty() ? "the message could not be parsed" : decoded.problems.front();
    return true;
  }
  if (!r.recipients.empty()) return false;
  const bool bounce_kind =
      r.kind == mime::ReportKind::kDsn || r.kind == mime::ReportKind::kBounce || r.kind == mime::ReportKind::kFeedback;
  if (bounce_kind) {
    *problem = "looks like a " + std::string(mime::ReportKindName(r.kind)) + " but names no recipient";
    if (!decoded.problems.empty()) *problem += ": " + decoded.problems.front();
    return true;
  }
  if (!r.decoder.empty() && r.kind != mime::ReportKind::kAutoreply && r.kind != mime::ReportKind::kDelay) {
    // A decoder claimed it (so it is a report) but could read no recipient out of it.
    *problem = "the " + r.decoder + " decoder recognised a report but could not read it";
    if (!decoded.problems.empty()) *problem += ": " + decoded.problems.back();
    return true;
  }
  return false;
}

storage::ScanRecord BuildRecord(std::string_view raw, const std::string& source, const rules::RuleSet& rules,
                                const BuildOptions& options) {
  storage::ScanRecord record;
  mime::DecodeResult decoded = mime::DecodeBounce(raw, options.decode);
  record.source = source;
  record.undecodable = IsUndecodable(decoded, &record.problem);
  record.report = std::move(decoded.report);
  record.fallback_identity = options.digests != nullptr ? ContentIdentity(*options.digests, record.report)
                                                        : ContentIdentity(raw, record.report, options.done_with);
  record.identity = options.identity.empty() ? record.fallback_identity : options.identity;
  record.verdicts.reserve(record.report.recipients.size());
  for (const mime::RecipientRecord& r : record.report.recipients) {
    record.verdicts.push_back(rules::Judge(record.report, r, rules));
  }
  return record;
}

Status Record(storage::Database& db, const storage::ScanRecord& record, ScanTally& tally) {
  ++tally.messages;
  Result<storage::RecordOutcome> outcome = db.Record(record);
  if (!outcome.ok()) return outcome.status();
  if (!outcome->recorded) {
    ++tally.already;
    return Status::Ok();
  }
  ++tally.recorded;
  if (record.report.kind != mime::ReportKind::kNone && record.report.kind != mime::ReportKind::kAutoreply) {
    ++tally.bounces;
  }
  tally.events += outcome->events;
  if (record.undecodable) {
    ++tally.undecodable;
    tally.problems.push_back(record.source + ": " + record.problem);
  }
  for (std::string& a : outcome->newly_suppressed) tally.newly_suppressed.push_back(std::move(a));
  return Status::Ok();
}

std::string ScanTally::Summary() const {
  std::string s = std::to_string(messages) + (messages == 1 ? " message: " : " messages: ") +
                  std::to_string(recorded) + " new, " + std::to_string(already) + " already recorded; " +
                  std::to_string(events) + " new events; " + std::to_string(newly_suppressed.size()) +
                  (newly_suppressed.size() == 1 ? " address" : " addresses") + " newly suppressed";
  if (undecodable > 0) s += "; " + std::to_string(undecodable) + " undecodable";
  return s;
}

}  // namespace bouncescan::scanner
