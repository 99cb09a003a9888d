// Render: a DigestInput as a subject line, a plain-text body and an HTML body.
//
// Used by digest/compose.h (the MIME message) and by the tests, which open the HTML in
// headless Chromium. Pure: the time is passed in. Everything taken from bounces is cleaned
// to a single line (CleanLine) and, in HTML, escaped. The HTML uses inline styles and
// tables only, loads nothing remote and runs no script, so it reads the same in Outlook,
// Thunderbird and Gmail.
#pragma once

#include <cstdint>
#include <string>

#include "digest/digest_input.h"
#include "rules/judge.h"

namespace bouncescan::digest {

struct Rendered {
  std::string subject;  // UTF-8, one line, not yet RFC 2047-encoded
  std::string text;     // UTF-8, lines end in LF, wrapped at 76 columns
  std::string html;     // UTF-8, a complete document
};

Rendered Render(const DigestInput& input, rules::Language language);

// "&<>\"'" as character references.
std::string EscapeHtml(std::string_view text);

}  // namespace bouncescan::digest
