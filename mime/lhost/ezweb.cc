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
    "the user(s) account is",
};
constexpr std::string_view kEnd[] = {"---------------------------------------------------", "received: from"};
constexpr std::string_view kAfter[] = {"recipient: "};
// The notices au writes above the address list; the line beside the address is only the
// remote server's reply ("user unknown") and does not say that the account is disabled.
constexpr std::string_view kNotices[] = {
    "the user(s) account is disabled",
    "the user(s) account is temporarily limited",
    "the user(s) account is temporarily over quota",
};

constexpr Family kEzweb{
    .id = "ezweb",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .recipient_after = kAfter,
    .notices = kNotices,
};

}  // namespace

DecoderMatch DecodeEzweb(const Message& message, BounceReport* report) {
  return DecodeFamily(kEzweb, message, report);
}

}  // namespace bouncescan::mime::lhost
