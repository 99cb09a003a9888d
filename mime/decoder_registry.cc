// Every decoder, in the order DecodeBounce tries them. The order is part of the
// behaviour and is tested (mime/decoder_registry_test.cc):
//
//  1. ARF first: a feedback report is unambiguous and must never be read as a bounce.
//  2. MTA decoders that must see a message before the RFC 3464 decoder: families that
//     send multipart/report with poor or misleading delivery-status fields, so that their
//     own words (in the text part) give better recipients and diagnostics.
//  3. RFC 3464: any other multipart/report with a delivery-status part.
//  4. Auto-replies, before the MTA decoders that read body text: a vacation message that
//     quotes an error must not become a failure. It refuses mail-system senders and bounce
//     subjects, so real NDRs pass through.
//  5. MTA decoders for non-standard NDR bodies (mime/lhost/*.cc), one row per family.
//  6. The generic body-text decoder, last.
#include <array>

#include "mime/builtin_decoders.h"
#include "mime/decoder.h"
// MTA decoders (mime/lhost/*.cc) are declared in mime/lhost/lhost.h once they exist.

namespace bouncescan::mime {
namespace {

constexpr std::array kDecoders{
    Decoder{"arf", DecodeArf},
    // -- MTA rows that must run before RFC 3464 go here (see 2. above). --
    Decoder{"rfc3464", DecodeRfc3464},
    Decoder{"autoreply", DecodeAutoreply},
    // -- MTA rows (mime/lhost/*.cc) go here, one per family (see 5. above). --
    Decoder{"generic", DecodeGenericBounce},
};

}  // namespace

std::span<const Decoder> DecoderOrder() { return kDecoders; }

}  // namespace bouncescan::mime
