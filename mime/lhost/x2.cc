// A qmail-like bounce ("Message from example.com. Unable to deliver message to the following
// address(es)." or "Your delivery to the following address has been failed." with
// "Delivery failed: user@example.com").
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {
    "unable to deliver message to the following address",
    "your delivery to the following address has been failed",
};
constexpr std::string_view kEnd[] = {"--- original message follows", "--- below this line is a copy of the message"};
constexpr std::string_view kAfter[] = {"delivery failed: "};

constexpr Family kX2{
    .id = "x2",
    .body = kBody,
    .end = kEnd,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeX2(const Message& message, BounceReport* report) {
  return DecodeFamily(kX2, message, report);
}

}  // namespace bouncescan::mime::lhost
