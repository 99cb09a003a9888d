// The digest's HTML part rendered by a real browser engine: headless Chromium (Debian's
// `chromium`) takes a screenshot of each rendered digest. The PNGs stay in the test output
// directory (build/test-output/digest/) so that a reviewer can look at them. The test checks
// that Chromium renders without errors: exit 0, a PNG of the window's size, and no
// blocked load or script (the HTML's Content-Security-Policy would refuse and log any
// remote image or script that escaping had let through). Skips only when Chromium is not
// installed (scripts/install-deps installs it).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "digest/render.h"
#include "digest/testing/sample_input.h"
#include "tests/subprocess.h"

namespace bouncescan::digest {
namespace {

namespace fs = std::filesystem;

constexpr int kWidth = 800;
constexpr int kHeight = 1600;

std::string FindChromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

std::uint32_t BigEndian32(const std::string& s, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

struct Shot {
  bouncescan::testing::ProcessResult process;
  std::string png;  // the file's bytes
};

// Renders `html` to OUTPUT/NAME.png (and keeps NAME.html beside it).
Shot Screenshot(const std::string& chromium, const std::string& html, const std::string& name) {
  const fs::path out_dir = fs::path(BOUNCESCAN_TEST_OUTPUT_DIR) / "digest";
  fs::create_directories(out_dir);
  const fs::path html_path = out_dir / (name + ".html");
  const fs::path png_path = out_dir / (name + ".png");
  std::ofstream(html_path, std::ios::binary) << html;
  fs::remove(png_path);

  std::string profile = (fs::temp_directory_path() / "bouncescan-chromium-XXXXXX").string();
  EXPECT_TRUE(mkdtemp(profile.data()));
  std::vector<std::string> args{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                                "--user-data-dir=" + profile,
                                "--window-size=" + std::to_string(kWidth) + "," + std::to_string(kHeight),
                                "--screenshot=" + png_path.string(), "file://" + html_path.string()};
  bouncescan::testing::Child child(chromium, args, profile);
  // A wedged browser must not hold the suite: give it a minute.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (child.Running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (child.Running()) child.Kill9();
  Shot shot;
  shot.process = child.Wait();
  shot.png = bouncescan::testing::ReadAll(png_path.string());
  std::error_code ec;
  fs::remove_all(profile, ec);
  return shot;
}

// The page's policy forbids every load and script, and Chromium logs each blocked one as a
// console message (":CONSOLE" in its log; older versions say "Refused to ..."). A clean page
// logs none, so any console message means markup from a bounce got through as markup.
void ExpectNoConsoleMessage(const Shot& shot, const std::string& name) {
  for (const char* sign : {":CONSOLE", "Refused to", "Content Security Policy", "Uncaught"}) {
    EXPECT_EQ(shot.process.err.find(sign), std::string::npos) << name << ": " << sign << " in\n" << shot.process.err;
  }
}

void ExpectRendered(const Shot& shot, const std::string& name) {
  EXPECT_EQ(shot.process.exit_code, 0) << name << ": " << shot.process.err;
  ASSERT_GE(shot.png.size(), 24u) << name << ": no PNG written; chromium said:\n" << shot.process.err;
  EXPECT_EQ(shot.png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << name;
  EXPECT_EQ(shot.png.substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(shot.png, 16), static_cast<std::uint32_t>(kWidth)) << name;
  EXPECT_EQ(BigEndian32(shot.png, 20), static_cast<std::uint32_t>(kHeight)) << name;
  // A blank page of this size compresses to a few kilobytes; text, tables and colour bars
  // make it several times larger.
  EXPECT_GT(shot.png.size(), 20000u) << name << ": the screenshot looks empty";
  ExpectNoConsoleMessage(shot, name);
}

class ChromiumRender : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = FindChromium();
    if (chromium_.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps installs it)";
  }
  std::string chromium_;
};

TEST_F(ChromiumRender, EnglishDigest) {
  Rendered r = Render(testing::SampleInput(), rules::Language::kEnglish);
  ExpectRendered(Screenshot(chromium_, r.html, "digest-en"), "digest-en");
}

TEST_F(ChromiumRender, VietnameseDigest) {
  Rendered r = Render(testing::SampleInput(), rules::Language::kVietnamese);
  ExpectRendered(Screenshot(chromium_, r.html, "digest-vi"), "digest-vi");
}

TEST_F(ChromiumRender, HostileDigestLoadsAndRunsNothing) {
  Rendered r = Render(testing::HostileInput(), rules::Language::kEnglish);
  Shot shot = Screenshot(chromium_, r.html, "digest-hostile");
  EXPECT_EQ(shot.process.exit_code, 0) << shot.process.err;
  ASSERT_GE(shot.png.size(), 24u) << shot.process.err;
  EXPECT_EQ(shot.png.substr(1, 3), "PNG");
  ExpectNoConsoleMessage(shot, "digest-hostile");
}

// The check above is not blind: the same page with one unescaped image and script in it
// makes Chromium log the blocked load.
TEST_F(ChromiumRender, UnescapedMarkupWouldBeSeen) {
  std::string html = Render(testing::SampleInput(), rules::Language::kEnglish).html;
  const std::string body = "<body style=\"margin:0;padding:0;background:#f3f4f6;\">";
  ASSERT_NE(html.find(body), std::string::npos);
  html.replace(html.find(body), body.size(), body + "<img src=\"http://example.net/x\"><script>alert(1)</script>");
  Shot shot = Screenshot(chromium_, html, "digest-broken-on-purpose");
  EXPECT_EQ(shot.process.exit_code, 0) << shot.process.err;
  EXPECT_NE(shot.process.err.find(":CONSOLE"), std::string::npos) << shot.process.err;
}

}  // namespace
}  // namespace bouncescan::digest
