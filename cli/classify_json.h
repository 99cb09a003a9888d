// The JSON Lines record of `bouncescan classify --json` (DESIGN.md, "Machine-readable
// classify output"), written directly into a string.
//
// Used by cli/cmd_classify.cc. The output is byte for byte what nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) gives for the same object (keys in byte
// order, no spaces, only '"', '\\' and control characters escaped, invalid UTF-8 replaced
// by U+FFFD); classify_json_test.cc holds it to that. Building that object per message
// cost a fifth of classify's time. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "mime/decode.h"
#include "rules/judge.h"

namespace bouncescan::cli {

// Appends `text` as a JSON string (quoted and escaped) to *out.
void AppendJsonString(std::string_view text, std::string* out);

// Appends one classify record (no line break) for the message at `source`, judging every
// recipient with `rules`.
void AppendClassifyJson(std::string_view source, const mime::DecodeResult& result, const rules::RuleSet& rules,
                        std::string* out);

}  // namespace bouncescan::cli
