#include "rules/derive.h"

namespace bouncescan::rules {

bool IsHard(Reason reason, const HardContext& context) {
  switch (reason) {
    case Reason::kUserUnknown:
    case Reason::kHostUnknown:
    case Reason::kHasMoved:
    case Reason::kNotAccept:
      break;
    default:
      return false;
  }
  if (context.action == "delayed") return false;
  // A class 4 answer is, by RFC 3463 section 3.1 and RFC 5321 section 4.2.1, a transient
  // failure; but once the report says "failed" the sender's MTA has retried until it gave
  // up with the server still saying the address does not exist. The enhanced code, when
  // present, is the more precise of the two.
  int klass = context.status_class != 0 ? context.status_class : context.reply_class;
  return klass != 4 || context.action == "failed";
}

bool ShouldSuppress(Reason reason, bool hard) {
  if (reason == Reason::kFeedback) return true;
  return hard;
}

}  // namespace bouncescan::rules
