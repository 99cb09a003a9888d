// MX Logic (McAfee SaaS): an Exim-like text, "  <user@example.com>: 550 ...", ending at
// "Included is a copy of the message header:".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"included is a copy of the message header"};
constexpr std::string_view kStart[] = {"following address failed:", "address(es) failed:"};
constexpr std::string_view kEnd[] = {"included is a copy of the message header"};

constexpr Family kMxLogic{
    .id = "mxlogic",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeMxLogic(const Message& message, BounceReport* report) {
  return DecodeFamily(kMxLogic, message, report);
}

}  // namespace bouncescan::mime::lhost
