// The two derived fields of a Verdict, each decided in exactly one place.
//
// `hard`: the recipient address itself is permanently undeliverable. `suppress`: the address
// must not be mailed again. Used by Judge (rules/judge.cc) and nowhere else decides them;
// tested in rules/derive_test.cc. Pure.
#pragma once

#include <string_view>

#include "rules/reason.h"

namespace bouncescan::rules {

struct HardContext {
  int status_class = 0;         // 4 or 5 from the enhanced status code; 0 when absent
  int reply_class = 0;          // 4 or 5 from the SMTP reply code; 0 when absent
  std::string_view action;      // RFC 3464 Action, lowercase; empty when not given
};

// True for the reasons that say the address does not exist (userunknown, hostunknown,
// hasmoved, notaccept), unless the failure is still temporary: action "delayed", or a
// class 4 code in a report that does not say the delivery has finally failed.
bool IsHard(Reason reason, const HardContext& context);

// Only failures caused by the recipient address suppress it: hard bounces and ARF
// complaints. Sender-side failures never do, whatever `hard` says.
bool ShouldSuppress(Reason reason, bool hard);

}  // namespace bouncescan::rules
