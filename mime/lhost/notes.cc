// Lotus Notes SMTP MTA: "------- Failure Reasons --------", the reason, then the address
// (the reason comes first), then "------- Returned Message --------".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"------- failure reasons"};
constexpr std::string_view kStart[] = {"------- failure reasons"};
constexpr std::string_view kEnd[] = {"------- returned message"};

constexpr Family kNotes{
    .id = "notes",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeNotes(const Message& message, BounceReport* report) {
  return DecodeFamily(kNotes, message, report);
}

}  // namespace bouncescan::mime::lhost
