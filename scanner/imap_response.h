// Pure parsing and formatting of the IMAP4rev1 (RFC 3501) text that libcurl hands back
// from custom requests: untagged response lines, SELECT/EXAMINE data (UIDVALIDITY,
// UIDNEXT, EXISTS), CAPABILITY, SEARCH and ESEARCH (RFC 4731) results, FETCH FLAGS; and
// the strings bouncescan sends: quoted mailbox names (modified UTF-7, RFC 3501 5.1.3),
// mailbox URL paths, the bounce search criteria, and redaction of credentials for logs.
//
// Used by scanner/imap_session.cc and scanner/imap_scan.cc; fuzzed by fuzz/. No I/O, no
// globals, no allocation limits beyond the input's size; every input is untrusted server
// text and malformed text yields an error or is skipped, never a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bouncescan::scanner {

// What EXAMINE/SELECT (or STATUS) said about a mailbox.
struct MailboxInfo {
  std::uint32_t uidvalidity = 0;   // 0: the server did not say
  std::uint32_t uidnext = 0;       // 0: the server did not say
  std::uint32_t exists = 0;
  bool read_only = false;          // [READ-ONLY] or PERMANENTFLAGS () seen
};

// Splits `text` into lines (CRLF or LF) that start with "* " (untagged responses).
std::vector<std::string_view> UntaggedLines(std::string_view text);

// Reads the untagged data of a SELECT/EXAMINE answer ("* 3 EXISTS",
// "* OK [UIDVALIDITY 7]", "* OK [UIDNEXT 9]", "* OK [PERMANENTFLAGS ()]") and of a STATUS
// answer ("* STATUS INBOX (UIDVALIDITY 7 UIDNEXT 9 MESSAGES 3)").
MailboxInfo ParseMailboxInfo(std::string_view text);

// Capability atoms, upper-cased, from "* CAPABILITY ..." lines or "[CAPABILITY ...]" codes.
std::set<std::string> ParseCapabilities(std::string_view text);

// A sequence set such as "1:3,7,9:12" (no "*") into sorted, de-duplicated numbers.
// Ranges may be written high:low. `limit` caps how many numbers may be produced.
Result<std::vector<std::uint32_t>> ParseSequenceSet(std::string_view set, std::size_t limit = 10'000'000);

// Numbers of "* SEARCH n n n" lines, sorted and de-duplicated.
Result<std::vector<std::uint32_t>> ParseSearch(std::string_view text);

struct ESearchResult {
  std::vector<std::uint32_t> all;  // ALL, expanded
  std::optional<std::uint32_t> count;
  bool uid = false;                // the answer carried the UID indicator
};
// "* ESEARCH (TAG "A5") UID ALL 1:3,5 COUNT 4". Lines without ESEARCH are ignored; a
// result without any ESEARCH line is an empty result (the server found nothing).
Result<ESearchResult> ParseESearch(std::string_view text);

struct FetchFlags {
  std::uint32_t uid = 0;
  std::vector<std::string> flags;  // as the server spelled them, e.g. "\Seen", "$Label"
  std::optional<std::uint64_t> size;  // RFC822.SIZE, when asked for
};
// "* 4 FETCH (UID 17 FLAGS (\Seen $X) RFC822.SIZE 812)" lines; lines without UID are skipped.
std::vector<FetchFlags> ParseFetchFlags(std::string_view text);

// One message of a FETCH answer that carried a body section.
struct FetchedBody {
  std::uint32_t uid = 0;
  std::optional<std::uint64_t> size;  // RFC822.SIZE, when the server sent it
  std::string body;                   // the BODY[] (or BODY[]<0>) literal or quoted string
};
struct FetchBodiesAnswer {
  std::vector<FetchedBody> messages;  // FETCH responses with a UID and a BODY[] section
  bool complete = false;              // ended with exactly one tagged line, nothing after it
  bool tagged_ok = false;             // ... and that line said OK
};
// The whole byte stream of a `UID FETCH set (UID RFC822.SIZE BODY.PEEK[])` answer: untagged
// responses with their literals (counted in bytes, so any text may be inside them), then the
// tagged completion. Untagged responses other than FETCH with a body are skipped. A stream
// that stops inside a response (a literal shorter than announced, no tagged line) is
// returned with complete = false; whatever it held is then not to be trusted.
FetchBodiesAnswer ParseFetchBodies(std::string_view stream);

// "* LIST (\HasNoChildren) "/" "INBOX.Bounces"" lines → mailbox names (quotes and
// escapes removed; a literal name is skipped).
std::vector<std::string> ParseListNames(std::string_view text);

// Encodes a UTF-8 mailbox name in modified UTF-7 (RFC 3501 5.1.3). ASCII stays as is,
// "&" becomes "&-". Invalid UTF-8 is kInvalidArgument.
Result<std::string> EncodeMailboxName(std::string_view utf8);
// A mailbox name as an IMAP quoted string ("..." with \ and " escaped).
std::string QuoteString(std::string_view s);
// Percent-encodes an (already modified-UTF-7) mailbox name for an imap:// URL path.
std::string UrlEncodePath(std::string_view s);

// Formats numbers as a compact sequence set ("1:3,7").
std::string FormatSequenceSet(const std::vector<std::uint32_t>& sorted_numbers);

// The search key that selects bounce candidates (From mailer-daemon / postmaster /
// "Mail Delivery", Content-Type multipart/report, the usual NDR subjects), as one
// parenthesised IMAP search key built from kBounceSearchTerms.
std::string BounceSearchKey();

// Replaces credentials in one line the client sent (as libcurl's debug callback shows
// it): LOGIN arguments, AUTHENTICATE initial responses, and SASL continuation lines
// (any line that is not "TAG COMMAND ...").
std::string RedactClientLine(std::string_view line);

}  // namespace bouncescan::scanner
