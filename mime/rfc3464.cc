// RFC 3464 delivery status notifications.
#include "mime/builtin_decoders.h"
#include "mime/decoder_util.h"

namespace bouncescan::mime {

DecoderMatch DecodeRfc3464(const Message& message, BounceReport* report) {
  const Part* status = message.Find("message/delivery-status");
  if (status == nullptr) status = message.Find("message/global-delivery-status");
  if (status == nullptr) return DecoderMatch::kNotMine;
  std::string reporting_mta;
  std::vector<RecipientRecord> records = ParseDeliveryStatusFields(status->body, &reporting_mta);
  if (records.empty()) {
    // A delivery-status part with no recipient in it: the MTA decoders and the body-text
    // decoder may still find them in the text.
    return DecoderMatch::kNotMine;
  }
  // The fields rarely say at which SMTP command the recipient was refused; the text part
  // often does, and it tells a filter at DATA from an unknown mailbox at RCPT.
  const std::string_view text = message.MainText();
  for (RecipientRecord& r : records) {
    if (r.smtp_command.empty()) r.smtp_command = CommandForRecipient(text, r.final_recipient);
  }
  report->kind = ReportKind::kDsn;
  report->reporting_mta = reporting_mta;
  report->recipients = std::move(records);
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
