// toml++ as bouncescan uses it: compiled into the program (header-only, see the top-level
// CMakeLists.txt), and included through this header only.
//
// toml++ states some of its parser's expectations as assertions that malformed input can
// break: after "[[[" its key parser asserts that a key starts, then reports the error
// itself ("expected bare key starting character"). The shared library Debian ships is
// built without them; here they are left out in every build, so that a bad config or
// rules file is an error message in a debug or fuzzing build too, never an abort.
#pragma once

#ifndef NDEBUG
#define TOML_ASSERT(expr) static_cast<void>(0)
#endif
#include <toml++/toml.h>
