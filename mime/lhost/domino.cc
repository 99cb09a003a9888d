// IBM/Lotus Domino: "Your message ... was not delivered to: user@example.com because: User
// ... not listed in Domino Directory".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kBody[] = {"was not delivered to:"};
constexpr std::string_view kSubject[] = {"delivery failure", "delivery report", "undeliverable"};
constexpr std::string_view kStart[] = {"was not delivered to:"};
constexpr std::string_view kEnd[] = {"reporting-mta:", "----- original message"};

constexpr Family kDomino{
    .id = "domino",
    .subject = kSubject,
    .body = kBody,
    .start = kStart,
    .end = kEnd,
};

}  // namespace

DecoderMatch DecodeDomino(const Message& message, BounceReport* report) {
  return DecodeFamily(kDomino, message, report);
}

}  // namespace bouncescan::mime::lhost
