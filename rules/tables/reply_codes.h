// SMTP reply codes (RFC 5321 section 4.2, RFC 4954, RFC 7504) that say enough on their own
// to name a reason. The weakest evidence there is: any status code or phrase beats them.
// Read by rules/rule_set.cc. Pure data.
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

// clang-format off
inline constexpr std::array kReplyCodes{
  Rule{.id = "reply-421", .reply_code = "421", .reason = Reason::kSystemError, .fixer = Fixer::kNone, .fix = "retry-later", .strength = Strength::kGeneric, .source = "RFC 5321 4.2.3 421 Service not available, closing transmission channel"},
  Rule{.id = "reply-452", .reply_code = "452", .reason = Reason::kSystemFull, .fixer = Fixer::kNone, .fix = "retry-later", .strength = Strength::kGeneric, .source = "RFC 5321 4.2.3 452 Requested action not taken: insufficient system storage"},
  Rule{.id = "reply-521", .reply_code = "521", .reason = Reason::kNotAccept, .source = "RFC 7504 3 521 Host does not accept mail"},
  Rule{.id = "reply-530", .reply_code = "530", .reason = Reason::kSecurityError, .fixer = Fixer::kSender, .fix = "smtp-auth", .source = "RFC 4954 6 530 Authentication required; seed s000-authreq"},
  Rule{.id = "reply-534", .reply_code = "534", .reason = Reason::kSecurityError, .fixer = Fixer::kSender, .fix = "smtp-auth", .source = "RFC 4954 6 534 Authentication mechanism is too weak"},
  Rule{.id = "reply-535", .reply_code = "535", .reason = Reason::kSecurityError, .fixer = Fixer::kSender, .fix = "check-password", .source = "RFC 4954 6 535 Authentication credentials invalid; seed s001-badcreds"},
  Rule{.id = "reply-538", .reply_code = "538", .reason = Reason::kFailedStartTls, .source = "RFC 4954 6 538 Encryption required for requested authentication mechanism"},
  Rule{.id = "reply-550-recipient-rejected", .reply_code = "550", .phrase = "recipient address rejected.", .reason = Reason::kUserUnknown, .source = "RFC 5321 4.2.3 550 mailbox unavailable, with Postfix smtpd's \"Recipient address rejected.\" and no reason after it: the address itself (au by KDDI, sample file lhost-postfix-46)"},
  Rule{.id = "reply-552", .reply_code = "552", .reason = Reason::kMailboxFull, .strength = Strength::kGeneric, .source = "RFC 5321 4.2.3 552 Requested mail action aborted: exceeded storage allocation"},
  Rule{.id = "reply-556", .reply_code = "556", .reason = Reason::kNotAccept, .source = "RFC 7504 3 556 Domain does not accept mail"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
