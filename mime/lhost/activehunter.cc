// ActiveHunter (TransWARE): sendmail-like, ">>> user@example.com <user@example.com>" under
// "----- The following addresses had permanent fatal errors -----", subject "FAILURE NOTICE :".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kSubject[] = {"failure notice :"};
constexpr std::string_view kBody[] = {"the following addresses had permanent fatal errors"};
constexpr std::string_view kStart[] = {"the following addresses had permanent fatal errors"};
constexpr std::string_view kEnd[] = {"reporting-mta:"};

constexpr Family kActiveHunter{
    .id = "activehunter",
    .subject = kSubject,
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .coded_lines = true,
};

}  // namespace

DecoderMatch DecodeActiveHunter(const Message& message, BounceReport* report) {
  return DecodeFamily(kActiveHunter, message, report);
}

}  // namespace bouncescan::mime::lhost
