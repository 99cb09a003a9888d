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
  // The server's own classification wins: a class 4 answer is, by RFC 3463 section 3.1
  // and RFC 5321 section 4.2.1, a persistent transient failure, not a dead address. The
  // enhanced code, when present, is the more precise of the two.
  int klass = context.status_class != 0 ? context.status_class : context.reply_class;
  return klass != 4;
}

bool ShouldSuppress(Reason reason, bool hard) {
  if (reason == Reason::kFeedback) return true;
  return hard;
}

}  // namespace bouncescan::rules
