// The decoders for standard report formats and the last-resort body-text decoder.
//
// Listed in mime/decoder_registry.cc (the order in which they are tried is a table
// there). Each follows the DecodeFn contract of mime/decoder.h: not-mine leaves *report
// untouched; never throws. Pure: no I/O.
#pragma once

#include "mime/decoder.h"

namespace bouncescan::mime {

// RFC 5965 ARF feedback reports: multipart/report; report-type=feedback-report.
DecoderMatch DecodeArf(const Message& message, BounceReport* report);
// RFC 3464 delivery status notifications: every per-recipient group of the
// message/delivery-status part (or message/global-delivery-status, RFC 6533).
DecoderMatch DecodeRfc3464(const Message& message, BounceReport* report);
// RFC 3834 auto-replies (vacation, out of office): Auto-Submitted: auto-replied,
// X-Autoreply and friends, and the usual subjects in several languages. Never a failure.
DecoderMatch DecodeAutoreply(const Message& message, BounceReport* report);
// Last resort for NDRs no other decoder knows: a mail-system sender or a bounce subject,
// and recipients named in the text together with the error.
DecoderMatch DecodeGenericBounce(const Message& message, BounceReport* report);

}  // namespace bouncescan::mime
