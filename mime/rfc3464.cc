// RFC 3464 delivery status notifications.
#include <utility>

#include "mime/builtin_decoders.h"
#include "mime/decoder.h"
#include "mime/decoder_util.h"
#include "mime/text.h"

namespace bouncescan::mime {

namespace {

// Some MTAs (Exim for pipes, OpenSMTPD, Gmail) send delivery-status groups with no
// Diagnostic-Code and say what went wrong only in the text part. The body-text decoders
// read that text; their words fill the records the fields left empty. Runs only for such
// reports, so ordinary DSNs cost nothing more.
//
// Not re-entered: a decoder asked here may itself read the report's fields with
// DecodeRfc3464 (SurfControl's does), which would ask the decoders again, without end
// (fuzz/regressions/decode/surfcontrol-dsn-without-diagnostic-code.eml). Inside, such a
// decoder reads the fields alone.
void FillEmptyDiagnosticsFromText(const Message& message, std::vector<RecipientRecord>* records) {
  thread_local bool filling = false;
  if (filling) return;
  struct Reset {
    ~Reset() { filling = false; }
  } reset;
  filling = true;
  for (const Decoder& decoder : DecoderOrder()) {
    if (decoder.id == "arf" || decoder.id == "rfc3464" || decoder.id == "autoreply") continue;
    BounceReport text_report;
    if (decoder.decode(message, &text_report) != DecoderMatch::kDecoded) continue;
    const std::vector<RecipientRecord>& found = text_report.recipients;
    for (RecipientRecord& r : *records) {
      if (!r.diagnostic_code.empty()) continue;
      const RecipientRecord* match = nullptr;
      for (const RecipientRecord& f : found) {
        if (EqualsNoCase(f.final_recipient, r.final_recipient)) match = &f;
      }
      if (match == nullptr && found.size() == 1 && records->size() == 1) match = &found[0];
      if (match == nullptr || match->diagnostic_code.empty()) continue;
      r.diagnostic_code = match->diagnostic_code;
      if (r.smtp_command.empty()) r.smtp_command = match->smtp_command;
      if (r.reply_code.empty()) r.reply_code = match->reply_code;
      if (r.remote_mta.empty()) r.remote_mta = match->remote_mta;
    }
    return;
  }
}

}  // namespace

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
  for (const RecipientRecord& r : records) {
    if (r.diagnostic_code.empty()) {
      FillEmptyDiagnosticsFromText(message, &records);
      break;
    }
  }
  report->kind = ReportKind::kDsn;
  report->reporting_mta = std::move(reporting_mta);
  report->recipients = std::move(records);
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime
