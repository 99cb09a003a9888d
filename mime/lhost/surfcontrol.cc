// SurfControl E-mail Filter (a content-filtering gateway, later sold as Websense): its NDRs
// are RFC 3464 reports whose header says "X-Mailer: SurfControl E-mail Filter". They are
// read like any RFC 3464 report, under their own id, so that the rules know the refusal
// came back through a filtering gateway (rules/tables/context.h, kFilteringGateways).
#include "mime/builtin_decoders.h"
#include "mime/decoder_util.h"
#include "mime/lhost/lhost.h"

namespace bouncescan::mime::lhost {

DecoderMatch DecodeSurfControl(const Message& message, BounceReport* report) {
  if (IFind(message.headers.Get("X-Mailer"), "surfcontrol") == std::string_view::npos) return DecoderMatch::kNotMine;
  DecoderMatch match = DecodeRfc3464(message, report);
  if (match != DecoderMatch::kNotMine) report->decoder = "surfcontrol";
  return match;
}

}  // namespace bouncescan::mime::lhost
