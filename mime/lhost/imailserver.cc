// Ipswitch IMail Server: one line per recipient, the reason before the address ("Unknown
// user: user@example.com", "User mailbox exceeds allowed size: user@example.com"), then
// "Original message follows.".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kSubject[] = {"undeliverable mail"};
constexpr std::string_view kBody[] = {"original message follows"};
constexpr std::string_view kEnd[] = {"original message follows"};

constexpr Family kIMailServer{
    .id = "imailserver",
    .subject = kSubject,
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kAnyAddress,
};

}  // namespace

DecoderMatch DecodeIMailServer(const Message& message, BounceReport* report) {
  return DecodeFamily(kIMailServer, message, report);
}

}  // namespace bouncescan::mime::lhost
