// Accuracy on the labelled corpus: ../shared/tools/score-corpus over the built binary.
// Skips (not passes) when the shared corpus is not there.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

TEST(CorpusScore, DetectionAndRecipientSetsMeetTheGoals) {
  const char* shared = std::getenv("BOUNCESCAN_SHARED_DIR");
  const char* binary = std::getenv("BOUNCESCAN_BINARY");
  ASSERT_NE(binary, nullptr);
  std::filesystem::path tool = std::filesystem::path(shared ? shared : "") / "tools" / "score-corpus";
  if (shared == nullptr || !std::filesystem::exists(tool)) {
    GTEST_SKIP() << "no shared corpus at " << (shared ? shared : "(BOUNCESCAN_SHARED_DIR unset)");
  }
  std::string cmd = "python3 '" + tool.string() + "' --bin '" + binary +
                    "' --min-detect 0.99 --min-recipients 0.97 --show 40 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  std::cout << out.substr(out.rfind("score:") == std::string::npos ? 0 : out.rfind("score:"));
}

}  // namespace
