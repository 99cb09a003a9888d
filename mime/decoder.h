// Decoders: each one reads one family of bounce messages into a BounceReport.
//
// RFC 3464 reports, ARF reports and auto-replies have their own decoders; non-standard
// NDRs have one decoder per MTA family (mime/lhost/NAME.cc). mime/decoder_registry.cc
// lists them all, in the order they are tried (a table, tested). A decoder says "not
// mine", "decoded" or "malformed"; it never throws. Pure: no I/O.
#pragma once

#include <span>
#include <string_view>

#include "mime/bounce_report.h"
#include "mime/message.h"

namespace bouncescan::mime {

enum class DecoderMatch {
  kNotMine,    // this decoder does not recognise the message; try the next one
  kDecoded,    // *report is filled in (kind, recipients, ...)
  kMalformed,  // it is this decoder's kind of message but broken; *report holds what was read
};

// REQUIRES: report != nullptr. On kNotMine the decoder leaves *report untouched.
using DecodeFn = DecoderMatch (*)(const Message& message, BounceReport* report);

struct Decoder {
  std::string_view id;  // "rfc3464", "postfix", "exim", ... (goes into BounceReport::decoder)
  DecodeFn decode;
};

// Every decoder, in the order DecodeBounce tries them.
std::span<const Decoder> DecoderOrder();

}  // namespace bouncescan::mime
