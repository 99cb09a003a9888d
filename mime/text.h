// Text helpers shared by the decoders: encodings, charsets, addresses, status codes.
//
// Pure functions on strings; no I/O, no locale. Everything returns UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::mime {

// RFC 2047 encoded words ("=?utf-8?B?...?=") decoded and converted to UTF-8. Invalid
// words are left as written.
std::string DecodeEncodedWords(std::string_view text);
// Converts `text` from `charset` to UTF-8 (iconv). Unknown charsets and invalid bytes
// degrade gracefully: invalid sequences become U+FFFD, never an error.
std::string ToUtf8(std::string_view text, std::string_view charset);
// The same, converting *text where it lies: text that is already its own answer (ASCII,
// valid UTF-8) is neither copied nor moved.
void ToUtf8InPlace(std::string* text, std::string_view charset);
std::string DecodeBase64(std::string_view text);
std::string DecodeQuotedPrintable(std::string_view text);

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// CRLF and lone CR become LF.
std::string NormalizeLineEndings(std::string_view text);
// The same, written over *text (the result is never longer).
void NormalizeLineEndingsInPlace(std::string* text);
// Runs of whitespace (including newlines) become one space; ends trimmed.
std::string SqueezeSpace(std::string_view text);
// The same, written over *text: no new string (and nothing written at all while the text
// is already squeezed).
void SqueezeSpaceInPlace(std::string* text);
std::string ToLower(std::string_view text);
// text.find_first_of(set) for a set of a few bytes, without the library's memchr over the
// set for every byte of the text.
std::size_t FirstOf(std::string_view text, std::string_view set);

// The bare address in "Name <user@example.com>", "<user@example.com>", "rfc822; user@...",
// or "user@example.com"; lowercased domain, local part as written; empty if none. Does not
// use mimetic's address parser (it double-frees on some groups).
std::string ExtractAddress(std::string_view text);
// Every address-looking token in the text, in order, without duplicates.
std::vector<std::string> FindAddresses(std::string_view text);

// The first RFC 3463 enhanced status code ("5.1.1", "4.7.26") in the text, or empty.
// Only classes 2, 4 and 5 count; dotted numbers that are parts of IP addresses or versions
// do not.
std::string FindStatusCode(std::string_view text);
// The first SMTP reply code ("550", "421") the text starts with or carries as a reply
// ("... said: 550 ..."), or empty.
std::string FindReplyCode(std::string_view text);

}  // namespace bouncescan::mime
