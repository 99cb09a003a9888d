// KDDI au one net (dion.ne.jp): "Your mail sent on: <date>\n Could not be delivered to:
// <user@example.com>\n As their mailbox is full."
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"dion.ne.jp", "@au.com", "kddi"};
constexpr std::string_view kBody[] = {"could not be delivered to:"};
constexpr std::string_view kAfter[] = {"could not be delivered to:"};

constexpr Family kKddi{
    .id = "kddi",
    .from = kFrom,
    .body = kBody,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeKddi(const Message& message, BounceReport* report) {
  return DecodeFamily(kKddi, message, report);
}

}  // namespace bouncescan::mime::lhost
