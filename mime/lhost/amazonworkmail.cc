// Amazon WorkMail: "An error occurred while trying to deliver the mail to the following
// recipients:" then "Technical report:" with RFC 3464 fields written into the text part
// (Final-Recipient, Action, Diagnostic-Code, Status), which are read as such.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"an error occurred while trying to deliver the mail to the following recipients"};
constexpr std::string_view kStart[] = {"an error occurred while trying to deliver the mail to the following recipients"};

constexpr Family kAmazonWorkMail{
    .id = "amazonworkmail",
    .body = kBody,
    .start = kStart,
};

}  // namespace

DecoderMatch DecodeAmazonWorkMail(const Message& message, BounceReport* report) {
  return DecodeFamily(kAmazonWorkMail, message, report);
}

}  // namespace bouncescan::mime::lhost
