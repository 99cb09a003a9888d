// Building blocks for writing an RFC 5322 / MIME message that nothing inside can break.
//
// Used by digest/compose.cc to assemble the digest. Every function is pure (randomness
// and time are passed in) and safe on hostile input: text that came from a bounce can
// never end a header, start a new one, or close a MIME part, because
//   - header values are stripped of CR, LF and other controls, then RFC 2047-encoded
//     when they are not plain ASCII, then folded (RFC 5322 section 2.2.3);
//   - bodies are quoted-printable (RFC 2045 section 6.7), so no body line can begin
//     with "--" followed by a boundary that starts with "=_" (QP always writes "=" as "=3D").
// No I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bouncescan::digest {

// Single-line text for people: CR, LF and tabs become spaces, other C0/C1 controls and
// bidirectional overrides (U+202A..U+202E, U+2066..U+2069) are dropped, invalid UTF-8
// becomes U+FFFD, runs of spaces collapse, and the result is cut to `max_chars` code
// points (with "…" appended when cut). 0 means no limit.
std::string CleanLine(std::string_view text, std::size_t max_chars = 0);

// Number of Unicode code points in valid UTF-8 text.
std::size_t CodePoints(std::string_view utf8);

// "Name: value" folded to lines of at most 78 octets where possible, ending in CRLF.
// The value is first made single-line (CleanLine); if it is not printable ASCII, or
// contains "=?", it is written as RFC 2047 "B" encoded-words of UTF-8, each at most 75
// octets and never splitting a character.
std::string EncodeHeader(std::string_view name, std::string_view value);

// An address header ("From", "To") for `display_name` <address>. `addresses` is one or
// more comma-separated addr-specs. kInvalidArgument when an address is not a plain
// addr-spec (spaces, controls, <>()[],;:\" or not exactly one '@').
Result<std::string> EncodeAddressHeader(std::string_view name, std::string_view display_name,
                                        std::string_view addresses);

// Splits a comma-separated address list into bare, validated addr-specs.
Result<std::vector<std::string>> ParseAddressList(std::string_view addresses);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in LF or CRLF; output
// lines end in CRLF and are at most 76 octets. Also encodes a "." or "From " at the start
// of a line, so that dot-stuffing and mbox writers cannot alter the body.
std::string EncodeQuotedPrintable(std::string_view text);

// "Mon, 23 Nov 2026 18:00:00 +0000" for seconds since the epoch (UTC).
std::string FormatRfc5322Date(std::int64_t unix_seconds);

// A MIME boundary "=_bouncescan_" + 32 hex digits of `random_bytes`, which must hold at
// least 16 bytes. The "=_" prefix can never occur in quoted-printable text.
std::string MakeBoundary(std::string_view random_bytes);

// "<" + hex(random_bytes) + "." + timestamp + "@" + domain + ">"; the domain of `from`,
// or "bouncescan.invalid" when it has none.
std::string MakeMessageId(std::string_view random_bytes, std::int64_t unix_seconds, std::string_view from);

// `n` random bytes from the operating system (getrandom(2)).
std::string RandomBytes(std::size_t n);

}  // namespace bouncescan::digest
