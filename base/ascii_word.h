// Eight bytes of text at a time: the word tricks shared by the hot text loops of mime/
// (ToLower, SqueezeSpace) and rules/ (NormalizeForMatch).
//
// A word is eight bytes loaded with memcpy, in memory order on a little-endian machine.
// Each trick works on a byte's low seven bits, where an addition cannot carry into the next
// byte, and leaves bytes >= 0x80 (UTF-8 sequences) alone. Pure; header-only.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace bouncescan {

inline constexpr std::uint64_t kWordOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kWordHigh = 0x8080808080808080ull;

// `w` with every byte 'A'..'Z' lowercased (0x20 added); all other bytes as they were.
constexpr std::uint64_t LowerAsciiWord(std::uint64_t w) {
  const std::uint64_t seven = w & ~kWordHigh;
  const std::uint64_t from_a = (seven + kWordOnes * (0x80 - 'A')) & kWordHigh;  // >= 'A'
  const std::uint64_t past_z = (seven + kWordOnes * (0x7f - 'Z')) & kWordHigh;  // > 'Z'
  return w | ((from_a & ~past_z & ~w & kWordHigh) >> 2);
}

// How many of the word's first bytes lie above ' ' (none of them whitespace or a control
// character): 8 when all do. The lowest byte flagged by the "has a byte less than 0x21"
// test is exact (the ones above it may be flagged wrongly), so this is exact on a
// little-endian machine; elsewhere it answers 8 or 0, and callers take the bytes one by one.
constexpr std::size_t LeadingBytesAboveSpace(std::uint64_t w) {
  const std::uint64_t low = (w - kWordOnes * 0x21) & ~w & kWordHigh;
  if (low == 0) return 8;
  return std::endian::native == std::endian::little ? static_cast<std::size_t>(std::countr_zero(low)) / 8 : 0;
}

}  // namespace bouncescan
