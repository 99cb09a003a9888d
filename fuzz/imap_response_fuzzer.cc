// Fuzz target: the IMAP response parsers of scanner/imap_response.h, fed untrusted
// server text, and the formatters whose output goes back to the server or into URLs.
//
// Checks: sequence sets and SEARCH results come back sorted and without duplicates, a set
// survives FormatSequenceSet -> ParseSequenceSet unchanged, quoted strings are quoted, a
// batched FETCH answer never yields more body bytes than it holds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "scanner/imap_response.h"

using bouncescan::fuzz::Check;
using bouncescan::fuzz::IsOneLine;

namespace {

bool SortedUnique(const std::vector<std::uint32_t>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](auto a, auto b) { return a >= b; }) == v.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace scanner = bouncescan::scanner;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::string_view line : scanner::UntaggedLines(text)) {
    Check(line.substr(0, 2) == "* ", "untagged lines start with \"* \"");
  }
  (void)scanner::ParseMailboxInfo(text);
  (void)scanner::ParseCapabilities(text);
  (void)scanner::ParseFetchFlags(text);
  (void)scanner::ParseListNames(text);
  scanner::FetchBodiesAnswer bodies = scanner::ParseFetchBodies(text);
  std::size_t body_bytes = 0;
  for (const scanner::FetchedBody& m : bodies.messages) body_bytes += m.body.size();
  Check(body_bytes <= text.size(), "FETCH bodies come from the answer's own bytes");
  Check(!bodies.tagged_ok || bodies.complete, "an OK answer is a complete one");
  auto search = scanner::ParseSearch(text);
  if (search.ok()) Check(SortedUnique(*search), "SEARCH numbers are sorted and unique");
  auto esearch = scanner::ParseESearch(text);
  if (esearch.ok()) {
    Check(SortedUnique(esearch->all), "ESEARCH ALL is sorted and unique");
    Check(esearch->all.size() <= 10'000'000, "ESEARCH ALL is capped for the whole answer");
  }
  constexpr std::size_t kLimit = 100000;
  auto set = scanner::ParseSequenceSet(text, kLimit);
  if (set.ok()) {
    Check(set->size() <= kLimit, "a sequence set respects its limit");
    Check(SortedUnique(*set), "a sequence set is sorted and unique");
    std::string formatted = scanner::FormatSequenceSet(*set);
    auto again = scanner::ParseSequenceSet(formatted, kLimit);
    Check(set->empty() || (again.ok() && *again == *set), "FormatSequenceSet round-trips");
  }
  std::string quoted = scanner::QuoteString(text);
  Check(quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"', "QuoteString quotes");
  auto encoded = scanner::EncodeMailboxName(text);
  if (encoded.ok()) {
    for (unsigned char c : *encoded) Check(c >= 0x20 && c < 0x7f, "modified UTF-7 is printable ASCII");
    Check(IsOneLine(scanner::UrlEncodePath(*encoded)), "a URL path is one line");
  }
  (void)scanner::RedactClientLine(text);
  return 0;
}
