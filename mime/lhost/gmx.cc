// GMX / mail.com: an Exim-like text where each recipient is quoted and followed by a colon
// ("\"user@example.com\":\nSMTP error from remote server after RCPT command:").
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"@mail.gmx", "@gmx.", "@mail.com"};
constexpr std::string_view kBody[] = {"this message was created automatically by mail delivery software"};
constexpr std::string_view kEnd[] = {"--- the header of the original message is following", "this is a copy of the message"};

constexpr Family kGmx{
    .id = "gmx",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeGmx(const Message& message, BounceReport* report) {
  return DecodeFamily(kGmx, message, report);
}

}  // namespace bouncescan::mime::lhost
