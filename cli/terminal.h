// Questions and secrets read from standard input, for `secret set` and `init`.
//
// Reads fd 0 one byte at a time (never through a buffer), so that answers and secrets read
// by successive calls each take exactly one line, whether stdin is a terminal, a pipe or a
// pty driven by a test. Prompts go to the stream the caller names. Not thread-safe.
#pragma once

#include <iosfwd>
#include <string>

#include "base/status.h"

namespace bouncescan::cli {

// True when standard input is a terminal.
bool StdinIsTerminal();

// Reads one line from fd 0 without its line ending. On a terminal, prints `prompt` to
// `prompt_to` first and turns echo off while reading. An empty line or end of input is
// kInvalidArgument ("no secret given"). The secret never goes anywhere but the result.
Result<std::string> ReadSecretLine(std::ostream& prompt_to, const std::string& prompt);

// Prints `prompt` to `prompt_to` and reads one line from fd 0 (with echo), without its line
// ending. End of input before any byte is kNotFound; an empty line is an empty answer.
Result<std::string> ReadAnswerLine(std::ostream& prompt_to, const std::string& prompt);

}  // namespace bouncescan::cli
