// Yahoo! Mail: "Sorry, we were unable to deliver your message to the following address."
// then "<user@example.com>:" and "Remote host said: 550 ...".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"sorry, we were unable to deliver your message to the following address"};
constexpr std::string_view kEnd[] = {"--- below this line is a copy of the message", "--- original message follows"};

constexpr Family kYahoo{
    .id = "yahoo",
    .body = kBody,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeYahoo(const Message& message, BounceReport* report) {
  return DecodeFamily(kYahoo, message, report);
}

}  // namespace bouncescan::mime::lhost
