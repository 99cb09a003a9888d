// Trend Micro InterScan Messaging Security Suite: "Unable to deliver message to
// <user@example.com>" or the session lines "Sent <<< RCPT TO:<user@example.com>" /
// "Received >>> 550 ...".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"interscan"};
constexpr std::string_view kSubject[] = {"mail could not be delivered"};
constexpr std::string_view kBody[] = {"interscan", "rcpt to:", "unable to deliver message to"};
constexpr std::string_view kAfter[] = {"unable to deliver message to ", "rcpt to:"};
constexpr std::string_view kEnd[] = {"end of message"};

constexpr Family kTrendMicro{
    .id = "trendmicro",
    .from = kFrom,
    .subject = kSubject,
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
};

}  // namespace

DecoderMatch DecodeTrendMicro(const Message& message, BounceReport* report) {
  return DecodeFamily(kTrendMicro, message, report);
}

}  // namespace bouncescan::mime::lhost
