// Exchange 2007 and later / Office 365 / Outlook.com NDRs read from their text: "Delivery has
// failed to these recipients or groups:" then "user@example.com<mailto:user@example.com>",
// a plain-language reason, and "Diagnostic information for administrators:" with "Remote
// Server returned '550 5.1.1 ...'" or "#550 5.1.10 RESOLVER.ADR.RecipientNotFound ##" or
// "#5.7.1 smtp;530 ..." (Microsoft's NDR layout, learn.microsoft.com "Email non-delivery
// reports in Exchange Online").
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {
    "delivery has failed to these recipients or groups",
    "diagnostic information for administrators",
    "your message to ",
    "remote server returned",
};
constexpr std::string_view kSubject[] = {"undeliverable", "unzustellbar", "non remis", "no se puede entregar",
                                         "delivery has failed", "niet bezorgd", "onbestelbaar", "não entregue"};
constexpr std::string_view kStart[] = {
    "delivery has failed to these recipients or groups",
    "your message to ",
    "the following recipient(s) cannot be reached",
};
constexpr std::string_view kEnd[] = {"original message headers:", "reporting-mta:"};
constexpr std::string_view kAfter[] = {"your message to ", "couldn't be delivered to "};
constexpr std::string_view kSkip[] = {"generating server:", "receiving server:", "diagnostic information for administrators"};

constexpr Family kOffice365{
    .id = "office365",
    .subject = kSubject,
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .recipient_after = kAfter,
    .skip_prefixes = kSkip,
};

}  // namespace

DecoderMatch DecodeOffice365(const Message& message, BounceReport* report) {
  return DecodeFamily(kOffice365, message, report);
}

}  // namespace bouncescan::mime::lhost
