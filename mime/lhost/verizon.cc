// Verizon Wireless MMS/SMS gateways (vzwpix.com, vtext.com): "Message could not be delivered
// to mobile." / "Error: Invalid user address"; the recipient is the To of the returned
// message, quoted under "Original Message:".
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"vzwpix.com", "vtext.com", "verizon"};
constexpr std::string_view kBody[] = {"could not be delivered", "error message below", "error: "};
constexpr std::string_view kEnd[] = {"original message:", "size (in bytes):"};
constexpr std::string_view kAfter[] = {"rcpt to:"};
// vtext.com puts the reason above the message details that name the recipient:
// "Error: Invalid user address" / "Error message below:" / "550 - Requested action not taken: ...".
constexpr std::string_view kNotices[] = {"error: ", "requested action not taken"};

constexpr Family kVerizon{
    .id = "verizon",
    .from = kFrom,
    .body = kBody,
    .end = kEnd,
    .lines = RecipientLines::kNone,
    .recipient_after = kAfter,
    .notices = kNotices,
    .original_to_fallback = true,
};

}  // namespace

DecoderMatch DecodeVerizon(const Message& message, BounceReport* report) {
  return DecodeFamily(kVerizon, message, report);
}

}  // namespace bouncescan::mime::lhost
