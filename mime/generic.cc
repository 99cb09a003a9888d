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
    "no mailbox", "is not a valid", "inactive", "over quota", "did not reach", "not reachable",
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

// Header fields whose appearance at the start of a line means a quoted copy of the
// original message's header has begun: nothing after it names a failed recipient.
constexpr std::string_view kQuotedHeaderFields[] = {
    "received:", "return-path:", "message-id:", "mime-version:", "dkim-signature:", "content-type:",
    "x-mailer:", "delivered-to:", "references:", "in-reply-to:", "x-original-to:",
};
constexpr std::string_view kAddressHeaderFields[] = {"from:", "to:", "cc:", "subject:", "date:", "reply-to:",
                                                     "sender:"};

bool StartsWithAny(std::string_view line, std::span<const std::string_view> names) {
  for (std::string_view n : names) {
    if (IStartsWith(line, n)) return true;
  }
  return false;
}

// The number of leading lines that come before a quoted header block.
std::size_t LinesBeforeQuotedHeader(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = TrimView(lines[i]);
    if (StartsWithAny(t, kQuotedHeaderFields)) return i;
    if (StartsWithAny(t, kAddressHeaderFields) && i + 1 < lines.size() &&
        StartsWithAny(TrimView(lines[i + 1]), kAddressHeaderFields) && !IStartsWith(t, "to:")) {
      return i;
    }
  }
  return lines.size();
}

// Message-IDs and queue IDs look like addresses ("66681288.e06d1.3824794@host").
bool LooksLikeMessageId(std::string_view address) {
  std::string_view local = address.substr(0, address.find('@'));
  if (local.size() < 10) return false;
  std::size_t digits = 0, letters = 0;
  for (char c : local) {
    if (c >= '0' && c <= '9') ++digits;
    if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) ++letters;
  }
  return digits * 2 >= local.size() && letters <= 6;
}

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
    if (!p.content_type.starts_with("text/") || p.content_type == "text/rfc822-headers") continue;
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
  lines.resize(LinesBeforeQuotedHeader(lines));
  bool subject_evidence = bounce_subject;
  std::vector<RecipientRecord> records;
  bool delay = ContainsAny(subject, kDelayWords) || IFind(subject, "delayed") != std::string_view::npos ||
               ContainsAny(text, kDelayWords);
  if (ContainsAny(text, kFinalWords)) delay = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::string& address : FindAddresses(lines[i])) {
      if (Contains(exclude, address) || IsSystemAddress(address) || LooksLikeMessageId(address)) continue;
      bool seen = false;
      for (const RecipientRecord& r : records) seen |= ToLower(r.final_recipient) == ToLower(address);
      if (seen) continue;
      // The diagnostic: the paragraph this line is in ("reject reason: Mailbox full" above
      // "target mail address: user@example.com"), at most five lines either side.
      std::string diagnostic;
      std::size_t first = i;
      while (first > 0 && i - first < 5 && !TrimView(lines[first - 1]).empty()) --first;
      for (std::size_t k = first; k < i; ++k) {
        diagnostic.append(lines[k]);
        diagnostic += ' ';
      }
      diagnostic.append(lines[i]);
      for (std::size_t k = i + 1; k < lines.size() && k < i + 6 && !TrimView(lines[k]).empty(); ++k) {
        diagnostic += ' ';
        diagnostic.append(lines[k]);
      }
      if (!HasErrorEvidence(diagnostic) && !HasErrorEvidence(text) && !subject_evidence) continue;
      RecipientRecord r;
      r.final_recipient = address;
      r.action = delay ? "delayed" : "failed";
      r.diagnostic_code = SqueezeSpace(diagnostic);
      records.push_back(std::move(r));
    }
  }
  if (records.empty() && (has_status || (system_sender && bounce_subject))) {
    // A report that names nobody ("Delivery report unavailable"): the bounced message's
    // own recipients are the ones it failed for.
    for (std::string& address : FindAddresses(original.to)) {
      if (Contains(exclude, address) || IsSystemAddress(address)) continue;
      RecipientRecord r;
      r.final_recipient = std::move(address);
      r.action = delay ? "delayed" : "failed";
      records.push_back(std::move(r));
    }
  }
  if (records.empty()) {
    if (!has_status && !(system_sender && bounce_subject)) return DecoderMatch::kNotMine;
    // A report that names nobody at all, not even in the bounced message: it is still a
    // bounce, and saying "not a bounce" would drop it silently. Marked damaged, it is
    // recorded as undecodable and listed in the digest with its subject.
    report->kind = ReportKind::kBounce;
    report->recipients.clear();
    return DecoderMatch::kMalformed;
  }
  report->kind = ReportKind::kBounce;
  report->recipients = std::move(records);
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
