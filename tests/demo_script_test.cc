// scripts/demo, the first thing a new user runs (README): it must start Dovecot, run
// `bouncescan run` against the demo mailbox, print the digest, and leave nothing running.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/subprocess.h"

namespace bouncescan {
namespace {

namespace fs = std::filesystem;

TEST(DemoScript, RunsTheWholeAgentOnTheDemoMailbox) {
  const std::string source = testing::EnvOr("BOUNCESCAN_SOURCE_DIR", ".");
  const std::string binary = testing::EnvOr("BOUNCESCAN_BINARY", "");
  std::string tmpl = (fs::temp_directory_path() / "bouncescan-demo-test-XXXXXX").string();
  ASSERT_TRUE(mkdtemp(tmpl.data()));
  testing::ProcessResult r = testing::Run(source + "/scripts/demo", {}, tmpl, {"BOUNCESCAN_BINARY=" + binary});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "") << "bouncescan run is quiet on success";
  EXPECT_NE(r.out.find("$ bouncescan run"), std::string::npos) << r.out;
  // The digest's text part, with what the demo mailbox holds.
  for (const char* expected : {"Subject: Bounce digest", "Fix your sending setup", "Addresses removed from your list",
                               "alice@example.org", "lee@example.net", "Contact another way", "bob@example.org"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << " missing in\n" << r.out;
  }
  // Delay warnings and out-of-office replies are not failures.
  EXPECT_EQ(r.out.find("heidi@example.org"), std::string::npos);
  const fs::path out_dir = fs::path(binary).parent_path() / "demo";
  EXPECT_TRUE(fs::exists(out_dir / "digest.eml"));
  EXPECT_TRUE(fs::exists(out_dir / "digest.html"));
  // Its Dovecot is gone, and so is its temporary directory.
  EXPECT_NE(system("pgrep -f '[b]ouncescan-demo-.*/dovecot.conf' >/dev/null"), 0) << "a demo dovecot is still running";
  std::error_code ec;
  fs::remove_all(tmpl, ec);
}

}  // namespace
}  // namespace bouncescan
