// Bounces that fill every section of the digest, for the digest and `run` tests: each is a
// complete message as an MTA would send it (hand-written; example.com / example.net /
// example.org, 192.0.2.0/24), with CRLF line ends so that it can go into a Maildir too.
// Header-only; tests/ only.
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace bouncescan::testing {

// "Tue, 14 May 2024 09:00:00 +0000" for `minutes_ago` minutes before now: the soft-failure
// window ("Watching") counts from today, so fixtures must be recent.
inline std::string RecentDate(int minutes_ago) {
  std::time_t t = std::time(nullptr) - 60 * static_cast<std::time_t>(minutes_ago);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// An RFC 3464 report from Postfix for one recipient, dated `n` minutes ago. `n` makes the Message-ID unique.
inline std::string DigestDsn(const std::string& rcpt, const std::string& status, const std::string& diagnostic,
                             int n, const std::string& subject = "Spring offer") {
  const std::string id = std::to_string(n);
  std::string m =
      "Return-Path: <>\n"
      "Date: " + RecentDate(n) + "\n"
      "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
      "To: owner@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "Message-Id: <digest-fixture-" + id + "@mx.example.net>\n"
      "Auto-Submitted: auto-replied\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B" + id + "\"\n"
      "\n"
      "--B" + id + "\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "This is the mail system at host mx.example.net.\n"
      "\n"
      "<" + rcpt + ">: host mx.example.org[192.0.2.25] said: " + diagnostic + "\n"
      "\n"
      "--B" + id + "\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: rfc822; " + rcpt + "\n"
      "Action: failed\n"
      "Status: " + status + "\n"
      "Remote-MTA: dns; mx.example.org\n"
      "Diagnostic-Code: smtp; " + diagnostic + "\n"
      "\n"
      "--B" + id + "\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: owner@example.com\n"
      "To: " + rcpt + "\n"
      "Subject: " + subject + "\n"
      "Message-Id: <offer-" + id + "@example.com>\n"
      "\n"
      "--B" + id + "--\n";
  std::string crlf;
  for (char c : m) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return crlf;
}

// A delivery report that names no recipient: it is a bounce, but nobody can say whose.
// `subject` is written as given (it may be an RFC 2047 encoded-word).
inline std::string DigestUnreadable(const std::string& subject, int n) {
  const std::string id = std::to_string(n);
  return "Return-Path: <>\r\n"
         "Date: " + RecentDate(n) + "\r\n"
         "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
         "To: owner@example.com\r\n"
         "Subject: " + subject + "\r\n"
         "Message-Id: <digest-unreadable-" + id + "@mx.example.net>\r\n"
         "Auto-Submitted: auto-replied\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"U" + id + "\"\r\n"
         "\r\n"
         "--U" + id + "\r\n"
         "Content-Type: text/plain; charset=us-ascii\r\n"
         "\r\n"
         "Your message could not be delivered.\r\n"
         "\r\n"
         "--U" + id + "\r\n"
         "Content-Type: message/delivery-status\r\n"
         "\r\n"
         "Reporting-MTA: dns; mx.example.net\r\n"
         "\r\n"
         "--U" + id + "--\r\n";
}

// An out-of-office reply: never a failure, never in a digest.
inline std::string OutOfOfficeReply() {
  return "Date: " + RecentDate(1) + "\r\n"
         "From: heidi@example.org\r\n"
         "To: owner@example.com\r\n"
         "Subject: Out of office: Spring offer\r\n"
         "Message-Id: <ooo-1@example.org>\r\n"
         "Auto-Submitted: auto-replied\r\n"
         "\r\n"
         "I am away until Monday.\r\n";
}

// One message for each section of the digest:
//   1. sender side: DMARC/SPF failure (authfailure) and relay denied (norelaying);
//   2. removed: an unknown user (hard);
//   3. watching + 4. contact another way: a full mailbox;
//   4. a recipient who accepts only approved senders (filtered);
//   5. a bounce with nothing to read.
inline std::vector<std::string> DigestSectionBounces() {
  return {
      DigestDsn("carol@example.org", "5.7.26",
                "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC "
                "policy; SPF and DKIM both did not pass", 1),
      DigestDsn("dave@example.net", "5.7.1", "554 5.7.1 <dave@example.net>: Relay access denied", 2),
      DigestDsn("gone@example.org", "5.1.1",
                "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table", 3),
      DigestDsn("full@example.org", "4.2.2", "452 4.2.2 <full@example.org>: Mailbox full, quota exceeded", 4),
      DigestDsn("picky@example.net", "5.2.0",
                "550 5.2.0 <picky@example.net>: Message filtered: this mailbox accepts mail from approved senders "
                "only", 5),
      DigestUnreadable("Undeliverable: Invoice 2024-05", 6),
  };
}

// A bounce whose every field tries to break the digest: HTML and script in the
// diagnostic, a line that imitates a MIME boundary, an encoded subject that decodes to a
// new header.
inline std::vector<std::string> DigestHostileBounces() {
  return {
      DigestDsn("victim@example.org", "5.1.1",
                "550 5.1.1 <script>alert(1)</script> --=_bouncescan_00000000000000000000000000000000 "
                "\"><img src=http://example.net/x onerror=alert(2)>", 21,
                "=?UTF-8?B?T2ZmZXIKQmNjOiBldmlsQGV4YW1wbGUubmV0?="),
      // "Re: x\r\nBcc: evil@example.net\r\n\r\n--=_bouncescan_ffff" as a UTF-8 encoded-word.
      DigestUnreadable("=?UTF-8?B?UmU6IHgNCkJjYzogZXZpbEBleGFtcGxlLm5ldA0KDQotLT1fYm91bmNlc2Nhbl9mZmZm?= <b>bold</b>",
                       22),
  };
}

}  // namespace bouncescan::testing
