// Sendmail bounces read from their text: "----- The following addresses had permanent fatal
// errors -----" and "----- Transcript of session follows -----" ("550 <user@example.com>...
// User unknown", ">>> RCPT To:<user@example.com>" / "<<< 550 ..."). Sendmail normally adds
// a message/delivery-status part, which the RFC 3464 decoder reads first; this covers the
// bounces without one (old versions, forwarded copies).
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

// A transcript alone (no "addresses had ... errors" section) is V5 Sendmail's layout.
constexpr std::string_view kBody[] = {
    "----- the following addresses had permanent fatal errors -----",
    "----- the following addresses had transient non-fatal errors -----",
};
constexpr std::string_view kStart[] = {"the following addresses had", "transcript of session follows"};
constexpr std::string_view kEnd[] = {
    "----- original message follows -----", "----- unsent message follows -----",
    "----- message header follows -----",  "----- returned message follows",
    "----- original message headers follow", "reporting-mta:",
};
constexpr std::string_view kAfter[] = {"rcpt to:"};
constexpr std::string_view kDelay[] = {"warning: could not send message for past", "transient non-fatal errors"};

constexpr Family kSendmail{
    .id = "sendmail",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .coded_lines = true,
    .recipient_after = kAfter,
    .delay = kDelay,
    .original_to_fallback = true,
};

}  // namespace

DecoderMatch DecodeSendmail(const Message& message, BounceReport* report) {
  return DecodeFamily(kSendmail, message, report);
}

}  // namespace bouncescan::mime::lhost
