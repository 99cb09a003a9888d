// bouncescan: thin entry point; everything happens in cli::RunMain.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/commands.h"

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Memory freed after one message is what the next one needs. By default glibc gives the
  // top of the heap back to the kernel whenever 128 KB of it are free, and every page of it
  // is then faulted in afresh for the next message: a tenth of the page faults of a
  // classify run over the corpus (BENCHMARKS.md). Keep up to 8 MB; grow in 256 KB steps.
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_TOP_PAD, 256 << 10);
#endif
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  int rc = bouncescan::cli::RunMain(std::move(args), std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
