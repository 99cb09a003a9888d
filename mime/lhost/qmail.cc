// qmail (qmail-send's bounce, also netqmail, notqmail and s/qmail): "<user@example.com>:" on
// its own line, the reason below it, then "--- Below this line is a copy of the message."
// Layout from qmail-send's bounce text (cr.yp.to/proto/qsbmf.txt).
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {
    "this is the qmail-send program",
    "i'm afraid i wasn't able to deliver your message",
    "this is the qmail program",
};
constexpr std::string_view kEnd[] = {
    "--- below this line is a copy of the message",
    "--- enclosed is a copy of the message",
    "--- below this line is the original message",
    "--- original message follows",
};
constexpr std::string_view kDelay[] = {"i'm still trying", "this is not a permanent error"};

constexpr Family kQmail{
    .id = "qmail",
    .body = kBody,
    .end = kEnd,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeQmail(const Message& message, BounceReport* report) {
  return DecodeFamily(kQmail, message, report);
}

}  // namespace bouncescan::mime::lhost
