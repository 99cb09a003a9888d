// MailMarshal (Trustwave): "Your message: ... Could not be delivered because of <reason> The
// following recipients were affected: user@example.com" - the reason comes first. An
// "Additional Information" block (Sender-MTA, Remote-MTA, MessageName) may follow the list;
// it ends the section, so that the reason above stays the recipient's diagnostic.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"the following recipients were affected"};
constexpr std::string_view kStart[] = {"could not be delivered because of"};
constexpr std::string_view kEnd[] = {"message-id:", "original message", "additional information"};

constexpr Family kMailMarshal{
    .id = "mailmarshal",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeMailMarshal(const Message& message, BounceReport* report) {
  return DecodeFamily(kMailMarshal, message, report);
}

}  // namespace bouncescan::mime::lhost
