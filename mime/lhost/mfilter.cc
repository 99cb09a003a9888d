// Digital Arts m-FILTER: a Japanese notice, the address on its own line (under "以下のメール
// アドレスへの送信に失敗しました。"), then "-------server message" and "-------SMTP command" sections.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"-------server message", "m-filter"};
constexpr std::string_view kEnd[] = {"-------original message"};

constexpr Family kMFilter{
    .id = "mfilter",
    .body = kBody,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeMFilter(const Message& message, BounceReport* report) {
  return DecodeFamily(kMFilter, message, report);
}

}  // namespace bouncescan::mime::lhost
