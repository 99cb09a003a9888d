// Google Groups: a localized letter ("the group you tried to contact (name) may not exist,
// or you may not have permission to post") signed "Google Groups". The letter names the
// sender, not the group; the group address is in X-Failed-Recipients.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"@googlemail.com", "@google.com", "@googlegroups.com"};
constexpr std::string_view kBody[] = {"google groups", "groups.google.com"};
constexpr std::string_view kEnd[] = {"----- original message -----"};

constexpr Family kGoogleGroups{
    .id = "googlegroups",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kNone,
};

}  // namespace

DecoderMatch DecodeGoogleGroups(const Message& message, BounceReport* report) {
  return DecodeFamily(kGoogleGroups, message, report);
}

}  // namespace bouncescan::mime::lhost
