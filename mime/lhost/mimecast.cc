// Mimecast: "An email that you attempted to send to the following address could not be
// delivered:" with "-- user@example.com", "The problem appears to be :" and "Additional
// information follows :".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"the problem appears to be :"};
constexpr std::string_view kStart[] = {"to the following address could not be delivered", "could not be delivered:"};
constexpr std::string_view kEnd[] = {"this condition occurred after", "-------- original message"};

constexpr Family kMimecast{
    .id = "mimecast",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeMimecast(const Message& message, BounceReport* report) {
  return DecodeFamily(kMimecast, message, report);
}

}  // namespace bouncescan::mime::lhost
