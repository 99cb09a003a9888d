#include "tests/imap_fixtures.h"

namespace bouncescan::testing {
namespace {

std::string Crlf(const std::string& lf) {
  std::string out;
  out.reserve(lf.size() + lf.size() / 20);
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string N(int n) { return std::to_string(n); }

}  // namespace

std::string PostfixDsn(const std::string& rcpt, int n) {
  return Crlf(
      "Return-Path: <>\n"
      "Date: Mon, 16 Nov 2026 10:00:" + std::string(n % 60 < 10 ? "0" : "") + N(n % 60) + " +0000\n"
      "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "To: sender@example.com\n"
      "Message-ID: <dsn-" + N(n) + "@mx.example.net>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"B" + N(n) + "\"\n"
      "\n"
      "This is a MIME-encapsulated message.\n"
      "\n"
      "--B" + N(n) + "\n"
      "Content-Description: Notification\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "This is the mail system at host mx.example.net.\n"
      "\n"
      "I'm sorry to have to inform you that your message could not\n"
      "be delivered to one or more recipients.\n"
      "\n"
      "<" + rcpt + ">: host mail.example.org[192.0.2.25] said: 550 5.1.1\n"
      "    <" + rcpt + ">: Recipient address rejected: User unknown\n"
      "\n"
      "--B" + N(n) + "\n"
      "Content-Description: Delivery report\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "Arrival-Date: Mon, 16 Nov 2026 09:59:58 +0000\n"
      "\n"
      "Final-Recipient: rfc822; " + rcpt + "\n"
      "Original-Recipient: rfc822;" + rcpt + "\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Remote-MTA: dns; mail.example.org\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown\n"
      "\n"
      "--B" + N(n) + "\n"
      "Content-Description: Undelivered Message Headers\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: sender@example.com\n"
      "To: " + rcpt + "\n"
      "Subject: Invoice " + N(n) + "\n"
      "Message-ID: <orig-" + N(n) + "@example.com>\n"
      "\n"
      "--B" + N(n) + "--\n");
}

std::string ExchangeNdr(const std::string& rcpt, int n) {
  return Crlf(
      "From: postmaster@example.org\n"
      "To: sender@example.com\n"
      "Date: Tue, 17 Nov 2026 08:30:00 +0000\n"
      "Subject: Undeliverable: Meeting notes " + N(n) + "\n"
      "Message-ID: <ndr-" + N(n) + "@example.org>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"X" + N(n) + "\"\n"
      "\n"
      "--X" + N(n) + "\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "Your message to " + rcpt + " couldn't be delivered.\n"
      "The recipient's mailbox is full and can't accept messages now.\n"
      "\n"
      "--X" + N(n) + "\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns;mail.example.org\n"
      "\n"
      "Final-Recipient: rfc822;" + rcpt + "\n"
      "Action: failed\n"
      "Status: 5.2.2\n"
      "Diagnostic-Code: smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException\n"
      "\n"
      "--X" + N(n) + "--\n");
}

std::string QmailFailure(const std::string& rcpt, int n) {
  return Crlf(
      "From: MAILER-DAEMON@mail.example.net\n"
      "To: sender@example.com\n"
      "Date: Wed, 18 Nov 2026 12:00:00 +0000\n"
      "Subject: failure notice\n"
      "Message-ID: <qmail-" + N(n) + "@mail.example.net>\n"
      "\n"
      "Hi. This is the qmail-send program at mail.example.net.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.\n"
      "\n"
      "<" + rcpt + ">:\n"
      "192.0.2.30 does not like recipient.\n"
      "Remote host said: 550 5.1.1 No such user\n"
      "Giving up on 192.0.2.30.\n"
      "\n"
      "--- Below this line is a copy of the message.\n"
      "\n"
      "From: sender@example.com\n"
      "To: " + rcpt + "\n"
      "Subject: hello\n"
      "\n"
      "hi\n");
}

std::string OrdinaryMail(int n) {
  return Crlf(
      "From: Friend <friend" + N(n) + "@example.net>\n"
      "To: sender@example.com\n"
      "Date: Thu, 19 Nov 2026 09:00:00 +0000\n"
      "Subject: Lunch on Friday? " + N(n) + "\n"
      "Message-ID: <mail-" + N(n) + "@example.net>\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "\n"
      "Are you free for lunch on Friday? The delivery of the new desks is on Monday.\n");
}

std::string OutOfOffice(int n) {
  return Crlf(
      "From: colleague@example.org\n"
      "To: sender@example.com\n"
      "Date: Thu, 19 Nov 2026 10:00:00 +0000\n"
      "Subject: Automatic reply: Invoice " + N(n) + "\n"
      "Auto-Submitted: auto-replied\n"
      "Message-ID: <ooo-" + N(n) + "@example.org>\n"
      "\n"
      "I am out of the office until Monday.\n");
}

std::string LargeDsn(const std::string& rcpt, std::size_t padding_bytes) {
  std::string dsn = PostfixDsn(rcpt, 9999);
  // Replace the closing boundary with an attached original carrying a big body.
  std::string closing = "--B9999--\r\n";
  dsn.resize(dsn.size() - closing.size());
  dsn += "--B9999\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  std::string line(76, 'A');
  for (std::size_t written = 0; written < padding_bytes; written += 78) dsn += line + "\r\n";
  dsn += closing;
  return dsn;
}

}  // namespace bouncescan::testing
