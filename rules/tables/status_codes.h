// Enhanced mail system status codes (RFC 3463 and the registry that extends it) and what
// each means for a recipient. Read by rules/rule_set.cc. Pure data.
//
// A code is "generic" when servers use it for many different conditions (the subject's
// ".0", 5.7.1, and codes that real servers send for unrelated failures): a matching phrase
// then decides (rules/tables/decision_order.h). Codes of class 2 are not failures and are
// not listed. "X." matches class 4 and 5 alike (RFC 3463 section 3: the subject and
// detail keep their meaning in either class). Vendor codes live in their vendor's table (office365.h).
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

inline constexpr Strength kG = Strength::kGeneric;
inline constexpr Strength kS = Strength::kSpecific;

// clang-format off
inline constexpr std::array kStatusCodes{
  // X.1 addressing status (RFC 3463 section 3.2)
  Rule{.id = "status-x.1.1", .status = "X.1.1", .reason = Reason::kUserUnknown, .strength = kG, .source = "RFC 3463 3.2 X.1.1 Bad destination mailbox address"},
  Rule{.id = "status-x.1.2", .status = "X.1.2", .reason = Reason::kHostUnknown, .strength = kG, .source = "RFC 3463 3.2 X.1.2 Bad destination system address"},
  Rule{.id = "status-x.1.3", .status = "X.1.3", .reason = Reason::kUserUnknown, .strength = kG, .source = "RFC 3463 3.2 X.1.3 Bad destination mailbox address syntax"},
  Rule{.id = "status-x.1.4", .status = "X.1.4", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.2 X.1.4 Destination mailbox address ambiguous"},
  Rule{.id = "status-x.1.6", .status = "X.1.6", .reason = Reason::kHasMoved, .source = "RFC 3463 3.2 X.1.6 Destination mailbox has moved, no forwarding address"},
  Rule{.id = "status-x.1.7", .status = "X.1.7", .reason = Reason::kRejected, .strength = kG, .source = "RFC 3463 3.2 X.1.7 Bad sender's mailbox address syntax"},
  Rule{.id = "status-x.1.8", .status = "X.1.8", .reason = Reason::kRejected, .strength = kG, .source = "RFC 3463 3.2 X.1.8 Bad sender's system address"},
  Rule{.id = "status-x.1.10", .status = "X.1.10", .reason = Reason::kNotAccept, .strength = kG, .source = "RFC 7505 4.2 X.1.10 Recipient address has null MX"},
  Rule{.id = "status-x.1.0-address-rejected", .status = "X.1.0", .phrase = "address rejected", .reason = Reason::kUserUnknown, .source = "RFC 3463 3.2 X.1.0 Other address status, with nothing but \"Address rejected\": the recipient address itself was refused (Google Workspace \"550 #5.1.0 Address rejected.\", sample file lhost-gsuite-01)"},
  Rule{.id = "status-x.1.0-sender-rejected", .status = "X.1.0", .phrase = "sender address rejected", .reason = Reason::kRejected, .fixer = Fixer::kSender, .fix = "check-sender-address", .source = "RFC 3463 3.2 X.1.0 with \"Sender address rejected\" (Postfix smtpd): the envelope sender, not the recipient"},
  // X.2 mailbox status (RFC 3463 section 3.3)
  Rule{.id = "status-x.2.0", .status = "X.2.0", .reason = Reason::kFiltered, .strength = kG, .source = "RFC 3463 3.3 X.2.0 Other or undefined mailbox status: the mailbox refused it without saying it does not exist (Japanese carriers' receive filters answer this way)"},
  Rule{.id = "status-x.2.1", .status = "X.2.1", .reason = Reason::kSuspend, .strength = kG, .source = "RFC 3463 3.3 X.2.1 Mailbox disabled, not accepting messages"},
  Rule{.id = "status-x.2.2", .status = "X.2.2", .reason = Reason::kMailboxFull, .source = "RFC 3463 3.3 X.2.2 Mailbox full"},
  Rule{.id = "status-x.2.3", .status = "X.2.3", .reason = Reason::kExceedLimit, .source = "RFC 3463 3.3 X.2.3 Message length exceeds administrative limit"},
  Rule{.id = "status-x.2.4", .status = "X.2.4", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.3 X.2.4 Mailing list expansion problem"},
  // X.3 mail system status (RFC 3463 section 3.4)
  Rule{.id = "status-5.3.0", .status = "5.3.0", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.4 X.3.0 Other or undefined mail system status (class 5: a permanent fault of the receiving system)"},
  Rule{.id = "status-x.3.1", .status = "X.3.1", .reason = Reason::kSystemFull, .source = "RFC 3463 3.4 X.3.1 Mail system full"},
  Rule{.id = "status-x.3.2", .status = "X.3.2", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.4 X.3.2 System not accepting network messages"},
  Rule{.id = "status-x.3.3", .status = "X.3.3", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.4 X.3.3 System not capable of selected features"},
  Rule{.id = "status-x.3.4", .status = "X.3.4", .reason = Reason::kEmailTooLarge, .source = "RFC 3463 3.4 X.3.4 Message too big for system; seed s001-toolarge"},
  Rule{.id = "status-x.3.5", .status = "X.3.5", .reason = Reason::kSystemError, .source = "RFC 3463 3.4 X.3.5 System incorrectly configured"},
  // X.4 network and routing status (RFC 3463 section 3.5)
  Rule{.id = "status-x.4.1", .status = "X.4.1", .reason = Reason::kNetworkError, .strength = kG, .source = "RFC 3463 3.5 X.4.1 No answer from host"},
  Rule{.id = "status-x.4.2", .status = "X.4.2", .reason = Reason::kNetworkError, .strength = kG, .source = "RFC 3463 3.5 X.4.2 Bad connection"},
  Rule{.id = "status-x.4.3", .status = "X.4.3", .reason = Reason::kSystemError, .strength = kG, .source = "RFC 3463 3.5 X.4.3 Directory server failure"},
  Rule{.id = "status-x.4.4", .status = "X.4.4", .reason = Reason::kHostUnknown, .strength = kG, .source = "RFC 3463 3.5 X.4.4 Unable to route"},
  Rule{.id = "status-x.4.5", .status = "X.4.5", .reason = Reason::kSystemFull, .strength = kG, .source = "RFC 3463 3.5 X.4.5 Mail system congestion"},
  Rule{.id = "status-x.4.6", .status = "X.4.6", .reason = Reason::kSystemError, .source = "RFC 3463 3.5 X.4.6 Routing loop detected; seed o365-5.4.6"},
  Rule{.id = "status-x.4.7", .status = "X.4.7", .reason = Reason::kExpired, .strength = kG, .source = "RFC 3463 3.5 X.4.7 Delivery time expired"},
  // X.5 mail delivery protocol status (RFC 3463 section 3.6)
  Rule{.id = "status-x.5.1", .status = "X.5.1", .reason = Reason::kSyntaxError, .strength = kG, .source = "RFC 3463 3.6 X.5.1 Invalid command"},
  Rule{.id = "status-x.5.2", .status = "X.5.2", .reason = Reason::kSyntaxError, .strength = kG, .source = "RFC 3463 3.6 X.5.2 Syntax error"},
  Rule{.id = "status-x.5.3", .status = "X.5.3", .reason = Reason::kTooManyConn, .fixer = Fixer::kSender, .source = "RFC 3463 3.6 X.5.3 Too many recipients; seed o365-4.5.3"},
  Rule{.id = "status-x.5.4", .status = "X.5.4", .reason = Reason::kSyntaxError, .strength = kG, .source = "RFC 3463 3.6 X.5.4 Invalid command arguments"},
  Rule{.id = "status-x.5.5", .status = "X.5.5", .reason = Reason::kSyntaxError, .strength = kG, .source = "RFC 3463 3.6 X.5.5 Wrong protocol version"},
  Rule{.id = "status-x.5.6", .status = "X.5.6", .reason = Reason::kSyntaxError, .strength = kG, .source = "RFC 4954 6 X.5.6 Authentication exchange line is too long"},
  // X.6 message content or media status (RFC 3463 section 3.7, RFC 6531, RFC 6533)
  Rule{.id = "status-x.6.1", .status = "X.6.1", .reason = Reason::kContentError, .strength = kG, .source = "RFC 3463 3.7 X.6.1 Media not supported"},
  Rule{.id = "status-x.6.2", .status = "X.6.2", .reason = Reason::kContentError, .strength = kG, .source = "RFC 3463 3.7 X.6.2 Conversion required and prohibited"},
  Rule{.id = "status-x.6.3", .status = "X.6.3", .reason = Reason::kContentError, .strength = kG, .source = "RFC 3463 3.7 X.6.3 Conversion required but not supported"},
  Rule{.id = "status-x.6.4", .status = "X.6.4", .reason = Reason::kContentError, .strength = kG, .source = "RFC 3463 3.7 X.6.4 Conversion with loss performed"},
  Rule{.id = "status-x.6.5", .status = "X.6.5", .reason = Reason::kContentError, .strength = kG, .source = "RFC 3463 3.7 X.6.5 Conversion failed"},
  Rule{.id = "status-x.6.6", .status = "X.6.6", .reason = Reason::kContentError, .strength = kG, .source = "RFC 4468 5 X.6.6 Message content not available"},
  Rule{.id = "status-x.6.7", .status = "X.6.7", .status_last = "X.6.10", .reason = Reason::kContentError, .strength = kG, .source = "RFC 6531 3.6, RFC 6533 X.6.7-X.6.10 non-ASCII addresses and UTF-8 content"},
  // X.7 security or policy status (RFC 3463 section 3.8 and later registrations)
  Rule{.id = "status-x.7.0", .status = "X.7.0", .reason = Reason::kPolicyViolation, .strength = kG, .source = "RFC 3463 3.8 X.7.0 Other or undefined security status"},
  Rule{.id = "status-x.7.1", .status = "X.7.1", .reason = Reason::kPolicyViolation, .strength = kG, .source = "RFC 3463 3.8 X.7.1 Delivery not authorized, message refused"},
  Rule{.id = "status-x.7.2", .status = "X.7.2", .reason = Reason::kRejected, .strength = kG, .source = "RFC 3463 3.8 X.7.2 Mailing list expansion prohibited"},
  Rule{.id = "status-x.7.3", .status = "X.7.3", .status_last = "X.7.7", .reason = Reason::kSecurityError, .strength = kG, .source = "RFC 3463 3.8 X.7.3-X.7.7 security conversion, features, cryptographic and integrity failures"},
  Rule{.id = "status-x.7.8", .status = "X.7.8", .reason = Reason::kSecurityError, .fixer = Fixer::kSender, .fix = "check-password", .source = "RFC 4954 6 X.7.8 Authentication credentials invalid"},
  // RFC 4954 6 gives X.7.9 to AUTH ("Authentication mechanism is too weak"), an answer to the
  // submitting client that never becomes a bounce; in bounces it is Yahoo's "not accepted for
  // policy reasons" (postmaster.yahooinc.com error codes).
  Rule{.id = "status-x.7.9", .status = "X.7.9", .reason = Reason::kPolicyViolation, .strength = kG, .source = "Yahoo postmaster error codes 554 5.7.9 Message not accepted for policy reasons"},
  Rule{.id = "status-x.7.10", .status = "X.7.10", .status_last = "X.7.11", .reason = Reason::kFailedStartTls, .source = "RFC 5248 X.7.10 Encryption needed; RFC 4954 X.7.11 Encryption required for requested authentication mechanism"},
  Rule{.id = "status-x.7.13", .status = "X.7.13", .reason = Reason::kSuspend, .source = "RFC 5248 X.7.13 User account disabled"},
  Rule{.id = "status-x.7.14", .status = "X.7.14", .reason = Reason::kSecurityError, .strength = kG, .source = "RFC 5248 X.7.14 Trust relationship required"},
  Rule{.id = "status-x.7.15", .status = "X.7.15", .reason = Reason::kPolicyViolation, .source = "RFC 6710 X.7.15 Priority level is too low"},
  Rule{.id = "status-x.7.16", .status = "X.7.16", .reason = Reason::kEmailTooLarge, .source = "RFC 6710 X.7.16 Message is too big for the specified priority"},
  Rule{.id = "status-x.7.17", .status = "X.7.17", .reason = Reason::kUserUnknown, .source = "RFC 7293 X.7.17 Mailbox owner has changed"},
  Rule{.id = "status-x.7.18", .status = "X.7.18", .reason = Reason::kHostUnknown, .source = "RFC 7293 X.7.18 Domain owner has changed"},
  Rule{.id = "status-x.7.19", .status = "X.7.19", .reason = Reason::kSystemError, .source = "RFC 7293 X.7.19 RRVS test cannot be completed"},
  Rule{.id = "status-x.7.20", .status = "X.7.20", .status_last = "X.7.24", .reason = Reason::kAuthFailure, .source = "RFC 7372 3.1-3.2 X.7.20-X.7.24 no valid DKIM signature, SPF validation failed or errored"},
  Rule{.id = "status-x.7.25", .status = "X.7.25", .reason = Reason::kRequirePtr, .source = "RFC 7372 3.3 X.7.25 Reverse DNS validation failed; seed o365-5.7.25"},
  Rule{.id = "status-x.7.26", .status = "X.7.26", .reason = Reason::kAuthFailure, .source = "RFC 7372 3.4 X.7.26 Multiple authentication checks failed; seed o365-4.7.26"},
  // The *sender's* domain has a null MX: the sender must fix their address, the recipient is fine.
  Rule{.id = "status-x.7.27", .status = "X.7.27", .reason = Reason::kRejected, .fixer = Fixer::kSender, .strength = kG, .source = "RFC 7505 4.2 X.7.27 Sender address has null MX"},
  Rule{.id = "status-x.7.28", .status = "X.7.28", .reason = Reason::kSpeeding, .fixer = Fixer::kSenderAdmin, .source = "IANA SMTP Enhanced Status Codes registry X.7.28 Mail flood detected"},
  Rule{.id = "status-x.7.29", .status = "X.7.29", .reason = Reason::kAuthFailure, .source = "RFC 8617 X.7.29 ARC validation failure"},
  Rule{.id = "status-x.7.30", .status = "X.7.30", .reason = Reason::kFailedStartTls, .source = "RFC 8689 X.7.30 REQUIRETLS support required"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
