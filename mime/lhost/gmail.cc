// Gmail's own bounces (mailer-daemon@googlemail.com): "Delivery to the following recipient
// failed permanently:" then the indented address, "Technical details of permanent failure:"
// and the remote server's words; the delay warning says "has been delayed". Newer ones
// open with "** Address not found **" / "** Message not delivered **".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"@googlemail.com", "@google.com", "@gmail.com"};
constexpr std::string_view kBody[] = {
    "delivery to the following recipient",
    "technical details of",
    "your message wasn't delivered to",
    "there was a temporary problem delivering your message to",
    "** message not delivered **",
    "** address not found **",
};
constexpr std::string_view kEnd[] = {"----- original message -----", "----- message header follows -----"};
constexpr std::string_view kAfter[] = {"your message wasn't delivered to ", "delivering your message to "};
constexpr std::string_view kDelay[] = {"has been delayed", "delivery status notification (delay)", "warning message only"};

constexpr Family kGmail{
    .id = "gmail",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .recipient_after = kAfter,
    .delay = kDelay,
    // "** Message not delivered **" (a misconfigured "Send mail as" account) names no
    // recipient; the returned message does.
    .original_to_fallback = true,
};

}  // namespace

DecoderMatch DecodeGmail(const Message& message, BounceReport* report) {
  return DecodeFamily(kGmail, message, report);
}

}  // namespace bouncescan::mime::lhost
