// 1&1 (kundenserver.de): "The following address failed:" with the address on its own line,
// then "For the following reason:" and the reason.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"kundenserver.", "@1und1.", "@1and1."};
constexpr std::string_view kBody[] = {"this message was created automatically by mail delivery software"};
constexpr std::string_view kEnd[] = {"--- the header of the original message is following", "this is a copy of the message"};

constexpr Family kEinsUndEins{
    .id = "einsundeins",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeEinsUndEins(const Message& message, BounceReport* report) {
  return DecodeFamily(kEinsUndEins, message, report);
}

}  // namespace bouncescan::mime::lhost
