// SHA-256 (FIPS 180-4), for content identities of scanned messages.
//
// Used by scanner/pipeline.cc. A small self-contained implementation so that the pure
// libraries need no crypto library; not for secrets (no constant-time guarantees needed
// here). Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bouncescan::scanner {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // REQUIRES: called once; the object is spent afterwards.
  std::array<std::uint8_t, 32> Finish();

 private:
  void Block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

// Lowercase hex of the SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// The first `digits` lowercase hex digits of a digest (an even number; 64 for all of it).
std::string DigestHex(const std::array<std::uint8_t, 32>& digest, std::size_t digits = 64);

}  // namespace bouncescan::scanner
