// Who usually has to act for each reason, and which suggested fix goes with it, when the
// rule that decided does not say. Read by rules/rule_set.cc. Pure data.
//
// Sources: the fixer definitions and the seed pages' advice (000: Gmail and Exim
// errors, 001: SMTP 5xx errors, 002: disabled accounts and MX problems, 003: Office 365 NDRs).
#pragma once

#include <array>
#include <string_view>

#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::rules::tables {

struct ReasonDefault {
  Reason reason;
  Fixer fixer;
  std::string_view fix;  // key into rules/tables/fixes.h
};

// clang-format off
inline constexpr std::array kReasonDefaults{
  ReasonDefault{Reason::kUndefined, Fixer::kNone, "read-the-reply"},
  ReasonDefault{Reason::kUserUnknown, Fixer::kSender, "check-address"},         // seed s000-nouser-*
  ReasonDefault{Reason::kHostUnknown, Fixer::kSender, "check-domain"},          // seed s000-unrouteable
  ReasonDefault{Reason::kHasMoved, Fixer::kSender, "update-address"},
  ReasonDefault{Reason::kNotAccept, Fixer::kSender, "check-domain"},
  ReasonDefault{Reason::kMailboxFull, Fixer::kRecipient, "contact-recipient"},  // seed s000-quota
  ReasonDefault{Reason::kSuspend, Fixer::kRecipient, "contact-recipient"},      // seed s002-disabled
  ReasonDefault{Reason::kExceedLimit, Fixer::kSender, "reduce-size"},
  ReasonDefault{Reason::kEmailTooLarge, Fixer::kSender, "reduce-size"},         // seed s001-toolarge
  ReasonDefault{Reason::kMesgTooBig, Fixer::kSender, "reduce-size"},
  ReasonDefault{Reason::kContentError, Fixer::kSender, "fix-content"},          // seed o365-5.6.11
  ReasonDefault{Reason::kSpamDetected, Fixer::kSender, "avoid-spam"},           // seed s000-spam
  ReasonDefault{Reason::kVirusDetected, Fixer::kSender, "remove-virus"},
  ReasonDefault{Reason::kPolicyViolation, Fixer::kRecipientAdmin, "ask-permission"},
  ReasonDefault{Reason::kRejected, Fixer::kSender, "check-sender-address"},     // seed o365-5.1.0
  ReasonDefault{Reason::kBlocked, Fixer::kSenderAdmin, "delist-ip"},            // seed s001-blacklist
  ReasonDefault{Reason::kBadReputation, Fixer::kSenderAdmin, "delist-ip"},      // seed o365-5.7.606
  ReasonDefault{Reason::kRequirePtr, Fixer::kSenderAdmin, "set-ptr"},           // seed o365-5.7.25
  ReasonDefault{Reason::kAuthFailure, Fixer::kSenderAdmin, "check-spf-dkim"},   // seed s000-auth
  ReasonDefault{Reason::kSecurityError, Fixer::kSenderAdmin, "secure-account"}, // seed o365-5.7.501
  ReasonDefault{Reason::kNoRelaying, Fixer::kSender, "use-own-smtp"},           // seed s001-relay
  ReasonDefault{Reason::kFailedStartTls, Fixer::kSenderAdmin, "enable-tls"},
  ReasonDefault{Reason::kExpired, Fixer::kRecipientAdmin, "recipient-server-problem"},  // seed o365-4.4.7
  ReasonDefault{Reason::kNetworkError, Fixer::kRecipientAdmin, "recipient-server-problem"},  // seed o365-4.4.316
  ReasonDefault{Reason::kSystemError, Fixer::kRecipientAdmin, "recipient-server-problem"},   // seed o365-5.4.6
  ReasonDefault{Reason::kSystemFull, Fixer::kRecipientAdmin, "recipient-server-problem"},
  ReasonDefault{Reason::kTooManyConn, Fixer::kNone, "retry-later"},             // seed s001-overload
  ReasonDefault{Reason::kSpeeding, Fixer::kSender, "slow-down"},                // seed o365-5.2.121
  ReasonDefault{Reason::kSyntaxError, Fixer::kSenderAdmin, "read-the-reply"},
  ReasonDefault{Reason::kMailerError, Fixer::kRecipientAdmin, "recipient-server-problem"},
  ReasonDefault{Reason::kNotCompliantRfc, Fixer::kSender, "fix-headers"},       // seed o365-5.7.512
  ReasonDefault{Reason::kFiltered, Fixer::kRecipient, "contact-recipient"},
  ReasonDefault{Reason::kOnHold, Fixer::kNone, "read-the-reply"},
  ReasonDefault{Reason::kVacation, Fixer::kNone, "nothing-to-do"},
  ReasonDefault{Reason::kFeedback, Fixer::kSender, "stop-mailing"},
  ReasonDefault{Reason::kDelivered, Fixer::kNone, "nothing-to-do"},
  ReasonDefault{Reason::kSuppressed, Fixer::kSender, "stop-mailing"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
