// Amazon SES notifications delivered by mail through SNS: a JSON document
// ({"notificationType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress":...,
// "action":..., "status":..., "diagnosticCode":...}]}}), sometimes escaped inside an SNS
// envelope. "Complaint" notifications are feedback; "Delivery" ones are not bounces.
// Field names from the SES developer guide ("Contents of notifications for Amazon SES").
// SES's ordinary RFC 3464 bounces are read by the RFC 3464 decoder.
#include <string>
#include <string_view>

#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"
#include "mime/text.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::size_t kMaxJson = 256 * 1024;

// The string value of "key" in a flat JSON object text; empty when absent. Escapes other
// than \" and \\ are kept as written (the values read here are addresses and short codes).
std::string StringField(std::string_view object, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  std::size_t at = object.find(quoted);
  if (at == std::string_view::npos) return {};
  at = object.find_first_not_of(" \t\n:", at + quoted.size());
  if (at == std::string_view::npos || object[at] != '"') return {};
  std::string out;
  for (std::size_t i = at + 1; i < object.size(); ++i) {
    const char c = object[i];
    if (c == '\\' && i + 1 < object.size()) {
      out.push_back(object[++i]);
    } else if (c == '"') {
      return out;
    } else {
      out.push_back(c);
    }
  }
  return {};
}

// The text between the '[' after "key": and its ']' (objects inside are flat).
std::string_view ArrayField(std::string_view json, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  const std::size_t at = json.find(quoted);
  if (at == std::string_view::npos) return {};
  const std::size_t open = json.find('[', at);
  const std::size_t close = json.find(']', open == std::string_view::npos ? at : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  return json.substr(open + 1, close - open - 1);
}

}  // namespace

DecoderMatch DecodeAmazonSes(const Message& message, BounceReport* report) {
  const std::string_view from = message.headers.Get("From");
  if (FindNoCase(from, "amazonaws.com") == std::string_view::npos &&
      FindNoCase(from, "amazonses.com") == std::string_view::npos) {
    return DecoderMatch::kNotMine;
  }
  std::string_view text = ReportText(message);
  if (text.find("notificationType") == std::string_view::npos) return DecoderMatch::kNotMine;
  text = text.substr(0, kMaxJson);
  // An SNS envelope carries the notification as an escaped string; unescaping quotes makes
  // both shapes read alike.
  std::string json;
  json.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '"') continue;
    if (text[i] == '\n') continue;  // notifications folded by the mail system
    json.push_back(text[i]);
  }
  const std::string type = StringField(json, "notificationType");
  const bool bounce = type == "Bounce";
  const bool complaint = type == "Complaint";
  if (!bounce && !complaint) return DecoderMatch::kNotMine;

  std::string_view list = ArrayField(json, bounce ? "bouncedRecipients" : "complainedRecipients");
  BounceReport out;
  out.kind = bounce ? ReportKind::kBounce : ReportKind::kFeedback;
  out.decoder = "amazonses";
  const std::string bounce_type = StringField(json, "bounceType");  // Permanent | Transient
  while (!list.empty()) {
    const std::size_t open = list.find('{');
    const std::size_t close = list.find('}', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) break;
    const std::string_view object = list.substr(open, close - open + 1);
    list.remove_prefix(close + 1);
    RecipientRecord r;
    r.final_recipient = ExtractAddress(StringField(object, "emailAddress"));
    if (r.final_recipient.empty()) continue;
    if (bounce) {
      r.action = ToLower(StringField(object, "action"));
      if (r.action.empty()) r.action = bounce_type == "Transient" ? "delayed" : "failed";
      r.status = FindStatusCode(StringField(object, "status"));
      std::string diagnostic = StringField(object, "diagnosticCode");
      if (const std::size_t semi = diagnostic.find(';'); semi != std::string::npos && semi < 16) {
        r.diagnostic_type = ToLower(diagnostic.substr(0, semi));
        diagnostic = diagnostic.substr(semi + 1);
      }
      r.diagnostic_code = SqueezeSpace(diagnostic);
      FillFromDiagnostic(&r);
    } else {
      r.feedback_type = StringField(json, "complaintFeedbackType");
      if (r.feedback_type.empty()) r.feedback_type = "abuse";
    }
    out.recipients.push_back(std::move(r));
  }
  if (out.recipients.empty()) return DecoderMatch::kNotMine;
  std::string mta = StringField(json, "reportingMTA");
  if (const std::size_t semi = mta.find(';'); semi != std::string::npos) mta = std::string(SqueezeSpace(mta.substr(semi + 1)));
  out.reporting_mta = mta;
  out.original.message_id = StringField(json, "messageId");
  out.original.subject = StringField(json, "subject");
  report->kind = out.kind;
  report->decoder = out.decoder;
  if (report->reporting_mta.empty()) report->reporting_mta = out.reporting_mta;
  report->recipients = std::move(out.recipients);
  if (report->original.message_id.empty()) report->original.message_id = out.original.message_id;
  if (report->original.subject.empty()) report->original.subject = out.original.subject;
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime::lhost
