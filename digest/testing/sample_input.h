// Digest inputs shared by the digest tests: a typical one and a hostile one.
#pragma once

#include "digest/digest_input.h"

namespace bouncescan::digest::testing {

// One entry or more in every section; the fix text stands in for rules::FixText.
inline DigestInput SampleInput() {
  DigestInput in;
  in.since = 1795284000;  // 2026-11-21 18:00 UTC
  in.soft_threshold = 3;
  in.soft_window_days = 30;
  in.sender_problems.push_back({SenderCause::kAuthentication, 3,
                                "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass).",
                                "Publish an SPF record for example.com that lists the server you send through."});
  in.sender_problems.push_back({SenderCause::kSmtpAuthRequired, 1, "530 5.7.0 Authentication required", ""});
  in.removed.push_back({"gone@example.com", "userunknown", "hard", "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown"});
  in.removed.push_back({"nodomain@example.invalid", "hostunknown", "hard", "Host or domain name not found"});
  in.watching.push_back({"busy@example.net", "mailboxfull", 2});
  in.contact_other_way.push_back({"full@example.org", "mailboxfull", "452 4.2.2 Mailbox full"});
  in.unclassified.push_back({"imap:work/INBOX/5/42", "Undeliverable: Invoice 2026-118", "no recipient could be found"});
  return in;
}

// Text that tries to break out of HTML, headers and MIME parts.
inline DigestInput HostileInput() {
  DigestInput in;
  in.sender_problems.push_back({SenderCause::kOther, 1,
                                "550 <script>alert(1)</script>\r\n--=_bouncescan_00000000000000000000000000000000\r\n"
                                "Content-Type: text/html\r\n\r\n<img src=http://example.net/x onerror=alert(2)>",
                                ""});
  in.removed.push_back({"evil\r\nBcc: victim@example.net<script>@example.com", "userunknown", "hard",
                        "\"><script>document.location='http://example.net/'</script>"});
  in.contact_other_way.push_back({"x@example.com\n--=_bouncescan_x--", "filtered", "<style>body{display:none}</style>"});
  in.unclassified.push_back({"mbox#1\r\nSubject: forged",
                             "Re: =?UTF-8?B?PHNjcmlwdD4=?= \r\n--=_bouncescan_ffff\r\nContent-Type: text/html\r\n\r\n<script>x</script>",
                             "no recipients"});
  return in;
}

}  // namespace bouncescan::digest::testing
