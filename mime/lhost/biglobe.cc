// BIGLOBE (biglobe.ne.jp): "----- The following addresses had delivery problems -----",
// the addresses, then "----- Non-delivered information -----" and the reason.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"biglobe"};
constexpr std::string_view kBody[] = {"the following addresses had delivery problems"};
constexpr std::string_view kStart[] = {"the following addresses had delivery problems"};

constexpr Family kBiglobe{
    .id = "biglobe",
    .from = kFrom,
    .body = kBody,
    .start = kStart,
};

}  // namespace

DecoderMatch DecodeBiglobe(const Message& message, BounceReport* report) {
  return DecodeFamily(kBiglobe, message, report);
}

}  // namespace bouncescan::mime::lhost
