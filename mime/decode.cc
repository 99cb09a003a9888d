#include "mime/decode.h"

#include <exception>
#include <utility>

#include "mime/decoder.h"
#include "mime/decoder_util.h"
#include "mime/message.h"
#include "mime/text.h"

namespace bouncescan::mime {
namespace {

bool NotFailed(const std::string& action) {
  return action == "delivered" || action == "relayed" || action == "expanded";
}

// bounce_report.h promises UTF-8, but a decoder may take its text from bytes that were
// never converted: header fields written in raw 8-bit, the headers of a returned message.
// (Opaque parts no longer feed any text, see mime/message.h IsTextType; they once did:
// fuzz/regressions/decode/unknown-type-body-read-as-text.) Such text gets the rule for
// unlabelled text: UTF-8 if it is, windows-1252 otherwise (ToUtf8 with no charset).
void KeepUtf8(std::string* s) {
  if (IsValidUtf8(*s)) return;
  *s = ToUtf8(*s, "");
}

// What every decoder's output gets, so that no decoder has to repeat it: fields split,
// records without an address dropped, duplicates merged, a missing action inferred, and
// the kind settled from the actions.
void Finish(BounceReport* report, std::vector<std::string>* problems) {
  for (std::string* s : {&report->original.from, &report->original.to, &report->original.subject}) KeepUtf8(s);
  std::vector<RecipientRecord> records;
  for (RecipientRecord& r : report->recipients) {
    for (std::string* s : {&r.final_recipient, &r.original_recipient, &r.action, &r.status, &r.reply_code,
                           &r.diagnostic_type, &r.diagnostic_code, &r.remote_mta, &r.last_attempt_date,
                           &r.smtp_command, &r.feedback_type, &r.bounce_category}) {
      KeepUtf8(s);
    }
    CompleteRecord(&r);
    if (r.final_recipient.empty()) {
      problems->push_back("a recipient record without an address was dropped");
      continue;
    }
    // Whatever a decoder took for the address, it goes on one output line and into the
    // suppression list: text holding a line break or NUL is not an address
    // (fuzz/regressions/decode/nul-bytes-in-postfix-recipient).
    if (FirstOf(r.final_recipient, std::string_view("\r\n\0", 3)) != std::string_view::npos) {
      problems->push_back("a recipient address holding a line break or NUL was dropped");
      continue;
    }
    if (r.action.empty() && (report->kind == ReportKind::kDsn || report->kind == ReportKind::kBounce ||
                             report->kind == ReportKind::kDelay)) {
      if (!r.status.empty() && r.status[0] == '2') {
        r.action = "delivered";
      } else if (report->kind == ReportKind::kDelay) {
        r.action = "delayed";
      } else {
        r.action = "failed";
      }
    }
    bool merged = false;
    for (RecipientRecord& kept : records) {
      if (!EqualsNoCase(kept.final_recipient, r.final_recipient)) continue;
      merged = true;
      // Keep the more informative of two records for the same address.
      if (kept.status.empty()) kept.status = r.status;
      if (kept.reply_code.empty()) kept.reply_code = r.reply_code;
      if (kept.diagnostic_code.empty()) {
        kept.diagnostic_code = r.diagnostic_code;
        kept.diagnostic_type = r.diagnostic_type;
      }
      if (kept.remote_mta.empty()) kept.remote_mta = r.remote_mta;
      if (kept.action.empty() || NotFailed(kept.action)) kept.action = r.action;
      break;
    }
    if (!merged) records.push_back(std::move(r));
  }
  report->recipients = std::move(records);

  if (report->kind == ReportKind::kDsn || report->kind == ReportKind::kBounce || report->kind == ReportKind::kDelay) {
    bool any = false, any_failed = false;
    for (const RecipientRecord& r : report->recipients) {
      if (NotFailed(r.action)) continue;
      any = true;
      any_failed |= r.action != "delayed";
    }
    if (!report->recipients.empty() && !any) {
      report->kind = ReportKind::kNone;  // everything was delivered, relayed or expanded
    } else if (any && !any_failed) {
      report->kind = ReportKind::kDelay;
    } else if (report->kind == ReportKind::kDelay && any_failed) {
      report->kind = ReportKind::kDsn;
    }
  }
}

std::string StripAngles(std::string_view v) {
  v = TrimView(v);
  if (!v.empty() && v.front() == '<') v.remove_prefix(1);
  if (!v.empty() && v.back() == '>') v.remove_suffix(1);
  return std::string(v);
}

}  // namespace

DecodeResult DecodeBounce(std::string_view raw, const DecodeOptions& options) {
  DecodeResult result;
  try {
    ParseOptions parse_options;
    parse_options.max_bytes = options.max_bytes;
    parse_options.max_depth = options.max_depth;
    // No decoder reads an opaque part's bytes (mime/message.h, IsTextType): leave every one
    // undecoded rather than only the large ones.
    parse_options.max_opaque_body = 0;
    Result<Message> parsed = ParseMessage(raw, parse_options);
    if (!parsed.ok()) {
      result.malformed = true;
      result.problems.push_back(parsed.status().message());
      return result;
    }
    const Message& message = parsed.value();
    result.truncated = message.truncated;
    result.problems = message.problems;
    BounceReport& report = result.report;
    report.message_id = StripAngles(message.headers.Get("Message-ID"));
    // Decoded into the field and squeezed there: one string each, not two.
    report.subject = message.headers.GetDecoded("Subject");
    SqueezeSpaceInPlace(&report.subject);
    report.from = message.headers.GetDecoded("From");
    SqueezeSpaceInPlace(&report.from);
    report.date = SqueezeSpace(message.headers.Get("Date"));
    // Each decoder starts from the report so far. A decoder that answers "not mine" leaves
    // its report untouched (mime/decoder.h), so the one attempt is copied anew only after
    // a decoder that did not: comparing costs less than copying for every decoder tried.
    BounceReport attempt = report;
    for (const Decoder& decoder : DecoderOrder()) {
      DecoderMatch match = decoder.decode(message, &attempt);
      if (match == DecoderMatch::kNotMine) {
        if (!(attempt == report)) attempt = report;
        continue;
      }
      report = std::move(attempt);
      report.decoder = std::string(decoder.id);
      if (match == DecoderMatch::kMalformed) {
        result.problems.push_back("the " + report.decoder + " decoder found a damaged report");
      }
      break;
    }
    if (report.kind != ReportKind::kNone) {
      OriginalMessage found = FindOriginalMessage(message);
      OriginalMessage& o = report.original;
      if (o.message_id.empty()) o.message_id = std::move(found.message_id);
      if (o.from.empty()) o.from = std::move(found.from);
      if (o.to.empty()) o.to = std::move(found.to);
      if (o.subject.empty()) o.subject = std::move(found.subject);
      if (o.date.empty()) o.date = std::move(found.date);
    }
    Finish(&report, &result.problems);
  } catch (const std::exception& e) {
    // Nothing below is expected to throw; std::bad_alloc on a pathological input is the
    // realistic case. The edge of mime/ never lets an exception out.
    result = DecodeResult();
    result.malformed = true;
    result.problems.push_back(std::string("could not decode: ") + e.what());
  }
  return result;
}

}  // namespace bouncescan::mime
