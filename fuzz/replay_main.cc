// Replays inputs through a fuzz target without libFuzzer: the ctest side of every target.
//
// Usage: NAME_replay PATH...   (files, or directories read recursively in sorted order)
// Feeds each file to LLVMFuzzerTestOneInput once. Built with the normal compiler in every
// preset, so the seed corpus and every regression input run under ASan + UBSan in the dev
// preset. A directory that does not exist is skipped; running zero inputs is a failure,
// so a misplaced corpus cannot pass silently.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> InputsUnder(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_regular_file(root, ec)) {
    files.push_back(root);
    return files;
  }
  if (!std::filesystem::is_directory(root, ec)) {
    std::fprintf(stderr, "replay: %s does not exist, skipped\n", root.c_str());
    return files;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool ReadFile(const std::filesystem::path& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) bytes->append(buf, static_cast<std::size_t>(in.gcount()));
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& path : InputsUnder(argv[i])) {
      std::string bytes;
      if (!ReadFile(path, &bytes)) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return 1;
      }
      // Print before running, so a crash names its input.
      std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  std::printf("replay: %zu inputs ran without a crash\n", count);
  return count > 0 ? 0 : 1;
}
