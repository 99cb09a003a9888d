#include "mime/decode.h"

namespace bouncescan::mime {

// Placeholder until the MIME decoder lands: reports nothing as a bounce.
DecodeResult DecodeBounce(std::string_view raw, const DecodeOptions& options) {
  DecodeResult r;
  (void)raw;
  (void)options;
  return r;
}

}  // namespace bouncescan::mime
