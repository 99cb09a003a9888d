// Eight bytes of text at a time: the word tricks shared by the hot text loops of mime/
// (ToLower, SqueezeSpace) and rules/ (NormalizeForMatch), and the one whitespace squeeze
// both of the latter are.
//
// A word is eight bytes loaded with memcpy, in memory order on a little-endian machine.
// Each trick works on a byte's low seven bits, where an addition cannot carry into the next
// byte, and leaves bytes >= 0x80 (UTF-8 sequences) alone. Pure; header-only.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

// Whether the word can be squeezed as it is: every byte above ' ' (as for
// LeadingBytesAboveSpace) or a lone ' ' between two such bytes of the word, so that neither
// the first nor the last byte is a space. Prose has a space every few bytes. Exact per byte
// (the sums below cannot carry out of a byte), on any byte order.
constexpr bool IsSpacedWord(std::uint64_t w) {
  constexpr std::uint64_t kSeven = ~kWordHigh;
  constexpr std::uint64_t kEnds = 0x8000000000000080ull;  // the first and the last byte
  const std::uint64_t above = (((w & kSeven) + kWordOnes * (0x80 - 0x21)) | w) & kWordHigh;
  const std::uint64_t y = w ^ (kWordOnes * ' ');  // a zero byte where w holds ' '
  const std::uint64_t space = ~(((y & kSeven) + kSeven) | y) & kWordHigh;
  return (above | space) == kWordHigh && (space & (space << 8)) == 0 && (space & kEnds) == 0;
}

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Writes [p, end) from `out` with every run of ASCII whitespace (IsAsciiSpace) made one space
// and none kept at either end, 'A'..'Z' lowercased when kLower; returns where the output
// ends. `out` may be `p` (in place) or the start of another buffer of at least end - p bytes:
// the output is never longer, and it never gets ahead of the input. Eight bytes at a time
// while none of them is at or below ' ' but lone spaces inside the word (IsSpacedWord).
template <bool kLower>
char* SqueezeAsciiSpace(const char* p, const char* const end, char* const out) {
  char* o = out;
  const bool in_place = out == p;
  bool pending = false;  // a space was read and not written (so o is behind p)
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      const std::size_t above = LeadingBytesAboveSpace(w);
      // Lone spaces inside the word are written as they are, as the byte loop below would.
      const std::size_t n = above == 8 || (above > 0 && IsSpacedWord(w)) ? 8 : above;
      if (n > 0) {
        if constexpr (kLower) w = LowerAsciiWord(w);
        if (pending) *o++ = ' ';
        pending = false;
        // Into another buffer all eight bytes fit (those past the n kept are written over
        // or cut off later). In place, bytes past the n kept would overwrite input not yet
        // read; and nothing needs writing while the output still stands where it was read.
        if (!in_place || n == 8) {
          std::memcpy(o, &w, 8);
        } else if (kLower || o != p) {
          std::memcpy(o, &w, n);
        }
        o += n;
        p += n;
        if (n == 8) continue;
      }
    }
    const char c = *p++;
    if (IsAsciiSpace(c)) {
      pending = o != out;
      continue;
    }
    if (pending) *o++ = ' ';
    pending = false;
    *o++ = kLower && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return o;
}

}  // namespace bouncescan
