// Postfix bounces read from their text: "This is the Postfix program at host ..." (or "This
// is the mail system at host ...") then "<user@example.com>: host mx.example.com[192.0.2.1]
// said: 550 ... (in reply to RCPT TO command)". Postfix normally adds a
// message/delivery-status part, which the RFC 3464 decoder reads first; this decoder covers
// the bounces without one, and the postmaster's "errors from" session transcript.
// Layout from Postfix's bounce(5) templates.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"this is the postfix program", "this is the mail system at host"};
constexpr std::string_view kEnd[] = {"--- delivery report unavailable ---", "reporting-mta:"};
constexpr std::string_view kDelay[] = {"this is a warning only", "delayed mail (still being retried)"};

constexpr Family kPostfix{
    .id = "postfix",
    .body = kBody,
    .end = kEnd,
    .delay = kDelay,
    // "--- Delivery report unavailable ---": the recipient is only in the returned message,
    // and the text above is the bounce(5) template, not a reason: the cause is unknown.
    .original_to_fallback = true,
    .fallback_free_text = false,
};

// "Postfix SMTP server: errors from host[ip]" - the session transcript the postmaster gets;
// the recipient is the one in "In: RCPT TO:<...>" and the failure the last error reply.
constexpr std::string_view kTranscriptSubject[] = {"postfix smtp server: errors from"};
constexpr std::string_view kTranscriptStart[] = {"transcript of session follows"};
constexpr std::string_view kTranscriptEnd[] = {"for other details, see the local mail logfile"};
constexpr std::string_view kTranscriptAfter[] = {"rcpt to:"};
constexpr std::string_view kTranscriptSkip[] = {
    "in:  ehlo", "in: ehlo", "in:  helo", "in: helo", "in:  xforward", "in: xforward", "in:  mail",
    "in: mail",  "in:  rcpt", "in: rcpt", "in:  quit", "in: quit",  "out: 2",      "out: 3",
};

constexpr Family kPostfixTranscript{
    .id = "postfix",
    .subject = kTranscriptSubject,
    .start = kTranscriptStart,
    .end = kTranscriptEnd,
    .lines = RecipientLines::kNone,
    .recipient_after = kTranscriptAfter,
    .skip_prefixes = kTranscriptSkip,
};

}  // namespace

DecoderMatch DecodePostfix(const Message& message, BounceReport* report) {
  const DecoderMatch m = DecodeFamily(kPostfix, message, report);
  if (m != DecoderMatch::kNotMine) return m;
  return DecodeFamily(kPostfixTranscript, message, report);
}

}  // namespace bouncescan::mime::lhost
