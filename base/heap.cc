#include "base/heap.h"

#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace bouncescan {

void KeepFreedHeap() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_TOP_PAD, 256 << 10);
#endif
}

void PopulateHeap(std::size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
  const long page_size = sysconf(_SC_PAGESIZE);
  if (page_size <= 0 || bytes < 2 * static_cast<std::size_t>(page_size)) return;
  const auto page = static_cast<std::uintptr_t>(page_size);
  // A block this large would otherwise be mapped on its own and unmapped when freed. With
  // the threshold above it, it comes from the heap and goes back to the heap's free top,
  // which KeepFreedHeap keeps, pages and all, for the allocations after it.
  // (Fixing the threshold also ends glibc's moving it up as large blocks are freed; larger
  // ones are mapped on their own, as they were before it moved.)
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(bytes + page));
  void* block = std::malloc(bytes);
  if (block == nullptr) return;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t first = (start + page - 1) & ~(page - 1);
  const std::uintptr_t last = (start + bytes) & ~(page - 1);
  if (last > first) {
    // Errors (EINVAL before Linux 5.14, ENOMEM) leave the pages to be faulted in later.
    (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
  }
  std::free(block);
#else
  (void)bytes;
#endif
}

}  // namespace bouncescan
