// Every decoder, in the order DecodeBounce tries them. The order is part of the
// behaviour and is tested (mime/decoder_registry_test.cc):
//
//  1. ARF first: a feedback report is unambiguous and must never be read as a bounce.
//  2. MTA decoders that must see a message before the RFC 3464 decoder: families that
//     send multipart/report with poor or misleading delivery-status fields, so that their
//     own words (in the text part) give better recipients and diagnostics, or whose
//     identity changes what the fields mean (a filtering gateway's report).
//  3. RFC 3464: any other multipart/report with a delivery-status part.
//  4. Auto-replies, before the MTA decoders that read body text: a vacation message that
//     quotes an error must not become a failure. It refuses mail-system senders and bounce
//     subjects, so real NDRs pass through.
//  5. MTA decoders for non-standard NDR bodies (mime/lhost/*.cc), one row per family.
//  6. The generic body-text decoder, last.
#include <array>

#include "mime/builtin_decoders.h"
#include "mime/decoder.h"
#include "mime/lhost/lhost.h"

namespace bouncescan::mime {
namespace {

constexpr std::array kDecoders{
    Decoder{"arf", DecodeArf},
    // -- MTA rows that must run before RFC 3464 go here (see 2. above). --
    Decoder{"surfcontrol", lhost::DecodeSurfControl},
    Decoder{"rfc3464", DecodeRfc3464},
    Decoder{"autoreply", DecodeAutoreply},
    // MTA families (mime/lhost/*.cc). Where two families share words, the narrower one
    // comes first: Mail.Ru, GMX, 1&1, MX Logic and Zoho write Exim's preface; Google
    // Groups writes from Gmail's address; ActiveHunter, X1 and BIGLOBE use sendmail's
    // section titles.
    Decoder{"amazonses", lhost::DecodeAmazonSes},
    Decoder{"amazonworkmail", lhost::DecodeAmazonWorkMail},
    Decoder{"googlegroups", lhost::DecodeGoogleGroups},
    Decoder{"gmail", lhost::DecodeGmail},
    Decoder{"mailru", lhost::DecodeMailRu},
    Decoder{"gmx", lhost::DecodeGmx},
    Decoder{"einsundeins", lhost::DecodeEinsUndEins},
    Decoder{"mxlogic", lhost::DecodeMxLogic},
    Decoder{"zoho", lhost::DecodeZoho},
    Decoder{"exim", lhost::DecodeExim},
    Decoder{"dragonfly", lhost::DecodeDragonFly},
    Decoder{"qmail", lhost::DecodeQmail},
    Decoder{"yahoo", lhost::DecodeYahoo},
    Decoder{"x4", lhost::DecodeX4},
    Decoder{"x2", lhost::DecodeX2},
    Decoder{"postfix", lhost::DecodePostfix},
    Decoder{"activehunter", lhost::DecodeActiveHunter},
    Decoder{"x1", lhost::DecodeX1},
    Decoder{"biglobe", lhost::DecodeBiglobe},
    Decoder{"sendmail", lhost::DecodeSendmail},
    Decoder{"v5sendmail", lhost::DecodeV5Sendmail},
    Decoder{"exchange2003", lhost::DecodeExchange2003},
    Decoder{"office365", lhost::DecodeOffice365},
    Decoder{"domino", lhost::DecodeDomino},
    Decoder{"notes", lhost::DecodeNotes},
    Decoder{"opensmtpd", lhost::DecodeOpenSmtpd},
    Decoder{"imailserver", lhost::DecodeIMailServer},
    Decoder{"kddi", lhost::DecodeKddi},
    Decoder{"ezweb", lhost::DecodeEzweb},
    Decoder{"mfilter", lhost::DecodeMFilter},
    Decoder{"mailfoundry", lhost::DecodeMailFoundry},
    Decoder{"verizon", lhost::DecodeVerizon},
    Decoder{"x3", lhost::DecodeX3},
    Decoder{"trendmicro", lhost::DecodeTrendMicro},
    Decoder{"mailmarshal", lhost::DecodeMailMarshal},
    Decoder{"mimecast", lhost::DecodeMimecast},
    Decoder{"fml", lhost::DecodeFml},
    Decoder{"generic", DecodeGenericBounce},
};

}  // namespace

std::span<const Decoder> DecoderOrder() { return kDecoders; }

}  // namespace bouncescan::mime
