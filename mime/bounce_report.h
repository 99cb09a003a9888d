// BounceReport: what one message says about delivery failures, in RFC 3464 terms.
//
// Produced by mime::DecodeBounce (mime/decode.h) from raw bytes; consumed by rules/
// (verdicts), storage/ (events) and the CLI (classify output). Plain values, no I/O.
// Field names follow RFC 3464 section 2.3 so that a reader of the RFC can find them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::mime {

// What kind of message this is.
enum class ReportKind {
  kNone,       // not a bounce: ordinary mail, a delivered/relayed DSN with nothing failed
  kDsn,        // an RFC 3464 multipart/report; report-type=delivery-status
  kBounce,     // a non-standard NDR (a decoder read the failure out of the body text)
  kFeedback,   // an RFC 5965 ARF feedback report (abuse/complaint)
  kAutoreply,  // vacation / out-of-office (RFC 3834); never a failure
  kDelay,      // "delivery delayed, still trying" warning; nothing has failed yet
};

// "dsn", "bounce", "feedback", "autoreply", "delay", "none" (the classify --json contract).
std::string_view ReportKindName(ReportKind kind);

// One failed (or delayed, delivered, ...) recipient. Strings are UTF-8; empty means absent.
struct RecipientRecord {
  std::string final_recipient;     // bare address "user@example.com", as the report gives it
  std::string original_recipient;  // Original-Recipient, bare address, if given
  std::string action;              // failed | delayed | delivered | relayed | expanded (lowercase)
  std::string status;              // enhanced status "5.1.1" (RFC 3463), if any
  std::string reply_code;          // SMTP reply code "550" split out of the diagnostic, if any
  std::string diagnostic_type;     // "smtp", "x-unix", ... (lowercase), if given
  std::string diagnostic_code;     // the server's words, unfolded, whitespace squeezed
  std::string remote_mta;          // host name (or [ip]) of the MTA that refused, if known
  std::string last_attempt_date;   // as written in the report (RFC 5322 date), if given
  std::string smtp_command;        // RCPT, DATA, MAIL, CONN, HELO ... at which it failed, if known
  std::string feedback_type;       // ARF only: abuse, fraud, ... (RFC 5965)
  // The reporting MTA's own class of this failure, lowercase, when its report carries one
  // (PowerMTA: "X-PowerMTA-BounceCategory: bad-mailbox"); rules/tables/categories.h reads it.
  std::string bounce_category;

  bool operator==(const RecipientRecord&) const = default;
};

// Headers of the message that bounced, from message/rfc822, text/rfc822-headers or a
// quoted copy in the body. Decoded to UTF-8 (RFC 2047).
struct OriginalMessage {
  std::string message_id;  // without angle brackets
  std::string from;
  std::string to;
  std::string subject;
  std::string date;

  bool operator==(const OriginalMessage&) const = default;
};

struct BounceReport {
  ReportKind kind = ReportKind::kNone;
  std::string decoder;        // id of the decoder that recognised it: "rfc3464", "postfix", ...
  std::string reporting_mta;  // Reporting-MTA, or the host the NDR came from
  // Headers of the report message itself.
  std::string message_id;     // without angle brackets
  std::string subject;        // decoded
  std::string from;           // decoded
  std::string date;
  std::vector<RecipientRecord> recipients;
  OriginalMessage original;

  bool operator==(const BounceReport&) const = default;
};

}  // namespace bouncescan::mime
