// Last-resort decoder: an NDR that no MTA decoder recognised. It must look like one (a
// mail-system sender, a bounce subject or a delivery-status part), and the recipients are
// the addresses its text names beside an error, excluding the parties of the report itself.
#include <span>

#include "mime/builtin_decoders.h"
#include "mime/decoder_util.h"
#include "mime/text.h"

namespace bouncescan::mime {
namespace {

// Words that mark a paragraph as describing a failure.
constexpr std::string_view kErrorWords[] = {
    "unknown", "not exist", "no such", "rejected", "refused", "failed", "failure", "invalid",
    "unavailable", "full", "quota", "denied", "blocked", "not found", "error", "undeliverable",
    "could not", "couldn't", "unable", "timed out", "expired", "permanent", "disabled", "deactivated",
    "not allowed", "too large", "exceeded", "bad destination", "delivery to the following",
    "not delivered", "giving up", "delayed", "retry", "unrouteable", "unroutable", "suspended",
    "no mailbox", "is not a valid", "inactive", "over quota",
};

// Phrases of "still trying" warnings (RFC 3464 action "delayed").
constexpr std::string_view kDelayWords[] = {
    "will continue to try", "will keep trying", "will be retried", "still trying", "will retry",
    "not yet been delivered", "has not been delivered yet", "still undelivered", "delivery delayed",
    "delivery has been delayed", "is delayed", "retrying", "no action is required",
    "temporarily deferred",
};

constexpr std::string_view kFinalWords[] = {
    "permanent", "giving up", "failed permanently", "will not be retried", "could not be delivered",
    "has been returned", "undeliverable", "delivery has failed", "message was not delivered",
};

bool ContainsAny(std::string_view text, std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    if (IFind(text, w) != std::string_view::npos) return true;
  }
  return false;
}

bool HasErrorEvidence(std::string_view text) {
  return !FindReplyCode(text).empty() || !FindStatusCode(text).empty() || ContainsAny(text, kErrorWords);
}

bool IsSystemAddress(std::string_view address) {
  std::string a = ToLower(address);
  return a.rfind("mailer-daemon@", 0) == 0 || a.rfind("postmaster@", 0) == 0 ||
         a.rfind("mail-daemon@", 0) == 0 || a.rfind("double-bounce@", 0) == 0 || a.rfind("abuse@", 0) == 0 ||
         a.rfind("root@", 0) == 0;
}

bool Contains(const std::vector<std::string>& list, std::string_view address) {
  std::string a = ToLower(address);
  for (const std::string& x : list) {
    if (ToLower(x) == a) return true;
  }
  return false;
}

}  // namespace

DecoderMatch DecodeGenericBounce(const Message& message, BounceReport* report) {
  const Headers& h = message.headers;
  std::string subject = h.GetDecoded("Subject");
  bool has_status = message.Find("message/delivery-status") != nullptr;
  bool system_sender = IsMailSystemSender(h.Get("From")) || TrimView(h.Get("Return-Path")) == "<>";
  bool bounce_subject = IsBounceSubject(subject);
  if (!has_status && !system_sender && !bounce_subject) return DecoderMatch::kNotMine;

  // 1. Delivery-status fields written into a text part.
  for (const Part& p : message.parts) {
    if (p.content_type.rfind("text/", 0) != 0 || p.content_type == "text/rfc822-headers") continue;
    if (IFind(p.body, "final-recipient:") == std::string_view::npos) continue;
    std::string reporting_mta;
    std::vector<RecipientRecord> records = ParseDeliveryStatusFields(p.body, &reporting_mta);
    if (!records.empty()) {
      report->kind = ReportKind::kBounce;
      report->reporting_mta = reporting_mta;
      report->recipients = std::move(records);
      return DecoderMatch::kDecoded;
    }
  }

  // 2. Addresses named in the text beside an error.
  std::string_view whole = message.MainText();
  std::string_view text = TextBeforeQuotedOriginal(whole);
  if (!system_sender && !bounce_subject) return DecoderMatch::kNotMine;
  std::vector<std::string> exclude;
  for (std::string_view name : {"From", "To", "Cc", "Reply-To", "Return-Path", "Sender", "Delivered-To",
                                "X-Original-To", "Errors-To"}) {
    for (std::string_view v : h.GetAll(name)) {
      for (std::string& a : FindAddresses(v)) exclude.push_back(std::move(a));
    }
  }
  OriginalMessage original = FindOriginalMessage(message);
  for (std::string& a : FindAddresses(original.from)) exclude.push_back(std::move(a));

  std::vector<std::string_view> lines = SplitLines(text);
  std::vector<RecipientRecord> records;
  bool delay = ContainsAny(subject, kDelayWords) || IFind(subject, "delayed") != std::string_view::npos ||
               ContainsAny(text, kDelayWords);
  if (ContainsAny(text, kFinalWords)) delay = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::string& address : FindAddresses(lines[i])) {
      if (Contains(exclude, address) || IsSystemAddress(address)) continue;
      bool seen = false;
      for (const RecipientRecord& r : records) seen |= ToLower(r.final_recipient) == ToLower(address);
      if (seen) continue;
      // The diagnostic: this line and the rest of its paragraph.
      std::string diagnostic(lines[i]);
      for (std::size_t k = i + 1; k < lines.size() && k < i + 6 && !TrimView(lines[k]).empty(); ++k) {
        diagnostic += ' ';
        diagnostic.append(lines[k]);
      }
      if (!HasErrorEvidence(diagnostic) && !HasErrorEvidence(text)) continue;
      RecipientRecord r;
      r.final_recipient = address;
      r.action = delay ? "delayed" : "failed";
      r.diagnostic_code = SqueezeSpace(diagnostic);
      records.push_back(std::move(r));
    }
  }
  if (records.empty()) return DecoderMatch::kNotMine;
  report->kind = ReportKind::kBounce;
  report->recipients = std::move(records);
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
