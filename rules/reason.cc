#include "rules/reason.h"

#include <array>

namespace bouncescan::rules {
namespace {

struct ReasonInfo {
  Reason reason;
  std::string_view name;
  std::string_view definition;
};

// Names and meanings follow Sisimai's reason list (sisimai.org/en/reason), so that the
// two classifiers can be compared one to one.
constexpr std::array kReasons{
    ReasonInfo{Reason::kUndefined, "undefined", "the failure could not be classified"},
    ReasonInfo{Reason::kUserUnknown, "userunknown", "the mailbox does not exist at the recipient's domain"},
    ReasonInfo{Reason::kHostUnknown, "hostunknown", "the recipient's domain does not exist or cannot receive mail"},
    ReasonInfo{Reason::kHasMoved, "hasmoved", "the recipient has moved to another address"},
    ReasonInfo{Reason::kNotAccept, "notaccept", "the recipient's domain accepts no mail at all"},
    ReasonInfo{Reason::kMailboxFull, "mailboxfull", "the recipient's mailbox is full"},
    ReasonInfo{Reason::kSuspend, "suspend", "the recipient's mailbox is disabled or suspended"},
    ReasonInfo{Reason::kExceedLimit, "exceedlimit", "the message exceeds the recipient's size limit"},
    ReasonInfo{Reason::kEmailTooLarge, "emailtoolarge", "the message is larger than the receiving server accepts"},
    ReasonInfo{Reason::kMesgTooBig, "mesgtoobig", "the message is too big"},
    ReasonInfo{Reason::kContentError, "contenterror", "the message's content or encoding was refused"},
    ReasonInfo{Reason::kSpamDetected, "spamdetected", "the message was judged to be spam"},
    ReasonInfo{Reason::kVirusDetected, "virusdetected", "the message carries a virus"},
    ReasonInfo{Reason::kPolicyViolation, "policyviolation", "a policy of the receiving side refused the message"},
    ReasonInfo{Reason::kRejected, "rejected", "the sender address was refused"},
    ReasonInfo{Reason::kBlocked, "blocked", "the sending IP address or host was refused"},
    ReasonInfo{Reason::kBadReputation, "badreputation", "the sending IP address or domain has a poor reputation"},
    ReasonInfo{Reason::kRequirePtr, "requireptr", "the sending IP address has no valid reverse DNS"},
    ReasonInfo{Reason::kAuthFailure, "authfailure", "SPF, DKIM or DMARC authentication failed"},
    ReasonInfo{Reason::kSecurityError, "securityerror", "SMTP authentication was missing or failed"},
    ReasonInfo{Reason::kNoRelaying, "norelaying", "the server refused to relay the message"},
    ReasonInfo{Reason::kFailedStartTls, "failedstarttls", "STARTTLS was required or failed"},
    ReasonInfo{Reason::kExpired, "expired", "delivery was retried until the message expired"},
    ReasonInfo{Reason::kNetworkError, "networkerror", "a DNS or network failure on the way"},
    ReasonInfo{Reason::kSystemError, "systemerror", "an error in the receiving system"},
    ReasonInfo{Reason::kSystemFull, "systemfull", "the receiving system's disk is full"},
    ReasonInfo{Reason::kTooManyConn, "toomanyconn", "too many connections or recipients at once"},
    ReasonInfo{Reason::kSpeeding, "speeding", "too many messages in a short time"},
    ReasonInfo{Reason::kSyntaxError, "syntaxerror", "a syntax error in the SMTP dialogue"},
    ReasonInfo{Reason::kMailerError, "mailererror", "a local mailer program on the receiving side failed"},
    ReasonInfo{Reason::kNotCompliantRfc, "notcompliantrfc", "the message does not comply with RFC 5322"},
    ReasonInfo{Reason::kFiltered, "filtered", "refused by a filter on the recipient's side"},
    ReasonInfo{Reason::kOnHold, "onhold", "failed, but the cause could not be decided"},
    ReasonInfo{Reason::kVacation, "vacation", "an automatic reply, not a failure"},
    ReasonInfo{Reason::kFeedback, "feedback", "the recipient reported the message as abuse"},
    ReasonInfo{Reason::kDelivered, "delivered", "the message was delivered"},
    ReasonInfo{Reason::kSuppressed, "suppressed", "not sent because the address is suppressed"},
};

constexpr std::array<Reason, kReasons.size()> MakeAll() {
  std::array<Reason, kReasons.size()> all{};
  for (std::size_t i = 0; i < kReasons.size(); ++i) all[i] = kReasons[i].reason;
  return all;
}
constexpr auto kAll = MakeAll();

const ReasonInfo* Find(Reason r) {
  for (const ReasonInfo& i : kReasons) {
    if (i.reason == r) return &i;
  }
  return nullptr;
}

}  // namespace

std::string_view ReasonName(Reason reason) {
  const ReasonInfo* i = Find(reason);
  return i ? i->name : "undefined";
}

std::string_view ReasonDefinition(Reason reason) {
  const ReasonInfo* i = Find(reason);
  return i ? i->definition : "";
}

std::optional<Reason> ParseReason(std::string_view name) {
  for (const ReasonInfo& i : kReasons) {
    if (i.name == name) return i.reason;
  }
  return std::nullopt;
}

std::span<const Reason> AllReasons() { return kAll; }

}  // namespace bouncescan::rules
