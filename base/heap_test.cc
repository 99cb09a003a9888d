#include "base/heap.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

#if defined(__GLIBC__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace bouncescan {
namespace {

// Under AddressSanitizer the program's memory comes from the sanitizer's allocator, not
// glibc's heap (and freed blocks wait in its quarantine), so there is nothing to check.
#if defined(__SANITIZE_ADDRESS__)
#define BOUNCESCAN_SANITIZED_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNCESCAN_SANITIZED_HEAP 1
#endif
#endif

#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE) && !defined(BOUNCESCAN_SANITIZED_HEAP)
// How many of the whole pages of [p, p + size) are present (mincore).
std::size_t PresentPages(const void* p, std::size_t size, std::size_t* total) {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (start + page - 1) & ~(page - 1);
  const std::uintptr_t last = (start + size) & ~(page - 1);
  *total = (last - first) / page;
  std::vector<unsigned char> in(*total);
  if (mincore(reinterpret_cast<void*>(first), last - first, in.data()) != 0) return 0;
  std::size_t n = 0;
  for (unsigned char c : in) n += c & 1;
  return n;
}

bool KernelPopulates() {
  const long page = sysconf(_SC_PAGESIZE);
  void* m = mmap(nullptr, static_cast<std::size_t>(page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return false;
  const bool ok = madvise(m, static_cast<std::size_t>(page), MADV_POPULATE_WRITE) == 0;
  munmap(m, static_cast<std::size_t>(page));
  return ok;
}

// A fresh process has no 700 KB of touched free heap: without PopulateHeap the block's
// pages would be absent until written.
TEST(PopulateHeap, LaterAllocationsFindTheirPagesPresent) {
  if (!KernelPopulates()) GTEST_SKIP() << "this kernel has no MADV_POPULATE_WRITE (Linux 5.14)";
  KeepFreedHeap();
  PopulateHeap(768 << 10);
  void* block = std::malloc(700 << 10);
  ASSERT_NE(block, nullptr);
  std::size_t total = 0;
  const std::size_t present = PresentPages(block, 700 << 10, &total);
  std::free(block);
  ASSERT_GT(total, 100u);
  EXPECT_EQ(present, total);
}
#endif

TEST(PopulateHeap, TinyOrZeroSizesDoNothingHarmful) {
  PopulateHeap(0);
  PopulateHeap(1);
  void* p = std::malloc(64);
  ASSERT_NE(p, nullptr);
  std::free(p);
}

}  // namespace
}  // namespace bouncescan
