// au by KDDI / EZweb (ezweb.ne.jp): "Each of the following recipients was rejected by a
// remote mail server." with "Recipient: <user@ezweb.ne.jp>" and the session lines, or the
// address alone above the explanation.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"@ezweb.ne.jp", "@au.com"};
constexpr std::string_view kBody[] = {
    "each of the following recipients was rejected",
    "the following recipients did not receive this message",
    "was not delivered within",
    "could not be delivered",
};
constexpr std::string_view kEnd[] = {"---------------------------------------------------", "received: from"};
constexpr std::string_view kAfter[] = {"recipient: "};

constexpr Family kEzweb{
    .id = "ezweb",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeEzweb(const Message& message, BounceReport* report) {
  return DecodeFamily(kEzweb, message, report);
}

}  // namespace bouncescan::mime::lhost
