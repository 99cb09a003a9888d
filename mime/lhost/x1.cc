// A sendmail-like bounce: "---The following addresses had delivery errors---" then
// "user@example.com [reason]".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"---the following addresses had delivery errors---"};
constexpr std::string_view kStart[] = {"---the following addresses had delivery errors---"};
constexpr std::string_view kDelay[] = {"warning--could not send mail for past"};

constexpr Family kX1{
    .id = "x1",
    .body = kBody,
    .start = kStart,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeX1(const Message& message, BounceReport* report) {
  return DecodeFamily(kX1, message, report);
}

}  // namespace bouncescan::mime::lhost
