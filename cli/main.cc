// bouncescan: thin entry point; everything happens in cli::RunMain.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "base/heap.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  bouncescan::KeepFreedHeap();
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  int rc = bouncescan::cli::RunMain(std::move(args), std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
