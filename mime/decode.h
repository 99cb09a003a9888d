// The entry point of mime/: raw message bytes in, BounceReport out.
//
// Pure: no I/O, no globals, no clock. Never throws and never crashes on any input
// (mimetic's known defects are guarded inside; see mime/README.md). Thread-safe: may be
// called concurrently on different inputs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mime/bounce_report.h"

namespace bouncescan::mime {

struct DecodeOptions {
  // Messages larger than this are decoded from their first max_bytes only (the headers
  // and the first parts carry everything a bounce needs); `truncated` is then reported.
  std::size_t max_bytes = 10 * 1024 * 1024;
  // Deeper MIME nesting than this is not descended into (mimetic's parser recurses).
  int max_depth = 32;
};

struct DecodeResult {
  BounceReport report;
  // Something was wrong with the input but a report could still be made (or kind is
  // kNone because nothing could be read). Human-readable, one line each.
  std::vector<std::string> problems;
  // True when the message could not be parsed at all; report.kind is then kNone.
  bool malformed = false;
  bool truncated = false;
};

DecodeResult DecodeBounce(std::string_view raw, const DecodeOptions& options = {});

}  // namespace bouncescan::mime
