#include "base/ascii_word.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <random>

namespace bouncescan {
namespace {

std::uint64_t Load(const unsigned char* bytes) {
  std::uint64_t w;
  std::memcpy(&w, bytes, 8);
  return w;
}

// The byte-by-byte answers the word tricks must give.
std::uint64_t PlainLower(const unsigned char* bytes) {
  unsigned char out[8];
  for (int i = 0; i < 8; ++i) out[i] = bytes[i] >= 'A' && bytes[i] <= 'Z' ? bytes[i] + 0x20 : bytes[i];
  return Load(out);
}

std::size_t PlainLeadingAboveSpace(const unsigned char* bytes) {
  std::size_t n = 0;
  while (n < 8 && bytes[n] > ' ') ++n;
  return n;
}

bool PlainSpacedWord(const unsigned char* bytes) {
  for (int i = 0; i < 8; ++i) {
    if (bytes[i] > ' ') continue;
    if (bytes[i] != ' ' || i == 0 || i == 7 || bytes[i - 1] <= ' ' || bytes[i + 1] <= ' ') return false;
  }
  return true;
}

void ExpectAgrees(const unsigned char* bytes) {
  const std::uint64_t w = Load(bytes);
  EXPECT_EQ(LowerAsciiWord(w), PlainLower(bytes));
  EXPECT_EQ(IsSpacedWord(w), PlainSpacedWord(bytes));
  const std::size_t plain = PlainLeadingAboveSpace(bytes);
  if (std::endian::native == std::endian::little) {
    EXPECT_EQ(LeadingBytesAboveSpace(w), plain);
  } else {
    EXPECT_EQ(LeadingBytesAboveSpace(w), plain == 8 ? 8u : 0u);
  }
}

// Every byte value at every position, among neighbours that are letters, spaces or high bytes
// (the tricks must not let one byte's answer leak into the next).
TEST(AsciiWord, EveryByteAtEveryPosition) {
  for (unsigned char fill : {static_cast<unsigned char>('a'), static_cast<unsigned char>('Z'),
                             static_cast<unsigned char>(' '), static_cast<unsigned char>(0x80),
                             static_cast<unsigned char>(0xff), static_cast<unsigned char>(0)}) {
    for (int at = 0; at < 8; ++at) {
      for (int v = 0; v < 256; ++v) {
        unsigned char bytes[8];
        std::memset(bytes, fill, 8);
        bytes[at] = static_cast<unsigned char>(v);
        ExpectAgrees(bytes);
      }
    }
  }
}

TEST(AsciiWord, RandomWords) {
  std::mt19937_64 random(20261130);
  for (int round = 0; round < 200000; ++round) {
    unsigned char bytes[8];
    const std::uint64_t w = random();
    std::memcpy(bytes, &w, 8);
    // Half the rounds from the characters text is made of, so that runs of letters and
    // spaces are common.
    if (round % 2 == 0) {
      static constexpr char kText[] = "AZaz@[`{ \t\r\n09-.:\x7f\x80\xc3";
      for (unsigned char& b : bytes) b = static_cast<unsigned char>(kText[b % (sizeof kText - 1)]);
    }
    ExpectAgrees(bytes);
  }
}

}  // namespace
}  // namespace bouncescan
