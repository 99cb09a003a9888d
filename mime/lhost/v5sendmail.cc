// Sendmail version 5 (and other pre-DSN sendmails): only "----- Transcript of session
// follows -----" ("550 <user@example.com>... User unknown") and "----- Unsent message follows
// -----". When the transcript names no address the returned message's To is the recipient.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"----- transcript of session follows -----"};
constexpr std::string_view kEnd[] = {"----- unsent message follows -----", "----- original message follows -----"};
constexpr std::string_view kStart[] = {"----- transcript of session follows -----"};
constexpr std::string_view kAfter[] = {"rcpt to:"};
constexpr std::string_view kHeld[] = {"<<< "};
constexpr std::string_view kHostLines[] = {" (smtp)... "};

constexpr Family kV5Sendmail{
    .id = "v5sendmail",
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .coded_lines = true,
    .recipient_after = kAfter,
    .held_prefixes = kHeld,
    .held_containing = kHostLines,
    .original_to_fallback = true,
};

}  // namespace

DecoderMatch DecodeV5Sendmail(const Message& message, BounceReport* report) {
  return DecodeFamily(kV5Sendmail, message, report);
}

}  // namespace bouncescan::mime::lhost
