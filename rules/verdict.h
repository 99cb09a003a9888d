// Verdict: what bouncescan decided about one failed recipient.
//
// Produced by rules::Judge (rules/judge.h) from a mime::RecipientRecord; stored by
// storage/ and rendered by digest/. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/reason.h"

namespace bouncescan::rules {

// Who has to act so that the next message gets through.
enum class Fixer {
  kNone,            // transient; retrying is enough
  kSender,          // fix the address, the message, or the mail client's settings
  kSenderAdmin,     // the sender's domain/server: SPF, DKIM, DMARC, PTR, blocklisted IP
  kRecipient,       // mailbox full, disabled, accepts only certain senders
  kRecipientAdmin,  // the recipient's server: MX, loops, relay configuration
};

// "none", "sender", "sender_admin", "recipient", "recipient_admin".
std::string_view FixerName(Fixer fixer);
std::optional<Fixer> ParseFixer(std::string_view name);

struct Verdict {
  Reason reason = Reason::kUndefined;
  bool hard = false;       // the address itself is permanently undeliverable
  Fixer fixer = Fixer::kNone;
  bool suppress = false;   // the address must not be mailed again
  std::string fix;         // key into the suggested-fix table (rules/fixes.h)
  std::string rule;        // id of the rule that decided, e.g. "status-5.1.1"
};

}  // namespace bouncescan::rules
