// Gmail's own bounces (mailer-daemon@googlemail.com): "Delivery to the following recipient
// failed permanently:" then the indented address, "Technical details of permanent failure:"
// and the remote server's words; the delay warning says "has been delayed".
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
};

}  // namespace

DecoderMatch DecodeGmail(const Message& message, BounceReport* report) {
  return DecodeFamily(kGmail, message, report);
}

}  // namespace bouncescan::mime::lhost
