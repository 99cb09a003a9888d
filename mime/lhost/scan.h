// The shared reading engine of the MTA-family decoders (mime/lhost/NAME.cc).
//
// Most non-standard bounces have the same shape: a human-readable failure section that
// lists each failed recipient (an address at the start of a line, or after a phrase such
// as "Could not be delivered to:") followed by the server's words, and then a copy of the
// original message. A family differs only in its markers and phrases, so a decoder is a
// constexpr `Family` (data) handed to `DecodeFamily`. Used only by mime/lhost/*.cc.
// Pure: no I/O, no globals, no allocation of anything long-lived; never throws.
//
// Phrases are matched case-insensitively (ASCII) as substrings and must be written in
// lowercase; non-ASCII phrases (Japanese, Russian) are matched byte for byte.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mime/bounce_report.h"
#include "mime/decoder.h"
#include "mime/message.h"

namespace bouncescan::mime::lhost {

using Phrases = std::span<const std::string_view>;

// How a line of the failure section names a recipient.
enum class RecipientLines {
  // A line that begins with an address ("user@example.com", "<user@example.com>:",
  // "\"user@example.com\":", "* user@example.com", "550 <user@example.com>... User unknown")
  // starts a recipient; the rest of the line begins its diagnostic.
  kLeadingAddress,
  // kLeadingAddress, and also Exim's layout: a line indented by one to three spaces starts
  // a recipient even when it is a bare local part or a pipe/file ("  kijitora",
  // "  save to xxxx"); lines indented further are its diagnostic. Bare names are resolved
  // against X-Failed-Recipients and the returned message's headers.
  kEximIndent,
  // A line that contains an address anywhere ("Unknown user: user@example.com").
  kAnyAddress,
  // Lines never name recipients; only `recipient_after` phrases and the fallbacks do.
  kNone,
};

// A Family is a static table (constexpr, at namespace scope): the engine builds one-pass
// finders (PhraseFinder) for its lists the first time it reads the Family and keeps them,
// keyed by the Family's address. A Family made at run time still works, phrase by phrase.
struct Family {
  std::string_view id = {};  // BounceReport::decoder, e.g. "qmail"

  // Recognition. The message is this family's when
  //   (`from` and `subject` are both empty, or a `from` phrase occurs in the From header,
  //    or a `subject` phrase occurs in the Subject)
  //   and (`body` is empty, or a `body` phrase occurs in the first part of the text).
  // At least one list must be non-empty. Cheap header checks run first.
  Phrases from = {};
  Phrases subject = {};
  Phrases body = {};

  // Where the failure section is: it begins after the first line containing a `start`
  // phrase (the top of the text when the list is empty; when no listed phrase occurs, the
  // message is not this family's) and ends before the first line containing an `end`
  // phrase (where the returned message usually begins).
  Phrases start = {};
  Phrases end = {};

  RecipientLines lines = RecipientLines::kLeadingAddress;
  // With kLeadingAddress: the address may follow an SMTP reply code (sendmail transcripts:
  // "550 <user@example.com>... User unknown").
  bool coded_lines = false;
  // "could not be delivered to:" - the first address after one of these phrases on the same
  // line, or on the next non-empty line, is a recipient.
  Phrases recipient_after = {};
  // Phrases that mean "still trying" (in the section or the Subject): kind becomes
  // kDelay and each recipient's action "delayed".
  Phrases delay = {};
  // Lines of the section that begin with one of these (after leading space) are not part of
  // any diagnostic (e.g. the successful replies of a session transcript: "out: 250").
  Phrases skip_prefixes = {};
  // Lines that begin with one of these (after leading space) describe the recipient named
  // next, not the one before: sendmail V5 writes the server's reply ("<<< 501 ...") above the
  // summary line that names the recipient ("554 <user@example.com>... Remote protocol error").
  Phrases held_prefixes = {};
  // Lines that contain one of these are held likewise (sendmail V5's per-host lines,
  // "550 example.org (smtp)... 550 Host unknown", above the recipient line they concern).
  // Held lines left at the end of the section go to the last recipient named.
  Phrases held_containing = {};
  // Lines of the section above the first recipient that contain one of these say why every
  // recipient failed (EZweb: "The user(s) account is disabled." above "<user>: user
  // unknown"); they begin each recipient's diagnostic.
  Phrases notices = {};
  // When no line names a recipient: take X-Failed-Recipients, then (if true) the To of the
  // returned message.
  bool original_to_fallback = false;
  // Recipients found only by those fallbacks get the section's text as their diagnostic;
  // false when the section is only the MTA's boilerplate and says nothing about them
  // (Postfix's "--- Delivery report unavailable ---").
  bool fallback_free_text = true;
};

// Reads `message` as a bounce of `family`. kNotMine when it is not recognised or no
// recipient could be found (so later decoders still get their turn); kDecoded otherwise.
// REQUIRES: report != nullptr. Leaves *report untouched on kNotMine.
DecoderMatch DecodeFamily(const Family& family, const Message& message, BounceReport* report);

// ---- Lower-level helpers, shared by decoders that need more than a Family ----

// Case-insensitive (ASCII) search for a lowercase `needle`; npos when absent.
std::size_t FindNoCase(std::string_view haystack, std::string_view needle);
bool ContainsAny(std::string_view haystack, Phrases needles);

// Whether `message` passes the `from` / `subject` / `body` tests of `family`.
bool Recognise(const Family& family, const Message& message);

// The text decoders read: the main text, or the first text part of any kind; never the
// bytes of an opaque part (IsTextType).
std::string_view ReportText(const Message& message);

// The header block of the returned message: a message/rfc822 or text/rfc822-headers
// part, else the lines of `text` from `from` on, else empty.
Headers ReturnedHeaders(const Message& message, std::string_view text, std::size_t from);

// Fills the per-recipient facts that can be read from its diagnostic text: status,
// reply_code, remote_mta, smtp_command (each only when still empty).
void FillFromDiagnostic(RecipientRecord* record);

// RFC 3464 per-recipient fields written as plain text inside a body ("Final-Recipient:
// rfc822; x", "Action:", "Status:", "Diagnostic-Code:"), possibly quoted with "> ", one
// record per Final-Recipient (read by ParseDeliveryStatusFields). Empty when none.
std::vector<RecipientRecord> ReadEmbeddedDsnFields(std::string_view text);

}  // namespace bouncescan::mime::lhost
