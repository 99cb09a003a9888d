// Fuzz target: the RFC 2047 decoder mime::DecodeEncodedWords and the charset conversion
// under it (mime::ToUtf8, iconv).
//
// Checks that the output is always UTF-8 whatever the input claims, including for a
// charset name taken from the input itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mime/text.h"

using bouncescan::fuzz::Check;
using bouncescan::fuzz::IsUtf8;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace mime = bouncescan::mime;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(IsUtf8(mime::DecodeEncodedWords(text)), "DecodeEncodedWords returns UTF-8");
  // First line: a charset name; the rest: bytes in that charset.
  std::size_t nl = text.find('\n');
  if (nl != std::string_view::npos && nl < 64) {
    Check(IsUtf8(mime::ToUtf8(text.substr(nl + 1), text.substr(0, nl))), "ToUtf8 returns UTF-8");
  }
  return 0;
}
