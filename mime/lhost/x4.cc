// A qmail-derived bounce of some hosting providers: "Your mail message to the following
// address(es) could not be delivered." then "<user@example.com>:" and the reason.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {
    "your mail message to the following address(es) could not be delivered",
    "your message to the following address(es) could not be delivered",
};
constexpr std::string_view kEnd[] = {"--- below this line is a copy of the message", "--- original message follows"};

constexpr Family kX4{
    .id = "x4",
    .body = kBody,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeX4(const Message& message, BounceReport* report) {
  return DecodeFamily(kX4, message, report);
}

}  // namespace bouncescan::mime::lhost
