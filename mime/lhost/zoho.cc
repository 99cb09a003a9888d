// Zoho Mail: "user@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ..." on
// one line, or "[Status: Error, Address: <user@example.com>, ResponseCode 421, ...]" in the
// delay warning; the returned headers follow without a separator line.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"mailer-daemon@mail.zoho", "@zoho"};
constexpr std::string_view kBody[] = {
    "this message was created automatically by mail delivery",
    "the following addresses had",
};
constexpr std::string_view kEnd[] = {"received:from", "received: from", "reporting-mta:"};
constexpr std::string_view kAfter[] = {"address: "};
constexpr std::string_view kDelay[] = {"this is a warning message only", "(delay)"};

constexpr Family kZoho{
    .id = "zoho",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .recipient_after = kAfter,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeZoho(const Message& message, BounceReport* report) {
  return DecodeFamily(kZoho, message, report);
}

}  // namespace bouncescan::mime::lhost
