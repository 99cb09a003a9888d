// MailFoundry: "Unable to deliver message to: <user@example.com>" then "Delivery failed for
// the following reason:" and the server's answer.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"delivery failed for the following reason"};
constexpr std::string_view kAfter[] = {"unable to deliver message to:"};
constexpr std::string_view kEnd[] = {"this has been a permanent failure"};

constexpr Family kMailFoundry{
    .id = "mailfoundry",
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeMailFoundry(const Message& message, BounceReport* report) {
  return DecodeFamily(kMailFoundry, message, report);
}

}  // namespace bouncescan::mime::lhost
