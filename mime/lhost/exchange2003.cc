// Microsoft Exchange 2000/2003: "Your message ... did not reach the following recipient(s):"
// then "user@example.com on <date>" and the reason ("The recipient name is not recognized",
// "MSEXCH:IMS:..." codes).
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {
    "did not reach the following recipient",
    "the following recipient(s) could not be reached",
    "your message did not reach some or all of the intended recipients",
};
constexpr std::string_view kStart[] = {
    "did not reach the following recipient", "the following recipient(s) could not be reached",
};
constexpr std::string_view kEnd[] = {"reporting-mta:", "original message follows", "--- original message"};
constexpr std::string_view kAfter[] = {"did not reach the following recipient: ", "did not reach the following recipient(s): "};

constexpr Family kExchange2003{
    .id = "exchange2003",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeExchange2003(const Message& message, BounceReport* report) {
  return DecodeFamily(kExchange2003, message, report);
}

}  // namespace bouncescan::mime::lhost
