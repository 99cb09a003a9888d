// Phrase lists per reason: the words servers use in their replies. Read by
// rules/rule_set.cc, which turns every phrase into a phrase-only Rule with the list's
// reason, fixer and fix. Pure data.
//
// Phrases are lowercase with single spaces and match anywhere in the diagnostic (which is
// lowercased and space-squeezed once per recipient). The longest matching phrase wins among
// phrases; a specific status code beats a phrase and a phrase beats a generic status code
// (rules/tables/decision_order.h). Each list cites where its words come from; a phrase taken
// from a seed page carries the seed case id.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

struct PhraseList {
  std::string_view name;  // goes into the rule id: "phrase-NAME"
  Reason reason;
  std::optional<Fixer> fixer;  // unset: the reason's default
  std::string_view fix;        // empty: the default for reason and fixer
  Strength strength;
  std::string_view source;
  std::span<const std::string_view> phrases;
};

// clang-format off
inline constexpr std::string_view kUserUnknown[] = {
  "the email account that you tried to reach does not exist",  // seed s000-nouser-gmail
  "recipient unknown",   // seed s000-nouser-exim1
  "unknown user",        // seed s000-nouser-exim2
  "user unknown", "unknown recipient", "no such user", "no such recipient", "no such mailbox",
  "user not found", "recipient not found", "mailbox not found", "address not found",
  "because the address couldn't be found",  // Gmail NDR "Address not found" (sample rhost-gsuite-02)
  "mailbox unavailable", "mailbox does not exist", "mailbox doesn't exist", "user doesn't exist",
  "user does not exist", "account does not exist", "address does not exist", "recipient does not exist",
  "recipient address rejected: user unknown", "recipient address rejected: undeliverable address",
  "undeliverable address", "invalid recipient", "invalid mailbox", "invalid address",
  "unknown local part", "unknown or illegal alias", "no mailbox here by that name",
  "not a valid mailbox", "is not a valid recipient", "this user doesn't have a", "account is unavailable",
  "resolver.adr.recipnotfound", "resolver.adr.recipientnotfound", "no mailbox by that name",
  "unrouteable mail domain", "user unknown in virtual", "user unknown in local",
  "mailbox is unavailable", "addressee unknown", "no valid recipients", "recipient rejected",
  "sorry, no mailbox here by that name", "this address no longer accepts mail",
  "unknown mailbox", "no such person", "bad destination mailbox address", "not our customer",
  "does not exist here", "no such local user", "the recipient's address was not found",
  "destination address rejected",
 "recipient address rejected: access denied",
 "not listed in domino directory", "not listed in public name & address book", "invalid final delivery userid", "please check if address is correct", "ディレクトリには見つかりません", "ディレクトリのリストにありません",
};
inline constexpr std::string_view kHostUnknown[] = {
  "unrouteable address",  // seed s000-unrouteable (Exim: no MX/A for the domain)
  "host unknown",         // seed s002-mxbad
  "domain not found", "no such domain", "host not found", "unknown host", "domain does not exist",
  "name or service not known", "name server: ", "no mx or a records",
  "all relevant mx records point to non-existent hosts", "mx records point to",
  "unroutable address", "unknown domain", "domain name not found", "no route to host found",
  "host or domain name not found", "dns error: domain name not found", "domain is not found",
  "nxdomain", "recipient domain must exist", "no valid mx",
  "the account or domain may not exist",  // cPanel Exim: no host found for the domain (sample file lhost-exim-31)
  "dns lookup failure: host",  // DragonFly Mail Agent: "DNS lookup failure: host X not found" (NXDOMAIN; sample lhost-dragonfly-04)
 "domain is not reachable",
};
inline constexpr std::string_view kHasMoved[] = {
  "user not local; please try", "address has changed",
  "has moved to", "mailbox has moved",
};
inline constexpr std::string_view kNotAccept[] = {
  "does not accept mail", "domain does not accept", "null mx", "accepts no mail",
  "does not receive mail", "not accepting mail",
 "couldn't find a mail exchanger", "indicated no smtp service",
 "no mx record",
};
inline constexpr std::string_view kMailboxFull[] = {
  "quota exceeded",  // seed s000-quota
  "mailbox full", "mailbox is full", "over quota", "overquota",
  "exceeded storage allocation", "exceeds quota", "mailbox size limit exceeded",
  "user is over quota", "mailbox has exceeded", "disk quota exceeded",
  "is over quota", "over the quota", "out of storage", "inbox is full", "user's mailbox is full",
  "mailbox quota", "would exceed quota", "account is full", "storage quota", "mail box full",
  "mailfolder is full", "not enough storage space", "too much mail data",
 "mailbox exceeds allowed size", "number of messages in recipient's mailbox exceeded",
};
inline constexpr std::string_view kSuspend[] = {
  "the email account that you tried to reach is disabled",  // seed s002-disabled
  "account is disabled", "account disabled", "mailbox disabled", "mailbox is disabled",
  "account has been disabled", "account is suspended", "account suspended", "mailbox is inactive",
  "account is inactive", "inactive account", "account has been suspended", "mailbox suspended",
  "account is locked", "account expired", "user account is expired", "is deactivated",
  "account deactivated", "mailbox has been blocked due to inactivity", "mailbox is frozen",
  "user suspended",
 "has been disabled or discontinued",
};
inline constexpr std::string_view kEmailTooLarge[] = {
  "message size exceeds fixed maximum message size",  // seed s001-toolarge
  "message too large", "message too big", "message is too large", "message is too big",
  "message size exceeds", "exceeds size limit", "size limit exceeded", "message exceeds maximum",
  "exceeds the maximum size", "exceeded maximum message size", "message length exceeds",
  "size of the message exceeds", "message file too big", "mail size exceeds",
  "maximum message size", "message size too large",
};
inline constexpr std::string_view kContentError[] = {
  "invalid characters",  // seed o365-5.6.11
  "header is too long", "line too long", "illegal character",
  "invalid mime", "8-bit data", "malformed mime", "bad mime", "message contains invalid header",
 "duplicate header", "headers too large",
};
inline constexpr std::string_view kBadDate[] = {
  "date header far in the past/future",  // seed s000-date (Exim ACL)
  "date header is in the future", "date header is too old", "invalid date header", "bad date header",
};
inline constexpr std::string_view kNotCompliantRfc[] = {
  "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "multiple from headers", "missing date header",
  "missing message-id", "not rfc compliant", "does not comply with rfc",
 "multiple addresses in from",
};
inline constexpr std::string_view kSpamDetected[] = {
  "considered as spam",                        // seed s000-spam
  "rejected by the recipient's anti-spam filter",  // seed s002-filtered
  "spam detected", "detected as spam", "identified as spam", "classified as spam",
  "message looks like spam", "looks like spam", "is spam", "spam message rejected",
  "spamassassin", "content filter", "message content rejected", "considered unsolicited",
  "unsolicited mail", "bulk mail", "spam score", "spam content", "rejected as spam",
  "our system has detected that this message is likely unsolicited",
  "likely unsolicited mail", "high probability of spam", "spam-like", "spam filter",
  "anti-spam", "antispam", "suspected spam", "blocked by spam", "message rejected due to content",
  "due to spam",
 "scored as spam",
 "- spam", "mail rejected. ofr_506",
 "flagged as spam",
};
inline constexpr std::string_view kVirus[] = {
  "virus", "malware", "infected", "trojan", "dangerous attachment", "banned attachment",
};
inline constexpr std::string_view kExpiredGeneric[] = {
  "retry timeout exceeded",  // Exim's wrapper: the words before it say why
};
inline constexpr std::string_view kFiltered[] = {
  "in my badrcptto list",  // qmail: the administrator's list of refused recipients
  "message filtered", "rejected by recipient's filter", "filtered by recipient", "recipient's filter",
};
inline constexpr std::string_view kSystemErrorGeneric[] = {
  "transaction failed",
};
inline constexpr std::string_view kSecurityErrorGeneric[] = {
  "access denied",
};
inline constexpr std::string_view kNetworkErrorGeneric[] = {
  "dns error",
};
inline constexpr std::string_view kPolicy[] = {
  "policy violation", "violates our policy", "policy rejection", "prohibited by policy",
  "rejected by policy", "message rejected by policy", "administrative prohibition",
 "policy reasons", "host network not allowed",
 "protocol violation",
};
inline constexpr std::string_view kRejected[] = {
  "sender denied",  // seed o365-5.1.0
  "sender rejected", "sender address rejected", "sender blocked", "sender is blocked",
  "bad sender", "invalid sender", "sender verify failed", "sender verification failed",
  "sender not allowed", "rejected sender", "sender domain must exist", "domain of sender address",
  "sender address does not exist", "from address rejected", "mail from rejected",
  "your address has been blocked", "sender is on the block list", "sender not authorized",
  "not authorized to send to this", "you are not allowed to send",
 "unroutable sender address", "unrouteable sender address",
 "using the 'send mail as' feature",
 "sending to/from an address that has been blacklisted",  // the envelope address, not the IP (sample file lhost-exim-57)
};
inline constexpr std::string_view kRejectedByRecipient[] = {
  "delivery not authorized",  // seed o365-5.7.1-notauth
  "only accepts mail from", "accept messages only from", "only members can post",
  "not in allowed senders", "not on the allowed list", "restricted to members",
 "not a member of this mailing list",
};
inline constexpr std::string_view kBlocked[] = {
  "blocked using",  // seed s001-blacklist (DNSBL rejection)
  "blacklisted", "blocklisted", "listed at", "listed on", "listed in", "spamhaus", "spamcop",
  "barracudacentral", "sorbs", "rbl", "dnsbl", "client host rejected", "client host blocked",
  "which is an open relay",  // "no access from mail server [192.0.2.55] which is an open relay" (sample file lhost-v5sendmail-07)
  "ip address blocked", "your ip", "connection refused by", "has been blocked",
  "blocked by", "connection rejected", "bad helo", "rejected because of ip",
  "poor reputation", "low reputation", "rejected due to ip", "not allowed to connect",
  "service unavailable; client host",
 "not accepting connections",
 "too many unwanted messages have been sent", "invalid ip for sending mail", "sc-001", "sc-002", "sc-003", "sc-004", "dy-001", "dy-002", "ou-001", "ou-002",
 "use the smtp server of your isp",
};
inline constexpr std::string_view kBadReputation[] = {
  "bad reputation", "ip reputation", "sender reputation", "domain reputation", "reputation of",
};
inline constexpr std::string_view kRequirePtr[] = {
  "reverse dns", "reverse lookup", "no ptr record", "ptr record", "rdns", "reverse hostname",
  "cannot find your hostname", "cannot resolve your hostname", "no reverse", "reverse address",
  "does not have a ptr", "unresolvable ip", "client host name is unknown",
 "mismatches client ip", "ip name lookup failed",
 "unverifyable sending ip", "unverifiable sending ip",  // "service permits 2 unverifyable sending IPs - <domain> is not <ip>": the IP's names do not verify (sample files lhost-exim-38, -41)
};
inline constexpr std::string_view kAuthFailure[] = {
  "does not have authentication information",      // seed s000-auth (Gmail)
  "fails to pass authentication checks",           // seed s000-auth
  "spf", "dkim", "dmarc", "sender policy framework", "authentication checks",
  "unauthenticated email", "not pass authentication", "message is not signed",
  "must pass either spf or dkim",  // seed o365-4.7.26
};
inline constexpr std::string_view kSecurityErrorAuthRequired[] = {
  "smtp authentication is required",  // seed s000-authreq
  "authentication required", "authentication is required", "must authenticate",
  "authentication needed", "please authenticate", "not authenticated",
  "client was not authenticated",  // seed o365-5.7.1-client (the generic wording)
  "smtp auth required", "requires authentication",
 "turn on smtp authentication",
 "unauthenticated senders not allowed",
};
inline constexpr std::string_view kSecurityErrorCredentials[] = {
  "authentication credentials invalid",  // seed s001-badcreds
  "authentication failed", "invalid credentials", "incorrect authentication data",
  "username and password not accepted", "bad username or password", "authentication unsuccessful",
  "invalid login", "login failed",
};
inline constexpr std::string_view kNoRelayingSender[] = {
  "relay access denied",  // seed s001-relay (Postfix)
  "relaying denied",      // seed s004-relaying (Sendmail)
  "isn't in my list of allowed rcpthosts",  // seed s004-rcpthosts (qmail)
  "relaying not permitted", "relay not permitted", "relaying not allowed", "relay not allowed",
  "we do not relay", "not permitted to relay", "no relaying", "relay denied", "relaying disallowed",
  "not allowed to relay", "relaying mail to", "not a gateway", "relay prohibited",
  "is not permitted to relay",
 "not configured to relay",
};
inline constexpr std::string_view kNoRelayingAdmin[] = {
  "unable to relay",  // seed o365-5.7.1-relay
 "email address is not verified",
};
inline constexpr std::string_view kFailedStartTls[] = {
  "starttls", "tls required", "must issue a starttls", "encryption required", "requires tls",
  "tls is required", "tls negotiation failed",
};
inline constexpr std::string_view kExpired[] = {
  "message expired", "delivery time expired", "could not be delivered within",
  "retry time not reached for any host after a long failure period", "has been queued too long",
  "message timed out", "too long in queue", "giving up", "unable to deliver for",
  "have been failing for",
 "did not accept our requests to connect",
 "your message was not delivered within",  // au by KDDI: "... within 0 days and 1 hours" (sample file lhost-ezweb-05)
};
inline constexpr std::string_view kNetworkError[] = {
  "connection refused",   // seed o365-4.4.316
  "connection timed out", "connection reset", "timed out while", "network is unreachable",
  "no route to host", "lost connection", "connection dropped", "could not connect",
  "unable to connect", "temporary dns", "dns lookup failure", "temporary lookup failure",
  "does not accept email over ipv6",
 "network error on destination mxs", "name service error",
};
inline constexpr std::string_view kSystemError[] = {
  "routing loop detected",  // seed o365-5.4.6
  "mail loop", "loop detected", "too many hops", "hop count exceeded", "local configuration error",
  "internal error", "server error", "system error", "local error in processing",
  "misconfigured", "configuration error",
 "service currently unavailable",
 "queue file write error",
 "remote server does not support tls",  // Gmail: the receiving server offers no STARTTLS that Gmail can use; their side must fix it (sample file lhost-gmail-07)
  "could not load drd for domain",  // the receiver could not load its own domain data (sample lhost-postfix-40)
};
inline constexpr std::string_view kSystemFull[] = {
  "system full", "disk full", "insufficient system storage", "out of disk space", "no space left",
 "insufficient disk space",
};
inline constexpr std::string_view kTooManyConnNone[] = {
  "too many connections",  // seed s001-overload
  "too many concurrent", "too many sessions", "connection limit",
  "too many smtp sessions",
 "connection rate limit", "frequency limited",
};
inline constexpr std::string_view kTooManyConnSender[] = {
  "too many recipients",  // seed o365-4.5.3
  "recipient limit",
};
inline constexpr std::string_view kSpeeding[] = {
  "rate limit", "rate-limit", "ratelimit", "too many messages", "sending limit", "send limit",
  "message limit exceeded", "receive limit exceeded", "exceeded the rate", "temporarily deferred",
  "too fast", "slow down", "throttl",
 "too many recipients this hour",
};
inline constexpr std::string_view kSyntaxError[] = {
  "syntax error", "command unrecognized", "command not recognized", "bad sequence of commands",
  "unrecognized command", "invalid command",
 "improper sequence of commands",
};
inline constexpr std::string_view kMailerError[] = {
  "mailer error", "procmail", "command died with status", "command output:", "pipe to |",
  "unable to deliver to pipe", "x-unix;",
};

inline constexpr std::array kPhraseLists{
  PhraseList{"userunknown", Reason::kUserUnknown, {}, {}, Strength::kSpecific, "seed pages 000, 003; Postfix, Exim, Sendmail, qmail, Exchange and Gmail reply wording", kUserUnknown},
  PhraseList{"hostunknown", Reason::kHostUnknown, {}, {}, Strength::kSpecific, "seed pages 000, 002; Exim/Postfix DNS failure wording", kHostUnknown},
  PhraseList{"hasmoved", Reason::kHasMoved, {}, {}, Strength::kSpecific, "RFC 5321 4.2.2 reply 551 User not local; provider wording", kHasMoved},
  PhraseList{"notaccept", Reason::kNotAccept, {}, {}, Strength::kSpecific, "RFC 7504 (521/556), RFC 7505 null MX wording", kNotAccept},
  PhraseList{"mailboxfull", Reason::kMailboxFull, {}, {}, Strength::kSpecific, "seed page 000; RFC 5321 552 wording; Postfix/Exim/Dovecot quota replies", kMailboxFull},
  PhraseList{"suspend", Reason::kSuspend, {}, {}, Strength::kSpecific, "seed page 002; provider wording for disabled accounts", kSuspend},
  PhraseList{"emailtoolarge", Reason::kEmailTooLarge, {}, {}, Strength::kSpecific, "seed page 001; RFC 1870 SIZE replies", kEmailTooLarge},
  PhraseList{"contenterror", Reason::kContentError, {}, {}, Strength::kSpecific, "seed page 003 (5.6.11); header and MIME refusals", kContentError},
  PhraseList{"baddate", Reason::kNotCompliantRfc, Fixer::kSender, "fix-clock", Strength::kSpecific, "seed page 000 (Exim ACL on the Date header)", kBadDate},
  PhraseList{"notcompliantrfc", Reason::kNotCompliantRfc, {}, {}, Strength::kSpecific, "Office 365 5.7.512; Gmail RFC 5322 refusals", kNotCompliantRfc},
  PhraseList{"spamdetected", Reason::kSpamDetected, {}, {}, Strength::kSpecific, "seed pages 000, 002; spam filter wording", kSpamDetected},
  PhraseList{"virusdetected", Reason::kVirusDetected, {}, {}, Strength::kGeneric, "anti-virus gateway wording", kVirus},
  PhraseList{"expired-generic", Reason::kExpired, {}, {}, Strength::kGeneric, "Exim retry timeout wording", kExpiredGeneric},
  PhraseList{"filtered", Reason::kFiltered, {}, {}, Strength::kSpecific, "receiving-side filter wording (Amazon SES receiving, Japanese carriers)", kFiltered},
  PhraseList{"systemerror-generic", Reason::kSystemError, {}, {}, Strength::kGeneric, "RFC 5321 4.2.3 554 Transaction failed", kSystemErrorGeneric},
  PhraseList{"securityerror-generic", Reason::kSecurityError, {}, {}, Strength::kGeneric, "Sendmail/Postfix access-map refusals (\"Access denied\")", kSecurityErrorGeneric},
  PhraseList{"networkerror-dns", Reason::kNetworkError, {}, {}, Strength::kGeneric, "Gmail DSN wording for failed DNS lookups", kNetworkErrorGeneric},
  PhraseList{"policyviolation", Reason::kPolicyViolation, {}, {}, Strength::kGeneric, "local policy refusals", kPolicy},
  PhraseList{"rejected", Reason::kRejected, {}, {}, Strength::kSpecific, "seed page 003 (5.1.0 Sender denied); sender address checks", kRejected},
  PhraseList{"rejected-by-recipient", Reason::kRejected, Fixer::kRecipient, "ask-permission", Strength::kSpecific, "seed page 003 (5.7.1 Delivery not authorized); mailing list and group restrictions", kRejectedByRecipient},
  PhraseList{"blocked", Reason::kBlocked, Fixer::kSenderAdmin, {}, Strength::kSpecific, "seed page 001 (DNSBL); blocklist operators' names", kBlocked},
  PhraseList{"badreputation", Reason::kBadReputation, {}, {}, Strength::kSpecific, "provider reputation refusals", kBadReputation},
  PhraseList{"requireptr", Reason::kRequirePtr, {}, {}, Strength::kSpecific, "RFC 7372 3.3 X.7.25; provider reverse-DNS refusals", kRequirePtr},
  PhraseList{"authfailure", Reason::kAuthFailure, {}, {}, Strength::kSpecific, "seed pages 000, 003; RFC 7208 SPF, RFC 6376 DKIM, RFC 7489 DMARC", kAuthFailure},
  PhraseList{"securityerror-authrequired", Reason::kSecurityError, Fixer::kSender, "smtp-auth", Strength::kSpecific, "seed pages 000, 003; RFC 4954 530", kSecurityErrorAuthRequired},
  PhraseList{"securityerror-credentials", Reason::kSecurityError, Fixer::kSender, "check-password", Strength::kSpecific, "seed page 001; RFC 4954 535", kSecurityErrorCredentials},
  PhraseList{"norelaying", Reason::kNoRelaying, Fixer::kSender, "use-own-smtp", Strength::kSpecific, "seed pages 001, 004 (Postfix, Sendmail, qmail wording)", kNoRelayingSender},
  PhraseList{"norelaying-admin", Reason::kNoRelaying, Fixer::kSenderAdmin, {}, Strength::kSpecific, "seed page 003 (5.7.1 Unable to relay)", kNoRelayingAdmin},
  PhraseList{"failedstarttls", Reason::kFailedStartTls, {}, {}, Strength::kSpecific, "RFC 3207 STARTTLS refusals", kFailedStartTls},
  PhraseList{"expired", Reason::kExpired, {}, {}, Strength::kSpecific, "seed page 003 (4.4.7); Exim/Postfix/Sendmail queue timeout wording", kExpired},
  PhraseList{"networkerror", Reason::kNetworkError, {}, {}, Strength::kSpecific, "seed page 003 (4.4.316, 5.7.510); socket errors", kNetworkError},
  PhraseList{"systemerror", Reason::kSystemError, {}, {}, Strength::kGeneric, "seed page 003 (5.4.6); MTA internal errors", kSystemError},
  PhraseList{"systemfull", Reason::kSystemFull, {}, {}, Strength::kSpecific, "RFC 5321 452 wording", kSystemFull},
  PhraseList{"toomanyconn", Reason::kTooManyConn, Fixer::kNone, "retry-later", Strength::kSpecific, "seed page 001 (421 too many connections)", kTooManyConnNone},
  PhraseList{"toomanyconn-recipients", Reason::kTooManyConn, Fixer::kSender, "fewer-recipients", Strength::kSpecific, "seed page 003 (4.5.3 Too many recipients)", kTooManyConnSender},
  PhraseList{"speeding", Reason::kSpeeding, {}, {}, Strength::kSpecific, "seed page 003 (5.2.121, 4.7.500); provider rate limits", kSpeeding},
  PhraseList{"syntaxerror", Reason::kSyntaxError, {}, {}, Strength::kGeneric, "RFC 5321 500/501/503 wording", kSyntaxError},
  PhraseList{"mailererror", Reason::kMailerError, {}, {}, Strength::kSpecific, "Sendmail/Postfix local delivery program failures", kMailerError},
};
// clang-format on

}  // namespace bouncescan::rules::tables
