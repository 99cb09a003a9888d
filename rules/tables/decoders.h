// What an NDR of a given kind means when nothing in its text matched a more precise rule:
// some senders of NDRs only ever send one kind. Keyed on BounceReport::decoder (the mime/
// decoder that recognised the message). Read by rules/rule_set.cc. Pure data.
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

// clang-format off
inline constexpr std::array kDecoders{
  Rule{.id = "decoder-googlegroups", .decoder = "googlegroups", .reason = Reason::kRejected, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "Google Groups: \"the group you tried to contact may not exist, or you may not have permission to post messages to the group\" (every language of that notice)"},
  Rule{.id = "decoder-ezweb", .decoder = "ezweb", .reason = Reason::kFiltered, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "au by KDDI (ezweb.ne.jp) NDRs: \"Each of the following recipients was rejected by a remote mail server\", the recipient's receive filter (domain or address rejection settings)"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
