// fml (a Japanese mailing-list manager) refusing a post from a non-member: "You are not a
// member of this mailing list <list@example.org>." The list is the failed recipient.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kSubject[] = {"are not member", "not member ("};
constexpr std::string_view kBody[] = {"you are not a member of this mailing list"};
constexpr std::string_view kAfter[] = {"you are not a member of this mailing list"};

constexpr Family kFml{
    .id = "fml",
    .subject = kSubject,
    .body = kBody,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeFml(const Message& message, BounceReport* report) {
  return DecodeFamily(kFml, message, report);
}

}  // namespace bouncescan::mime::lhost
