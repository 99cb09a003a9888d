// DragonFly Mail Agent (dma): "There was an error delivering your mail to <user@example.com>."
// then the remote server's answer, up to "Message headers follow.".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"this is the dragonfly mail agent", "there was an error delivering your mail to"};
constexpr std::string_view kEnd[] = {"message headers follow", "original message follows"};
constexpr std::string_view kAfter[] = {"there was an error delivering your mail to"};

constexpr Family kDragonFly{
    .id = "dragonfly",
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeDragonFly(const Message& message, BounceReport* report) {
  return DecodeFamily(kDragonFly, message, report);
}

}  // namespace bouncescan::mime::lhost
