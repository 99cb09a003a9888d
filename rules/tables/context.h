// Context rules: what a decided reason becomes given where and how the failure happened.
// Applied once, after the decision order has picked a rule (rules/judge.cc). Pure data.
//
// They exist because the same server words mean different things at different moments of
// the SMTP dialogue or with a temporary code: "user unknown" answered to DATA (the address
// was already accepted at RCPT) is a filter, not a missing mailbox; a final failure with a
// class 4 code means the sending MTA gave up retrying.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::rules::tables {

enum class When {
  kGaveUp,     // Action "failed" with a class 4 code: the queue lifetime ran out
  kTransient,  // the code (status, else reply) is class 4
  kAfterData,  // the failure was the answer to DATA/BDAT or to the end of the data
};

struct ContextRule {
  std::string_view id;
  Reason from;
  When when;
  Reason to;
  std::optional<Fixer> fixer;  // unset: the new reason's default
  std::string_view fix;        // empty: the new reason's default
  std::string_view source;
};

// clang-format off
inline constexpr std::array kContextRules{
  ContextRule{"after-data-userunknown", Reason::kUserUnknown, When::kAfterData, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "RFC 5321 3.3: recipients are accepted or refused at RCPT; a refusal at DATA is a content or sender filter (NTT docomo, KDDI and SoftBank answer \"550 Unknown user\" for filtered senders)"},
  ContextRule{"transient-hostunknown", Reason::kHostUnknown, When::kTransient, Reason::kNetworkError, Fixer::kNone, "retry-later",
              "RFC 3463 3.1: a class 4 code is a transient failure; a lookup that may succeed later is a DNS problem, not a missing domain"},
  ContextRule{"gave-up-networkerror", Reason::kNetworkError, When::kGaveUp, Reason::kExpired, {}, {},
              "RFC 3464 2.3.3: Action failed with a class 4 Status means retries ran out (Postfix maximal_queue_lifetime, Exim retry timeout)"},
  ContextRule{"gave-up-onhold", Reason::kOnHold, When::kGaveUp, Reason::kExpired, {}, {},
              "RFC 3464 2.3.3: Action failed with a class 4 Status means retries ran out"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
