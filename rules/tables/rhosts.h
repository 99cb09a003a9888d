// Per-receiving-host rules: where a provider's words or codes mean something else than the
// RFC (Sisimai calls these "rhost" tables). A rule applies when the refusing host
// (RecipientRecord::remote_mta) ends with `rhost`; when the report does not name the refusing
// host, the recipient's domain stands for it (the mail was on its way there). Read by
// rules/rule_set.cc. Pure data.
//
// One block per provider, each entry citing the provider's postmaster documentation.
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

// clang-format off
inline constexpr std::array kReceivingHosts{
  // Microsoft: Exchange Online Protection and Outlook.com.
  Rule{.id = "rhost-microsoft-5.4.1-dbeb", .status = "5.4.1", .phrase = "access denied", .rhost = ".protection.outlook.com", .reason = Reason::kUserUnknown, .source = "Microsoft: 550 5.4.1 Recipient address rejected: Access denied (directory based edge blocking, the recipient does not exist)"},
  Rule{.id = "rhost-microsoft-block-list", .phrase = "part of their network is on our block list", .rhost = ".outlook.com", .reason = Reason::kBlocked, .fixer = Fixer::kSenderAdmin, .source = "Microsoft Outlook.com postmaster: 550 5.7.1 ... part of their network is on our block list (S3150)"},
  Rule{.id = "rhost-microsoft-mailbox-unavailable", .phrase = "requested action not taken: mailbox unavailable", .rhost = ".outlook.com", .reason = Reason::kUserUnknown, .source = "Microsoft Outlook.com: 550 Requested action not taken: mailbox unavailable (no such mailbox)"},
  // Google: Gmail and Google Workspace.
  Rule{.id = "rhost-google-not-authorized-ip", .phrase = "is not authorized to send email directly to our servers", .rhost = ".google.com", .reason = Reason::kBlocked, .fixer = Fixer::kSenderAdmin, .source = "Google SMTP error reference 550 5.7.1: the IP you're using to send mail is not authorized to send email directly"},
  Rule{.id = "rhost-google-unsolicited", .phrase = "likely unsolicited mail", .rhost = ".google.com", .reason = Reason::kSpamDetected, .source = "Google SMTP error reference 550 5.7.1: this message is likely unsolicited mail"},
  Rule{.id = "rhost-google-rate", .phrase = "unusual rate", .rhost = ".google.com", .reason = Reason::kSpeeding, .fixer = Fixer::kSenderAdmin, .fix = "slow-down", .source = "Google SMTP error reference 4.7.28/5.7.28: unusual rate of unsolicited mail"},
  // Yahoo.
  Rule{.id = "rhost-yahoo-deferred", .phrase = "temporarily deferred due to unexpected volume or user complaints", .rhost = ".yahoodns.net", .reason = Reason::kSpeeding, .fixer = Fixer::kSenderAdmin, .fix = "slow-down", .source = "Yahoo Sender Hub SMTP error codes: 421 4.7.0 [TSS04] temporarily deferred"},
  Rule{.id = "rhost-yahoo-no-account", .phrase = "doesn't have a yahoo", .rhost = ".yahoodns.net", .reason = Reason::kUserUnknown, .source = "Yahoo Sender Hub SMTP error codes: 554 delivery error: This user doesn't have a yahoo.com account"},
  // Yahoo accepts every RCPT and refuses unknown accounts after DATA, so this answer is an
  // unknown user whatever the command; relaying MTAs often do not name the Yahoo host.
  Rule{.id = "yahoo-no-account-554", .reply_code = "554", .phrase = "this user doesn't have a yahoo", .reason = Reason::kUserUnknown, .source = "Yahoo Sender Hub SMTP error codes: 554 delivery error: This user doesn't have a yahoo.com account (sample lhost-sendmail-41, at DATA)"},
  Rule{.id = "rhost-yahoo-disabled", .phrase = "this mailbox is disabled", .rhost = ".yahoodns.net", .reason = Reason::kSuspend, .source = "Yahoo Sender Hub SMTP error codes: 554 This mailbox is disabled (554.30)"},
  // GoDaddy (secureserver.net): IB codes in the reply.
  Rule{.id = "rhost-godaddy-ib506", .phrase = "ib506", .rhost = ".secureserver.net", .reason = Reason::kRejected, .fixer = Fixer::kSender, .fix = "check-sender-address", .source = "GoDaddy bounce codes: IB506 From: domain is invalid"},
  Rule{.id = "rhost-godaddy-ib607", .phrase = "ib607", .rhost = ".secureserver.net", .reason = Reason::kSpeeding, .fixer = Fixer::kSender, .fix = "slow-down", .source = "GoDaddy bounce codes: IB607 sent to too many recipients this hour"},
  // au by KDDI (ezweb.ne.jp, au.com): a receive-filter refusal is "550 : User unknown" with the
  // address left out, answered to DATA; an unknown address is "550 <addr>: User unknown" at RCPT.
  Rule{.id = "rhost-kddi-filter-ezweb", .phrase = "550 : user unknown", .rhost = ".ezweb.ne.jp", .reason = Reason::kFiltered, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "au by KDDI receive filter (ezweb.ne.jp): 550 : User unknown after DATA"},
  Rule{.id = "rhost-kddi-filter-ezweb-quoted", .phrase = "550: : user unknown", .rhost = ".ezweb.ne.jp", .reason = Reason::kFiltered, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "au by KDDI receive filter (ezweb.ne.jp) quoted by Yahoo's qmail-style NDR as \"550: : User unknown\" (sample file lhost-yahoo-06)"},
  Rule{.id = "rhost-kddi-filter-au", .phrase = "550 : user unknown", .rhost = ".au.com", .reason = Reason::kFiltered, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "au by KDDI receive filter (au.com): 550 : User unknown after DATA"},
  // Apple iCloud Mail.
  Rule{.id = "rhost-icloud-inactive", .phrase = "inactive email address", .rhost = ".icloud.com", .reason = Reason::kUserUnknown, .source = "Apple iCloud Mail postmaster: 550 5.1.1 inactive email address"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
