// Seed cases inside full bounce messages, for the tests: an RFC 3464 report, an Exim
// bounce and an Office 365 NDR built around a seed diagnostic, and the check that decoding
// (mime::DecodeBounce) then judging gives the seed's verdict. Test-only.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "mime/decode.h"
#include "rules/codes.h"
#include "rules/judge.h"
#include "rules/testing/seed_cases.h"

namespace bouncescan::rules::testing {

// The recipient every message is about; "nobody@example.com" as the seed pages write it.
inline constexpr const char* kRecipient = "nobody@example.com";

inline std::string OriginalMessage() {
  return "From: Sender <sender@example.org>\n"
         "To: <nobody@example.com>\n"
         "Subject: Quotation for March\n"
         "Date: Mon, 02 Mar 2026 09:00:00 +0700\n"
         "Message-ID: <quote-42@example.org>\n";
}

// RFC 3464: transient codes come in "delayed" reports, the rest in "failed" ones.
inline std::string ActionFor(const std::string& status, const std::string& reply) {
  if (!reply.empty()) return reply[0] == '4' && (status.empty() || status[0] == '4') ? "delayed" : "failed";
  return !status.empty() && status[0] == '4' ? "delayed" : "failed";
}

inline std::string Dsn(const SeedCase& c) {
  std::string status = FindStatusInText(c.diagnostic);
  std::string reply = FindReplyInText(c.diagnostic);
  std::string action = ActionFor(status, reply);
  if (status.empty()) status = action == "delayed" ? "4.0.0" : "5.0.0";
  return "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>\n"
         "To: <sender@example.org>\n"
         "Subject: " + std::string(action == "delayed" ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender") + "\n"
         "Date: Mon, 02 Mar 2026 09:05:00 +0700\n"
         "Message-ID: <dsn-" + c.id + "@mail.example.org>\n"
         "Auto-Submitted: auto-replied\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n"
         "\n"
         "--b1\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n"
         "Your message could not be delivered to one or more recipients.\n"
         "\n"
         "--b1\n"
         "Content-Type: message/delivery-status\n"
         "\n"
         "Reporting-MTA: dns; mail.example.org\n"
         "Arrival-Date: Mon, 02 Mar 2026 09:00:01 +0700\n"
         "\n"
         "Final-Recipient: rfc822; " + kRecipient + "\n"
         "Action: " + action + "\n"
         "Status: " + status + "\n"
         "Remote-MTA: dns; mx.example.com\n"
         "Diagnostic-Code: smtp; " + c.diagnostic + "\n"
         "\n"
         "--b1\n"
         "Content-Type: text/rfc822-headers\n"
         "\n" + OriginalMessage() +
         "\n"
         "--b1--\n";
}

// Exim's own bounce text (seed page 000 quotes its "SMTP error from remote mail server" lines).
inline std::string Exim(const SeedCase& c) {
  std::string detail = c.diagnostic == "Unrouteable address"
                           ? "    Unrouteable address\n"
                           : "    host mx.example.com [192.0.2.25]\n    " + c.diagnostic + "\n";
  return "Return-path: <>\n"
         "From: Mail Delivery System <Mailer-Daemon@mail.example.org>\n"
         "To: sender@example.org\n"
         "Subject: Mail delivery failed: returning message to sender\n"
         "Date: Mon, 02 Mar 2026 09:05:00 +0700\n"
         "Message-Id: <exim-" + c.id + "@mail.example.org>\n"
         "X-Failed-Recipients: " + kRecipient + "\n"
         "Auto-Submitted: auto-replied\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n"
         "This message was created automatically by mail delivery software.\n"
         "\n"
         "A message that you sent could not be delivered to one or more of its\n"
         "recipients. This is a permanent error. The following address(es) failed:\n"
         "\n"
         "  " + kRecipient + "\n" + detail +
         "\n"
         "------ This is a copy of the message, including all the headers. ------\n"
         "\n" + OriginalMessage() +
         "\n"
         "Dear customer, please find the quotation attached.\n";
}

// The Office 365 NDR layout of seed page 003's worked example.
inline std::string Office365(const SeedCase& c) {
  return "From: Microsoft Outlook <postmaster@example.org>\n"
         "To: <sender@example.org>\n"
         "Subject: Undeliverable: Quotation for March\n"
         "Date: Mon, 02 Mar 2026 09:05:00 +0700\n"
         "Message-ID: <ndr-" + c.id + "@example.org>\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n"
         "Delivery has failed to these recipients or groups:\n"
         "\n"
         "nobody@example.com\n"
         "The email system had a problem processing this message. It won't try to deliver this message again.\n"
         "\n"
         "Diagnostic information for administrators:\n"
         "\n"
         "Generating server: BN1PR01MB001.example.org\n"
         "\n"
         "nobody@example.com\n" + c.diagnostic + "\n"
         "\n"
         "Original message headers:\n"
         "\n" + OriginalMessage();
}

inline void ExpectVerdict(const std::string& form, const SeedCase& c, const std::string& raw) {
  SCOPED_TRACE(c.id + " as " + form);
  mime::DecodeResult decoded = mime::DecodeBounce(raw);
  ASSERT_FALSE(decoded.malformed);
  ASSERT_NE(decoded.report.kind, mime::ReportKind::kNone) << raw;
  const mime::RecipientRecord* rec = nullptr;
  for (const mime::RecipientRecord& r : decoded.report.recipients) {
    if (r.final_recipient == kRecipient) rec = &r;
  }
  ASSERT_NE(rec, nullptr) << "no record for " << kRecipient;
  Verdict v = Judge(decoded.report, *rec, *RuleSet::BuiltIn());
  std::string why = "rule " + v.rule + ", diagnostic \"" + rec->diagnostic_code + "\", status " + rec->status;
  EXPECT_EQ(ReasonName(v.reason), c.reason) << why;
  EXPECT_EQ(v.hard, c.hard) << why;
  EXPECT_EQ(FixerName(v.fixer), c.fixer) << why;
  EXPECT_EQ(v.suppress, c.suppress) << why;
}

}  // namespace bouncescan::rules::testing
