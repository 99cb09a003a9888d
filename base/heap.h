// The process heap's working set, faulted in at once.
//
// A run over many messages (classify over a folder or thousands of files) grows the heap
// to about a megabyte, and every page of it is first touched by a page fault: a trap per
// 4 KB page, which costs about three times the work of providing the page on the virtual
// machine the benchmarks ran on (BENCHMARKS.md, "Page faults out of the way"). PopulateHeap asks the kernel for those pages in one call instead
// (madvise MADV_POPULATE_WRITE, Linux 5.14), so that the allocations after it find them
// ready. Only worth it when the pages will be used: callers call it once a run is known to
// hold more than one message, never for a single small one.
#pragma once

#include <cstddef>

namespace bouncescan {

// Keeps the memory a message freed for the next one: by default glibc gives the top of the
// heap back to the kernel whenever 128 KB of it are free, and every page of it is then
// faulted in afresh for the next message (a tenth of the page faults of a classify run
// over the corpus, BENCHMARKS.md). Keeps up to 8 MB and grows the heap in 256 KB steps.
// Called first thing in main().
void KeepFreedHeap();

// Makes the heap hold at least `bytes` of free memory with its pages present, kept there
// by KeepFreedHeap (without it, glibc would give them back at once). Does
// nothing where that cannot be done (another C library, an older kernel, no memory):
// the pages are then faulted in as they are used, as without it. Process-wide, and so is
// its side effect: glibc's mmap threshold is fixed just above `bytes` (blocks larger than
// that are mapped on their own, as by default; glibc no longer raises the threshold as
// such blocks are freed). Call it from the main thread before the work starts.
void PopulateHeap(std::size_t bytes);

}  // namespace bouncescan
