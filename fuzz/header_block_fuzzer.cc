// Fuzz target: mime::ParseHeaderBlock, the parser of RFC 5322 header blocks and of the
// per-message / per-recipient field groups of message/delivery-status (RFC 3464 2.1).
//
// Checks the contract of mime/message.h: values are unfolded (one line), names are
// non-empty and one line, and Get() finds the first field of each name.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mime/message.h"

using bouncescan::fuzz::Check;
using bouncescan::fuzz::IsOneLine;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace mime = bouncescan::mime;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mime::Headers headers = mime::ParseHeaderBlock(text);
  for (const mime::HeaderField& field : headers.fields()) {
    Check(!field.name.empty(), "field names are not empty");
    Check(IsOneLine(field.name), "field names are one line");
    Check(field.value.find('\n') == std::string::npos, "values are unfolded");
    Check(headers.Has(field.name), "Has() finds every field");
    (void)headers.GetDecoded(field.name);
  }
  if (!headers.fields().empty()) {
    const mime::HeaderField& first = headers.fields().front();
    Check(headers.Get(first.name) == first.value, "Get() returns the first field of a name");
  }
  return 0;
}
