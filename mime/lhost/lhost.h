// Decoders for non-standard bounces, one per MTA family ("lhost": the host that wrote the
// bounce). Each is a DecodeFn (mime/decoder.h) listed in mime/decoder_registry.cc, after
// the RFC 3464 decoder (a family's standard multipart/report is read there) and before the
// generic fallback.
//
// Most families are data: a `Family` (mime/lhost/scan.h) of markers and phrases handed to
// the shared engine. Each decoder answers "not mine" in microseconds for other mail (From /
// Subject checks first, then a bounded search of the text). Pure: no I/O, never throws.
#pragma once

#include "mime/bounce_report.h"
#include "mime/decoder.h"
#include "mime/message.h"

namespace bouncescan::mime::lhost {

// REQUIRES (all): report != nullptr; *report is untouched on kNotMine.
DecoderMatch DecodeActiveHunter(const Message& message, BounceReport* report);
DecoderMatch DecodeAmazonSes(const Message& message, BounceReport* report);
DecoderMatch DecodeAmazonWorkMail(const Message& message, BounceReport* report);
DecoderMatch DecodeBiglobe(const Message& message, BounceReport* report);
DecoderMatch DecodeDomino(const Message& message, BounceReport* report);
DecoderMatch DecodeDragonFly(const Message& message, BounceReport* report);
DecoderMatch DecodeEinsUndEins(const Message& message, BounceReport* report);
DecoderMatch DecodeExchange2003(const Message& message, BounceReport* report);
DecoderMatch DecodeExim(const Message& message, BounceReport* report);
DecoderMatch DecodeEzweb(const Message& message, BounceReport* report);
DecoderMatch DecodeFml(const Message& message, BounceReport* report);
DecoderMatch DecodeGmail(const Message& message, BounceReport* report);
DecoderMatch DecodeGmx(const Message& message, BounceReport* report);
DecoderMatch DecodeGoogleGroups(const Message& message, BounceReport* report);
DecoderMatch DecodeIMailServer(const Message& message, BounceReport* report);
DecoderMatch DecodeKddi(const Message& message, BounceReport* report);
DecoderMatch DecodeMailFoundry(const Message& message, BounceReport* report);
DecoderMatch DecodeMailMarshal(const Message& message, BounceReport* report);
DecoderMatch DecodeMailRu(const Message& message, BounceReport* report);
DecoderMatch DecodeMFilter(const Message& message, BounceReport* report);
DecoderMatch DecodeMimecast(const Message& message, BounceReport* report);
DecoderMatch DecodeMxLogic(const Message& message, BounceReport* report);
DecoderMatch DecodeNotes(const Message& message, BounceReport* report);
DecoderMatch DecodeOffice365(const Message& message, BounceReport* report);
DecoderMatch DecodeOpenSmtpd(const Message& message, BounceReport* report);
DecoderMatch DecodePostfix(const Message& message, BounceReport* report);
DecoderMatch DecodeQmail(const Message& message, BounceReport* report);
DecoderMatch DecodeSendmail(const Message& message, BounceReport* report);
DecoderMatch DecodeSurfControl(const Message& message, BounceReport* report);
DecoderMatch DecodeTrendMicro(const Message& message, BounceReport* report);
DecoderMatch DecodeV5Sendmail(const Message& message, BounceReport* report);
DecoderMatch DecodeVerizon(const Message& message, BounceReport* report);
DecoderMatch DecodeX1(const Message& message, BounceReport* report);
DecoderMatch DecodeX2(const Message& message, BounceReport* report);
DecoderMatch DecodeX3(const Message& message, BounceReport* report);
DecoderMatch DecodeX4(const Message& message, BounceReport* report);
DecoderMatch DecodeYahoo(const Message& message, BounceReport* report);
DecoderMatch DecodeZoho(const Message& message, BounceReport* report);

}  // namespace bouncescan::mime::lhost
