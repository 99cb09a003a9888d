// OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail." then "An error
// has occurred while attempting to deliver a message for the following list of recipients:"
// and "user@example.com: 550 ..." lines, up to "Below is a copy of the original message:".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"this is the mailer-daemon, please do not reply", "following list of recipients"};
constexpr std::string_view kStart[] = {"list of recipients", "delivery of this message"};
constexpr std::string_view kEnd[] = {"below is a copy of the original message", "------- original message"};
constexpr std::string_view kDelay[] = {"a message is delayed", "only a temporary failure report"};

constexpr Family kOpenSmtpd{
    .id = "opensmtpd",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .delay = kDelay,
};

}  // namespace

DecoderMatch DecodeOpenSmtpd(const Message& message, BounceReport* report) {
  return DecodeFamily(kOpenSmtpd, message, report);
}

}  // namespace bouncescan::mime::lhost
