// Small text helpers of rules/: status and reply codes out of a diagnostic line, and the
// one normalisation every phrase match uses. Pure functions; no locale, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bouncescan::rules {

// An enhanced status code (RFC 3463): class.subject.detail, e.g. 5.7.509.
struct StatusCode {
  int klass = 0;  // 2, 4 or 5
  int subject = 0;
  int detail = 0;
  friend bool operator==(const StatusCode&, const StatusCode&) = default;
};

// "5.1.1" -> {5,1,1}. nullopt unless the whole text is a code of class 2, 4 or 5 with
// subject and detail of at most three digits each.
std::optional<StatusCode> ParseStatusCode(std::string_view text);

// The first enhanced status code in a diagnostic ("550-5.7.1 ...", "#5.7.1", "(#5.7.1)");
// a dotted number that is part of an IP address or version ("192.0.2.10", "v1.2.3.4") does
// not count. Empty when there is none.
std::string FindStatusInText(std::string_view text);

// The SMTP reply code a diagnostic starts with ("550 ...", "550-...", "smtp; 550 ...") or
// quotes after a colon ("... after RCPT TO:<a@b>: 550 ..."). Empty when there is none.
std::string FindReplyInText(std::string_view text);

// ASCII lowercase, every run of whitespace as one space, ends trimmed. Bytes >= 0x80 are
// kept as they are, so UTF-8 text stays valid.
std::string NormalizeForMatch(std::string_view text);
// The same, written into *out (replacing what it held). REQUIRES: `text` does not point into *out.
void NormalizeForMatch(std::string_view text, std::string* out);

// Multi-line replies quote their code on every line ("550-5.7.1 Messages with multiple\n
// 550-5.7.1 addresses in From: ..."); once unfolded, the repeats split the server's words.
// Removes every repeat of "REPLY-STATUS " / "REPLY STATUS " after the first, and of a lone
// "REPLY-" / "REPLY " at a line start that is not the text's start. `text` is normalized.
std::string StripContinuationCodes(std::string_view text, std::string_view reply, std::string_view status);
// The same, in place.
void StripContinuationCodes(std::string_view reply, std::string_view status, std::string* text);

}  // namespace bouncescan::rules
