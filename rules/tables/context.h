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
  kGaveUpNoAnswer,  // Action "failed" with X.4.1 "no answer from host": retried until expiry
  kTransient,       // the code (status, else reply) is class 4
  kAtConnect,       // the answer to the connection greeting or to HELO/EHLO
  kAtMailFrom,      // the answer to MAIL FROM
  kAtData,          // the answer to DATA/BDAT or to the end of the data, without an X.1.x status
  kOtherStatusNotAtRcpt,  // an X.3.x or X.7.x status, not at RCPT: it says something else than that the address is unknown
  kMailboxOther,    // the status is X.2.0 (other or undefined mailbox status)
  kGatewayNoStage,  // a filtering gateway's report (kFilteringGateways), not at RCPT, without an X.1.x status
  kDisabledNotAtRcpt,  // the status is X.2.1 (mailbox disabled) and the words decided, not at RCPT
  kDelayed,         // Action "delayed"
  kDelayedBareReply,  // Action "delayed", decided by nothing but a generic reply code (421, 452)
  kGaveUpWords,     // the reporter says it stopped retrying (kGaveUpPhrases)
};

// The SMTP command a failure answered, when the record does not say: the words MTAs use
// when they quote the dialogue. The earliest phrase in the diagnostic wins.
struct CommandPhrase {
  std::string_view phrase;   // lowercase
  std::string_view command;  // "conn", "helo", "mail", "rcpt", "data"
  std::string_view source;
};

// clang-format off
inline constexpr std::array kCommandPhrases{
  CommandPhrase{"after initial connection", "conn", "Exim: SMTP error from remote mail server after initial connection"},
  CommandPhrase{"refused to talk to me", "conn", "Postfix: host ... refused to talk to me (the greeting)"},
  CommandPhrase{"but my name was rejected", "helo", "qmail-remote: Connected to ... but my name was rejected"},
  CommandPhrase{"after helo", "helo", "Exim: after HELO/EHLO"},
  CommandPhrase{"after ehlo", "helo", "Exim: after EHLO"},
  CommandPhrase{"in reply to helo command", "helo", "Postfix: (in reply to HELO command)"},
  CommandPhrase{"in reply to ehlo command", "helo", "Postfix: (in reply to EHLO command)"},
  CommandPhrase{"after mail from", "mail", "Exim: SMTP error from remote mail server after MAIL FROM"},
  CommandPhrase{"in reply to mail from command", "mail", "Postfix: (in reply to MAIL FROM command)"},
  CommandPhrase{"but sender was rejected", "mail", "qmail-remote: Connected to ... but sender was rejected"},
  CommandPhrase{"after rcpt to", "rcpt", "Exim: SMTP error from remote mail server after RCPT TO"},
  CommandPhrase{"in reply to rcpt to command", "rcpt", "Postfix: (in reply to RCPT TO command)"},
  CommandPhrase{"does not like recipient", "rcpt", "qmail-remote: ... does not like recipient"},
  CommandPhrase{"after end of data", "data", "Exim: SMTP error from remote mail server after end of data"},
  CommandPhrase{"after data", "data", "Exim: after DATA"},
  CommandPhrase{"in reply to end of data command", "data", "Postfix: (in reply to end of DATA command)"},
  CommandPhrase{"in reply to data command", "data", "Postfix: (in reply to DATA command)"},
  CommandPhrase{"failed after i sent the message", "data", "qmail-remote: ... failed after I sent the message"},
};
// clang-format on

// Words with which an MTA says it stopped retrying because the queue lifetime ran out; the
// error quoted before them is only the last attempt's.
struct GaveUpPhrase {
  std::string_view phrase;  // lowercase, single-spaced
  std::string_view source;
};

// clang-format off
inline constexpr std::array kGaveUpPhrases{
  GaveUpPhrase{"this message has been in the queue too long", "qmail-send: \"I'm not going to try again; this message has been in the queue too long.\" (queuelifetime; sample files lhost-x2-03, -05)"},
};
// clang-format on

// Decoders (BounceReport::decoder) of content-filtering gateways: anti-spam appliances and
// services that stand in front of the real mail server and write the NDR themselves. Their
// reports do not say at which SMTP stage the refusal came, and such gateways answer "no such
// user" for addresses their filter holds back, so their "user unknown" words alone do not
// prove the address dead; an X.1.x status or a refusal at RCPT still does.
struct FilteringGateway {
  std::string_view decoder;
  std::string_view source;
};

// clang-format off
inline constexpr std::array kFilteringGateways{
  FilteringGateway{"surfcontrol", "SurfControl E-mail Filter (a content-filtering gateway): sample file lhost-surfcontrol-01, 550 ... No such user with Status 5.0.0"},
  FilteringGateway{"mailfoundry", "MailFoundry (an anti-spam appliance): sample file lhost-mailfoundry-01, \"failed with: 550 ... No such user here\""},
  FilteringGateway{"mxlogic", "MX Logic (a hosted mail filter, later McAfee SaaS): sample files lhost-mxlogic-01 (5.1.1, unknown user) and -03 (\"550 unknown user\" without a status)"},
  FilteringGateway{"activehunter", "ActiveHunter (TransWARE's anti-spam gateway): sample file lhost-activehunter-02"},
};
// clang-format on

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
  // RFC 5321 3.3: MAIL FROM carries the sender's address; whatever is refused there is about
  // the sender, never about the recipient (who must not be suppressed for it).
  ContextRule{"mail-from-onhold", Reason::kOnHold, When::kAtMailFrom, Reason::kRejected, Fixer::kSender, "check-sender-address", "RFC 5321 3.3 MAIL FROM: the reverse-path was refused"},
  ContextRule{"mail-from-userunknown", Reason::kUserUnknown, When::kAtMailFrom, Reason::kRejected, Fixer::kSender, "check-sender-address", "RFC 5321 3.3 MAIL FROM: \"unknown\" refers to the sender's address"},
  ContextRule{"mail-from-hostunknown", Reason::kHostUnknown, When::kAtMailFrom, Reason::kRejected, Fixer::kSender, "check-sender-address", "RFC 5321 3.3 MAIL FROM: \"domain does not exist\" refers to the sender's domain"},
  ContextRule{"mail-from-policy", Reason::kPolicyViolation, When::kAtMailFrom, Reason::kRejected, Fixer::kSender, "check-sender-address", "RFC 5321 3.3 MAIL FROM: a generic refusal of the reverse-path"},
  ContextRule{"mail-from-filtered", Reason::kFiltered, When::kAtMailFrom, Reason::kRejected, Fixer::kSender, "check-sender-address", "RFC 5321 3.3 MAIL FROM: the reverse-path was refused"},
  // RFC 5321 3.1 and 4.1.1.1: the greeting and EHLO concern the connecting host itself.
  ContextRule{"connect-onhold", Reason::kOnHold, When::kAtConnect, Reason::kBlocked, Fixer::kSenderAdmin, "delist-ip", "RFC 5321 3.1, 4.1.1.1: refused at the greeting or at HELO/EHLO: the sending host is refused"},
  ContextRule{"connect-policy", Reason::kPolicyViolation, When::kAtConnect, Reason::kBlocked, Fixer::kSenderAdmin, "delist-ip", "RFC 5321 3.1, 4.1.1.1: refused at the greeting or at HELO/EHLO"},
  ContextRule{"connect-securityerror", Reason::kSecurityError, When::kAtConnect, Reason::kBlocked, Fixer::kSenderAdmin, "delist-ip", "RFC 5321 3.1: \"access denied\" to the connection itself"},
  ContextRule{"connect-systemerror", Reason::kSystemError, When::kAtConnect, Reason::kBlocked, Fixer::kSenderAdmin, "delist-ip", "RFC 5321 3.1: a 421/554 greeting to this host only (Postfix: refused to talk to me)"},
  ContextRule{"delayed-onhold", Reason::kOnHold, When::kDelayed, Reason::kExpired, Fixer::kNone, "retry-later", "RFC 3464 2.3.3 Action delayed: still being retried until the queue lifetime runs out"},
  ContextRule{"delayed-bare-421", Reason::kSystemError, When::kDelayedBareReply, Reason::kExpired, Fixer::kNone, "retry-later",
              "RFC 3464 2.3.3 Action delayed with only a 421 (RFC 5321 4.2.3, service not available): still being retried, nothing more is known (sample file lhost-zoho-04)"},
  ContextRule{"connect-syntax", Reason::kSyntaxError, When::kAtConnect, Reason::kBlocked, Fixer::kSenderAdmin, "fix-helo", "RFC 5321 4.1.1.1: the EHLO name was refused"},
  ContextRule{"after-data-userunknown", Reason::kUserUnknown, When::kAtData, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "RFC 5321 3.3: recipients are accepted or refused at RCPT; a refusal at DATA is a content or sender filter (NTT docomo, KDDI and SoftBank answer \"550 Unknown user\" for filtered senders)"},
  ContextRule{"other-status-userunknown", Reason::kUserUnknown, When::kOtherStatusNotAtRcpt, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "RFC 3463 3.5, 3.8: \"user unknown\" words beside an X.3.x (mail system) or X.7.x (policy) code, not at RCPT, come from a filter (sample files lhost-sendmail-48, lhost-amazonses-02)"},
  ContextRule{"transient-hostunknown", Reason::kHostUnknown, When::kTransient, Reason::kNetworkError, Fixer::kNone, "retry-later",
              "RFC 3463 3.1: a class 4 code is a transient failure; a lookup that may succeed later is a DNS problem, not a missing domain"},
  ContextRule{"mailbox-status-userunknown", Reason::kUserUnknown, When::kMailboxOther, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "RFC 3463 3.3 X.2.0: the server reports on the mailbox (other or undefined mailbox status), not an unknown address; NTT docomo and KDDI answer \"550 Unknown user\" with 5.2.0 for filtered senders"},
  ContextRule{"gateway-userunknown", Reason::kUserUnknown, When::kGatewayNoStage, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "a filtering gateway's \"user unknown\" without the SMTP stage or an X.1.x status (kFilteringGateways): when unsure, do not suppress a possibly good address"},
  ContextRule{"disabled-status-userunknown", Reason::kUserUnknown, When::kDisabledNotAtRcpt, Reason::kFiltered, Fixer::kRecipient, "ask-permission",
              "RFC 3463 3.3 X.2.1: the mailbox exists and refuses this message; \"user unknown\" beside it, when the report does not show a refusal at RCPT, is a filter's wording, not proof that the address is dead (sample files lhost-sendmail-02, lhost-amazonworkmail-02, lhost-messagingserver-06)"},
  ContextRule{"gave-up-network", Reason::kNetworkError, When::kGaveUpWords, Reason::kExpired, Fixer::kNone, "retry-later",
              "the reporter stopped retrying when the queue lifetime ran out (kGaveUpPhrases); the network error was only the last attempt's"},
  ContextRule{"gave-up-onhold", Reason::kOnHold, When::kGaveUpWords, Reason::kExpired, Fixer::kNone, "retry-later",
              "the reporter stopped retrying when the queue lifetime ran out (kGaveUpPhrases), and the last attempt's error says nothing more"},
  ContextRule{"gave-up-no-answer", Reason::kNetworkError, When::kGaveUpNoAnswer, Reason::kExpired, {}, {},
              "RFC 3464 2.3.3 and RFC 3463 X.4.1: Action failed with 4.4.1 (no answer from host) means retries ran out (Postfix maximal_queue_lifetime)"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
