// Exim: "This message was created automatically by mail delivery software." followed by
// "The following address(es) failed:", each recipient indented two spaces and its reason
// four ("  user@example.com\n    SMTP error from remote mail server after RCPT TO:...").
// Local deliveries name a bare local part, a pipe or a file; X-Failed-Recipients and the
// returned message resolve those. Layout from Exim's own bounce template (exim.org spec,
// "Bounce messages").
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

// Exim signs as "Mail Delivery System <Mailer-Daemon@host>"; a person quoting a bounce is
// not one.
constexpr std::string_view kFrom[] = {"mailer-daemon", "mail delivery", "postmaster"};
constexpr std::string_view kBody[] = {
    "this message was created automatically by mail delivery software",
    "a message that you sent could not be delivered",
    "a message sent by",
};
constexpr std::string_view kStart[] = {
    "address(es) failed:", "following address failed:", "following address(es) failed", "could not be delivered to all of its recipients",
    "recipients. the following", "address(es) deferred:", "not yet been delivered is:",
    "have not yet been delivered",
};
constexpr std::string_view kEnd[] = {
    "this is a copy of the message", "the body of the message is", "the header of the original message",
    "this is a copy of your message", "message headers follow",
};
constexpr std::string_view kDelay[] = {"address(es) deferred:", "has not yet been delivered", "warning: message"};

constexpr Family kExim{
    .id = "exim",
    .from = kFrom,
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .lines = RecipientLines::kEximIndent,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeExim(const Message& message, BounceReport* report) {
  return DecodeFamily(kExim, message, report);
}

}  // namespace bouncescan::mime::lhost
