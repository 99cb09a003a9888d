#include "scanner/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace bouncescan::scanner {
namespace {

// Test vectors from FIPS 180-4's examples (NIST CSRC "SHA256.pdf") and the one-million-'a' vector.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShotAtEveryBlockBoundary) {
  std::string data;
  for (int i = 0; i < 200; ++i) data += static_cast<char>('a' + i % 26);
  for (std::size_t split = 0; split <= data.size(); split += 7) {
    Sha256 s;
    s.Update(std::string_view(data).substr(0, split));
    s.Update(std::string_view(data).substr(split));
    auto digest = s.Finish();
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (auto b : digest) {
      hex += kHex[b >> 4];
      hex += kHex[b & 15];
    }
    EXPECT_EQ(hex, Sha256Hex(data)) << split;
  }
}

}  // namespace
}  // namespace bouncescan::scanner
