// Messages the IMAP integration tests and bench/imap load into a throwaway Dovecot: bounces
// in the shapes real MTAs send (RFC 3464 DSN from Postfix, an Exchange-style NDR, a qmail
// failure notice) and ordinary mail that must never be fetched. All addresses are
// anonymised (example.com / example.net / example.org, 192.0.2.0/24). CRLF line endings,
// as IMAP serves them, so fetched bytes compare equal.
#pragma once

#include <string>

namespace bouncescan::testing {

// A Postfix RFC 3464 report: 550 5.1.1 user unknown for `rcpt`.
std::string PostfixDsn(const std::string& rcpt, int n);
// An Exchange/Office 365-style NDR (postmaster, "Undeliverable:"), mailbox full.
std::string ExchangeNdr(const std::string& rcpt, int n);
// A qmail "failure notice" (plain text, no DSN).
std::string QmailFailure(const std::string& rcpt, int n);
// Ordinary person-to-person mail; not a bounce candidate.
std::string OrdinaryMail(int n);
// An out-of-office reply; not a bounce candidate either.
std::string OutOfOffice(int n);
// A DSN carrying a large attachment (`padding_bytes` of base64 text in the returned message).
std::string LargeDsn(const std::string& rcpt, std::size_t padding_bytes);

}  // namespace bouncescan::testing
