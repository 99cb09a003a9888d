// An MTA that writes "This is an automatically generated Delivery Status Notification." with
// "Delivery to the following recipients failed permanently:" and "* user@example.com" bullets,
// then "Technical details:" ("SMTP:RCPT host 192.0.2.1: 553 ...").
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"this is an automatically generated delivery status notification"};
constexpr std::string_view kStart[] = {"to the following recipients"};
constexpr std::string_view kDelay[] = {"has been delayed", "warning message only"};

constexpr Family kX3{
    .id = "x3",
    .body = kBody,
    .start = kStart,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeX3(const Message& message, BounceReport* report) {
  return DecodeFamily(kX3, message, report);
}

}  // namespace bouncescan::mime::lhost
