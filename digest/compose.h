// ComposeMessage: the rendered digest as one RFC 5322 message, ready for SMTP.
//
// multipart/alternative with a text/plain and a text/html part, both UTF-8 in
// quoted-printable; Subject RFC 2047-encoded; Date, Message-ID, MIME-Version,
// Content-Language and Auto-Submitted (RFC 3834, so that vacation responders stay quiet).
// The boundary is random and checked against the encoded parts. Pure: time and
// randomness come from ComposeOptions.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "digest/render.h"
#include "rules/judge.h"

namespace bouncescan::digest {

struct ComposeOptions {
  std::string from;                    // addr-spec of the sender (config [digest] from)
  std::string to;                      // one or more comma-separated addr-specs
  rules::Language language = rules::Language::kEnglish;
  std::int64_t now = 0;                // Date header, seconds since the epoch
  std::string random;                  // >= 32 random bytes; empty: RandomBytes()
};

// kInvalidArgument when from/to are not plain addresses.
Result<std::string> ComposeMessage(const Rendered& rendered, const ComposeOptions& options);

}  // namespace bouncescan::digest
