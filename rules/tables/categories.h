// The reporting MTA's own class of a failure, when its report carries one. PowerMTA puts
// "X-PowerMTA-BounceCategory: <category>" in each recipient group of its DSNs; the category
// comes from the sender's bounce-category-patterns, which an operator tunes for the hosts
// they send to, so it knows more than the bare reply does (PowerMTA's "550 5.2.1 ... User
// Unknown" is bad-mailbox: the address does not exist). Keyed on
// RecipientRecord::bounce_category. Read by rules/rule_set.cc. Pure data.
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

// Category names and meanings: PowerMTA User's Guide, <bounce-category-patterns>; the
// same list is KumoMTA's PreDefinedBounceClass (docs.kumomta.com, bounce_classify) and
// Marigold's bounce_* reply categories ("bad-mailbox: bad, invalid, or non-existent
// recipient addresses"; "inactive-mailbox: expired, inactive, or disabled").
// "other", "bad-configuration" and "protocol-errors" say nothing precise: not listed.

// clang-format off
inline constexpr std::array kCategories{
  Rule{.id = "category-bad-mailbox", .category = "bad-mailbox", .reason = Reason::kUserUnknown, .source = "PowerMTA bad-mailbox: bad, invalid or non-existent recipient address (sample file lhost-powermta-01)"},
  Rule{.id = "category-bad-domain", .category = "bad-domain", .reason = Reason::kHostUnknown, .source = "PowerMTA bad-domain: invalid or non-existent domain"},
  Rule{.id = "category-inactive-mailbox", .category = "inactive-mailbox", .reason = Reason::kSuspend, .source = "PowerMTA inactive-mailbox: expired, inactive or disabled mailbox"},
  Rule{.id = "category-quota-issues", .category = "quota-issues", .reason = Reason::kMailboxFull, .source = "PowerMTA quota-issues: mailbox full or over quota"},
  Rule{.id = "category-message-expired", .category = "message-expired", .reason = Reason::kExpired, .source = "PowerMTA message-expired: retried until the queue lifetime ran out"},
  Rule{.id = "category-no-answer-from-host", .category = "no-answer-from-host", .reason = Reason::kNetworkError, .source = "PowerMTA no-answer-from-host: the receiving host did not answer"},
  Rule{.id = "category-bad-connection", .category = "bad-connection", .reason = Reason::kNetworkError, .source = "PowerMTA bad-connection: the connection to the receiving host failed"},
  Rule{.id = "category-routing-errors", .category = "routing-errors", .reason = Reason::kSystemError, .source = "PowerMTA routing-errors: the receiving side could not route the message"},
  Rule{.id = "category-relaying-issues", .category = "relaying-issues", .reason = Reason::kNoRelaying, .source = "PowerMTA relaying-issues: relaying denied"},
  Rule{.id = "category-policy-related", .category = "policy-related", .reason = Reason::kPolicyViolation, .source = "PowerMTA policy-related: refused by a policy of the receiving side"},
  Rule{.id = "category-spam-related", .category = "spam-related", .reason = Reason::kSpamDetected, .source = "PowerMTA spam-related: refused as spam or from a blocklisted source"},
  Rule{.id = "category-virus-related", .category = "virus-related", .reason = Reason::kVirusDetected, .source = "PowerMTA virus-related: a virus was found"},
  Rule{.id = "category-content-related", .category = "content-related", .reason = Reason::kContentError, .source = "PowerMTA content-related: the content was refused"},
  Rule{.id = "category-invalid-sender", .category = "invalid-sender", .reason = Reason::kRejected, .source = "PowerMTA invalid-sender: the envelope sender was refused"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
