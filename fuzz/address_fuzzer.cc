// Fuzz target: the address parsers mime::ExtractAddress and mime::FindAddresses (they
// replace mimetic's, which double-frees on some groups).
//
// Checks that every address found is one line, holds an '@', and that FindAddresses
// returns no duplicates.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mime/text.h"

using bouncescan::fuzz::Check;
using bouncescan::fuzz::IsOneLine;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace mime = bouncescan::mime;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string address = mime::ExtractAddress(text);
  if (!address.empty()) {
    Check(address.find('@') != std::string::npos, "an extracted address has an '@'");
    Check(IsOneLine(address), "an extracted address is one line");
  }
  std::set<std::string> seen;
  for (const std::string& found : mime::FindAddresses(text)) {
    Check(found.find('@') != std::string::npos, "a found address has an '@'");
    Check(IsOneLine(found), "a found address is one line");
    Check(seen.insert(found).second, "FindAddresses returns no duplicates");
  }
  return 0;
}
