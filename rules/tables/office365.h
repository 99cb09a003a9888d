// Office 365 / Exchange Online NDR codes: enhanced status codes Microsoft gives meanings of
// its own, and codes RFC 3463 leaves unassigned. Read by rules/rule_set.cc. Pure data.
//
// Source: the Office 365 "Email non-delivery reports in Office 365" NDR code table (seed
// page 003, Vietnamese translation of Microsoft's page; case ids from seeds/cases.tsv).
// These are status-only rules of the specific kind (they beat phrases) unless Microsoft
// reuses the code for several conditions, in which case a status+phrase rule decides.
#pragma once

#include <array>

#include "rules/rule.h"

namespace bouncescan::rules::tables {

// clang-format off
inline constexpr std::array kOffice365{
  Rule{.id = "o365-4.4.316", .status = "4.4.316", .reason = Reason::kNetworkError, .fixer = Fixer::kRecipientAdmin, .source = "Office 365 NDR table 4.4.316 Connection refused; seed o365-4.4.316"},
  Rule{.id = "o365-5.4.316", .status = "5.4.316", .reason = Reason::kExpired, .fixer = Fixer::kRecipientAdmin, .source = "Office 365 NDR 5.4.316 message expired after connection refused (the 4.4.316 retries ran out)"},
  Rule{.id = "o365-5.4.310", .status = "5.4.310", .reason = Reason::kHostUnknown, .source = "Office 365 NDR 5.4.310 DNS domain does not exist"},
  Rule{.id = "o365-5.4.312", .status = "5.4.312", .reason = Reason::kNetworkError, .source = "Office 365 NDR 5.4.312 DNS query failed"},
  // Listed before the 4.7.500-699 range so that it wins the tie (same row, earlier rule).
  Rule{.id = "o365-4.7.650", .status = "4.7.650", .reason = Reason::kBadReputation, .fixer = Fixer::kSenderAdmin, .source = "Microsoft: 451 4.7.650 The mail server has been temporarily rate limited due to IP reputation"},
  Rule{.id = "o365-4.7.500", .status = "4.7.500", .status_last = "4.7.699", .reason = Reason::kSpeeding, .fixer = Fixer::kNone, .source = "Office 365 NDR table 4.7.500-699 Access denied, please try again later; seed o365-4.7.500"},
  Rule{.id = "o365-4.7.850", .status = "4.7.850", .status_last = "4.7.899", .reason = Reason::kBadReputation, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR table 4.7.850-899 Access denied, please try again later; seed o365-4.7.850"},
  Rule{.id = "o365-5.1.8", .status = "5.1.8", .phrase = "bad outbound sender", .reason = Reason::kSecurityError, .fixer = Fixer::kSenderAdmin, .fix = "secure-account", .source = "Office 365 NDR table 5.1.8 Access denied, bad outbound sender (account sent spam); seed o365-5.1.8"},
  Rule{.id = "o365-5.1.10", .status = "5.1.10", .phrase = "recipient not found", .reason = Reason::kUserUnknown, .source = "Office 365 NDR 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"},
  Rule{.id = "o365-5.2.121", .status = "5.2.121", .reason = Reason::kSpeeding, .fixer = Fixer::kSender, .fix = "slow-down", .source = "Office 365 NDR table 5.2.121 Recipient's per sender hourly message receive limit exceeded; seed o365-5.2.121"},
  Rule{.id = "o365-5.2.122", .status = "5.2.122", .reason = Reason::kSpeeding, .fixer = Fixer::kRecipient, .fix = "recipient-busy", .source = "Office 365 NDR table 5.2.122 Recipient's hourly message receive limit exceeded; seed o365-5.2.122"},
  Rule{.id = "o365-5.3.190", .status = "5.3.190", .reason = Reason::kSystemError, .fixer = Fixer::kRecipientAdmin, .source = "Office 365 NDR table 5.3.190 Journaling on-premises messages not supported; seed o365-5.3.190"},
  Rule{.id = "o365-5.4.1-relay", .status = "5.4.1", .phrase = "relay access denied", .reason = Reason::kNoRelaying, .fixer = Fixer::kRecipientAdmin, .fix = "recipient-server-problem", .source = "Office 365 NDR table 5.4.1 Relay Access Denied (recipient domain not an accepted domain); seed o365-5.4.1"},
  Rule{.id = "o365-5.4.1-dbeb", .status = "5.4.1", .phrase = "recipient address rejected: access denied", .reason = Reason::kUserUnknown, .source = "Office 365 5.4.1 Recipient address rejected: Access denied (directory based edge blocking: no such recipient)"},
  Rule{.id = "o365-5.6.11", .status = "5.6.11", .reason = Reason::kContentError, .fixer = Fixer::kSender, .source = "Office 365 NDR table 5.6.11 Invalid characters; seed o365-5.6.11"},
  Rule{.id = "o365-5.7.1-notauth", .status = "5.7.1", .phrase = "delivery not authorized", .reason = Reason::kRejected, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.1 Delivery not authorized (restricted group or transport rule); seed o365-5.7.1-notauth"},
  Rule{.id = "o365-5.7.1-relay", .status = "5.7.1", .phrase = "unable to relay", .reason = Reason::kNoRelaying, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR table 5.7.1 Unable to relay; seed o365-5.7.1-relay"},
  Rule{.id = "o365-5.7.1-client", .status = "5.7.1", .phrase = "client was not authenticated", .reason = Reason::kSecurityError, .fixer = Fixer::kSenderAdmin, .fix = "smtp-auth", .source = "Office 365 NDR table 5.7.1 Client was not authenticated; seed o365-5.7.1-client"},
  // The NDR's "#<host #5.7.1 smtp;530 ...> #SMTP#" form quotes the recipient's own server, which
  // refuses anonymous mail from the Internet: its administrator must fix it (page 003's worked example).
  Rule{.id = "o365-5.7.1-remote-530", .status = "5.7.1", .phrase = "smtp;530 5.7.1 client was not authenticated", .reason = Reason::kSecurityError, .fixer = Fixer::kRecipientAdmin, .fix = "recipient-server-problem", .source = "Office 365 NDR page 003, diagnostic information example; seed o365-exch-530"},
  Rule{.id = "o365-5.7.12", .status = "5.7.12", .reason = Reason::kRejected, .fixer = Fixer::kRecipientAdmin, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.12 Sender was not authenticated by organization; seed o365-5.7.12"},
  Rule{.id = "o365-5.7.124", .status = "5.7.124", .reason = Reason::kRejected, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.124 Sender not in allowed-senders list; seed o365-5.7.124"},
  Rule{.id = "o365-5.7.133", .status = "5.7.133", .status_last = "5.7.136", .reason = Reason::kRejected, .fixer = Fixer::kRecipientAdmin, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.133-136 Sender not authenticated for group / mailbox / public folder; seeds o365-5.7.133..136"},
  Rule{.id = "o365-5.7.501", .status = "5.7.501", .status_last = "5.7.503", .reason = Reason::kSecurityError, .fixer = Fixer::kSenderAdmin, .fix = "secure-account", .source = "Office 365 NDR table 5.7.501 spam abuse detected, 5.7.502/503 banned sender; seeds o365-5.7.501, o365-5.7.502"},
  Rule{.id = "o365-5.7.504", .status = "5.7.504", .status_last = "5.7.505", .reason = Reason::kUserUnknown, .source = "Office 365 NDR table 5.7.504 Recipient address rejected: Access denied, 5.7.505 banned recipient; seeds o365-5.7.504, o365-5.7.505"},
  Rule{.id = "o365-5.7.506", .status = "5.7.506", .reason = Reason::kBlocked, .fixer = Fixer::kSenderAdmin, .fix = "fix-helo", .source = "Office 365 NDR table 5.7.506 Access Denied, Bad HELO; seed o365-5.7.506"},
  Rule{.id = "o365-5.7.507", .status = "5.7.507", .reason = Reason::kBlocked, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.507 Access denied, rejected by recipient; seed o365-5.7.507"},
  Rule{.id = "o365-5.7.508", .status = "5.7.508", .reason = Reason::kSpeeding, .fixer = Fixer::kSenderAdmin, .fix = "slow-down", .source = "Office 365 NDR table 5.7.508 exceeded permitted limits within /48 range; seed o365-5.7.508"},
  Rule{.id = "o365-5.7.509", .status = "5.7.509", .reason = Reason::kAuthFailure, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR table 5.7.509 sending domain does not pass DMARC verification; seed o365-5.7.509"},
  Rule{.id = "o365-5.7.510", .status = "5.7.510", .reason = Reason::kNetworkError, .fixer = Fixer::kSenderAdmin, .fix = "use-ipv4", .source = "Office 365 NDR table 5.7.510 does not accept email over IPv6; seed o365-5.7.510"},
  Rule{.id = "o365-5.7.511", .status = "5.7.511", .reason = Reason::kBadReputation, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR table 5.7.511 Access denied, banned sender; seed o365-5.7.511"},
  Rule{.id = "o365-5.7.512", .status = "5.7.512", .reason = Reason::kNotCompliantRfc, .fixer = Fixer::kSender, .source = "Office 365 NDR table 5.7.512 message must be RFC 5322 section 3.6.2 compliant; seed o365-5.7.512"},
  Rule{.id = "o365-5.7.513", .status = "5.7.513", .reason = Reason::kBlocked, .fixer = Fixer::kRecipient, .fix = "ask-permission", .source = "Office 365 NDR table 5.7.513 blocked using Customer Block list; seed o365-5.7.513"},
  Rule{.id = "o365-5.7.606", .status = "5.7.606", .status_last = "5.7.649", .reason = Reason::kBadReputation, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR table 5.7.606-649 Access denied, banned sending IP; seed o365-5.7.606"},
  Rule{.id = "o365-5.7.700", .status = "5.7.700", .status_last = "5.7.749", .reason = Reason::kSecurityError, .fixer = Fixer::kSenderAdmin, .fix = "secure-account", .source = "Office 365 NDR table 5.7.700-749 Access denied, tenant has exceeded threshold; seed o365-5.7.700"},
  Rule{.id = "o365-5.7.750", .status = "5.7.750", .reason = Reason::kBlocked, .fixer = Fixer::kSenderAdmin, .source = "Office 365 NDR 5.7.750 Client blocked from sending from unregistered domains"},
};
// clang-format on

}  // namespace bouncescan::rules::tables
