// RFC 5965 Abuse Reporting Format feedback reports.
#include "mime/builtin_decoders.h"
#include "mime/decoder_util.h"
#include "mime/text.h"

namespace bouncescan::mime {

namespace {

void SetRecipients(std::vector<std::string> addresses, std::string_view type, BounceReport* report) {
  report->kind = ReportKind::kFeedback;
  report->recipients.clear();
  for (std::string& a : addresses) {
    RecipientRecord r;
    r.final_recipient = std::move(a);
    r.feedback_type = std::string(type);
    report->recipients.push_back(std::move(r));
  }
}

// Feedback that predates ARF or is not written as ARF:
//  - Microsoft's JMRP/Hotmail complaints: the complained-about message attached, with the
//    complaining recipient in X-HmXmrOriginalRecipient;
//  - Apple Mail's one-click unsubscribe (X-Apple-Unsubscribe: true), sent by the recipient.
DecoderMatch DecodeNonArfFeedback(const Message& message, BounceReport* report) {
  if (ToLower(TrimView(message.headers.Get("X-Apple-Unsubscribe"))) == "true") {
    SetRecipients({ExtractAddress(message.headers.Get("From"))}, "opt-out", report);
    return DecoderMatch::kDecoded;
  }
  for (std::size_t i = 0; i + 1 < message.parts.size(); ++i) {
    if (message.parts[i].content_type != "message/rfc822") continue;
    std::string_view original = message.parts[i + 1].headers.Get("X-HmXmrOriginalRecipient");
    if (original.empty()) continue;
    SetRecipients(FindAddresses(original), "abuse", report);
    return DecoderMatch::kDecoded;
  }
  return DecoderMatch::kNotMine;
}

}  // namespace

DecoderMatch DecodeArf(const Message& message, BounceReport* report) {
  const Part* feedback = message.Find("message/feedback-report");
  if (feedback == nullptr) return DecodeNonArfFeedback(message, report);
  Headers fields = ParseHeaderBlock(feedback->body);
  std::string type = ToLower(TrimView(fields.Get("Feedback-Type")));
  std::vector<std::string> addresses;
  // Original-Rcpt-To names the complaining recipient (RFC 5965 3.2); without it, the To
  // of the reported message is the best we have.
  for (std::string_view v : fields.GetAll("Original-Rcpt-To")) {
    for (std::string& a : FindAddresses(v)) addresses.push_back(std::move(a));
  }
  if (addresses.empty()) {
    for (std::string_view v : fields.GetAll("Removal-Recipient")) {
      for (std::string& a : FindAddresses(v)) addresses.push_back(std::move(a));
    }
  }
  if (addresses.empty()) addresses = FindAddresses(FindOriginalMessage(message).to);
  SetRecipients(std::move(addresses), type, report);
  report->reporting_mta = std::string(TrimView(fields.Get("Reporting-MTA")));
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
