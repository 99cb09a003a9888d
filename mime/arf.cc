// RFC 5965 Abuse Reporting Format feedback reports.
#include "mime/builtin_decoders.h"
#include "mime/decoder_util.h"
#include "mime/text.h"

namespace bouncescan::mime {

DecoderMatch DecodeArf(const Message& message, BounceReport* report) {
  const Part* feedback = message.Find("message/feedback-report");
  if (feedback == nullptr) return DecoderMatch::kNotMine;
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
  report->kind = ReportKind::kFeedback;
  report->reporting_mta = std::string(TrimView(fields.Get("Reporting-MTA")));
  report->recipients.clear();
  for (std::string& a : addresses) {
    RecipientRecord r;
    r.final_recipient = std::move(a);
    r.feedback_type = type;
    report->recipients.push_back(std::move(r));
  }
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
