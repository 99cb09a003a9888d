// DigestInput: everything one digest says, as plain values.
//
// Built from the database by digest/collect.h, rendered by digest/render.h, so that the
// renderer is a pure function of this struct and can be tested without a database.
// Strings taken from bounces (addresses, diagnostics, subjects) are untrusted: the
// renderer cleans and escapes them; nothing here is pre-escaped. No I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bouncescan::digest {

// The sender-side causes that "Fix your sending setup" groups failures by.
enum class SenderCause {
  kAuthentication,    // SPF, DKIM or DMARC failed
  kRelayDenied,       // the server would not relay for us
  kSmtpAuthRequired,  // the mail program did not log in to the outgoing server
  kBlocklisted,       // the sending IP or domain is blocklisted / has a poor reputation / no PTR
  kClock,             // wrong clock or a bad Date header
  kTooLarge,          // the message is too large
  kRateLimited,       // too many messages or connections
  kOther,             // any other failure that the sender has to fix
};

// One cause of sender-side failures in this period.
struct SenderProblem {
  SenderCause cause = SenderCause::kOther;
  int recipients = 0;          // distinct recipients it hit
  std::string example;         // one diagnostic line from a bounce (untrusted)
  std::string fix;             // suggested fix in the digest's language; empty: a generic one
};

// An address put on the suppression list in this period.
struct RemovedAddress {
  std::string address;         // untrusted
  std::string reason;          // rules::ReasonName, e.g. "userunknown"
  std::string origin;          // "hard", "complaint", "soft-threshold", "manual", "import"
  std::string evidence;        // the diagnostic that decided it (untrusted)
};

// A soft recipient-side failure counted towards the suppression threshold.
struct WatchedAddress {
  std::string address;         // untrusted
  std::string reason;          // rules::ReasonName
  int count = 0;               // failures counted so far
};

// A recipient who is reachable, just not by this mail: mailbox full, accepts only
// certain senders.
struct ContactOtherWay {
  std::string address;         // untrusted
  std::string reason;          // rules::ReasonName
  std::string diagnostic;      // untrusted
};

// A message that looked like a bounce but could not be classified.
struct UnclassifiedMessage {
  std::string source;          // where it was found (untrusted: a folder or file name)
  std::string subject;         // untrusted
  std::string problem;         // why it could not be read
};

struct DigestInput {
  std::int64_t since = 0;      // start of the period (seconds since the epoch); 0: unknown
  int soft_threshold = 3;      // [policy] soft_bounces
  int soft_window_days = 30;   // [policy] soft_window_days
  std::vector<SenderProblem> sender_problems;
  std::vector<RemovedAddress> removed;
  std::vector<WatchedAddress> watching;
  std::vector<ContactOtherWay> contact_other_way;
  std::vector<UnclassifiedMessage> unclassified;

  // Nothing to say: such a digest is not sent.
  bool Empty() const {
    return sender_problems.empty() && removed.empty() && watching.empty() && contact_other_way.empty() &&
           unclassified.empty();
  }
};

}  // namespace bouncescan::digest
