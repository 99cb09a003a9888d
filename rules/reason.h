// The closed vocabulary of failure reasons.
//
// Names are Sisimai's, so results compare one to one with the most complete open
// classifier; each value has a one-line definition in ReasonDefinition(). Pure.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace bouncescan::rules {

enum class Reason {
  kUndefined,        // could not be decided
  kUserUnknown,      // the mailbox does not exist at the recipient's domain
  kHostUnknown,      // the recipient's domain does not exist or has no usable MX/A
  kHasMoved,         // the recipient has moved to another address
  kNotAccept,        // the domain accepts no mail at all (null MX, no MX)
  kMailboxFull,      // the recipient's mailbox is over quota
  kSuspend,          // the mailbox exists but is disabled, suspended or inactive
  kExceedLimit,      // the message exceeds the recipient's per-message size limit
  kEmailTooLarge,    // the message is larger than the receiving server accepts
  kMesgTooBig,       // the message is too big (Sisimai's generic size reason)
  kContentError,     // the content or its encoding was refused (bad characters, headers)
  kSpamDetected,     // the content was judged to be spam
  kVirusDetected,    // the content carries a virus
  kPolicyViolation,  // a local policy of the receiving side refused the message
  kRejected,         // the sender (envelope from) was refused
  kBlocked,          // the sending IP or host was refused (blocklist, bad HELO)
  kBadReputation,    // the sending IP or domain has a poor reputation
  kRequirePtr,       // the sending IP has no (matching) reverse DNS
  kAuthFailure,      // SPF, DKIM or DMARC authentication failed
  kSecurityError,    // SMTP authentication missing or failed, account not allowed to send
  kNoRelaying,       // the server refused to relay for this sender or recipient
  kFailedStartTls,   // STARTTLS was required or failed
  kExpired,          // delivery was retried until the queue lifetime ran out
  kNetworkError,     // DNS or network failure on the way (connection refused, loops)
  kSystemError,      // an error of the receiving system (routing loop, misconfiguration)
  kSystemFull,       // the receiving system's disk is full
  kTooManyConn,      // too many connections or recipients at once
  kSpeeding,         // rate limited: too many messages in a time window
  kSyntaxError,      // the SMTP dialogue had a syntax error
  kMailerError,      // a local mailer program failed (pipe, procmail, ...)
  kNotCompliantRfc,  // the message does not comply with RFC 5322 (e.g. a bad Date header)
  kFiltered,         // refused by a recipient-side filter (user-level rule, unavailable)
  kOnHold,           // the failure is known but its cause could not be decided
  kVacation,         // an auto-reply, not a failure
  kFeedback,         // an ARF complaint: the recipient reported the message as abuse
  kDelivered,        // delivered successfully (a DSN with action delivered)
  kSuppressed,       // not sent because the address was on a suppression list
};

// "userunknown" etc.
std::string_view ReasonName(Reason reason);
// One line for humans: what the reason means.
std::string_view ReasonDefinition(Reason reason);
// Inverse of ReasonName; nullopt for an unknown name.
std::optional<Reason> ParseReason(std::string_view name);
// Every reason, in declaration order.
std::span<const Reason> AllReasons();

}  // namespace bouncescan::rules
