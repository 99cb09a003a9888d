#include "dynlib/curl_runtime.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace bouncescan::dynlib {
namespace {

TEST(CurlRuntime, MissingLibraryNamesItAndThePackage) {
  Status s = CheckCurlLibrary("libcurl-bouncescan-absent.so.4");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("libcurl-bouncescan-absent.so.4 cannot be loaded"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("install the package libcurl4"), std::string::npos) << s.message();
}

TEST(CurlRuntime, LibraryWithoutCurlIsRefused) {
  Status s = CheckCurlLibrary("libc.so.6");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("libc.so.6 has no function curl_"), std::string::npos) << s.message();
}

// Every function the program calls exists in the installed libcurl under the name used.
TEST(CurlRuntime, InstalledLibcurlHasEveryFunction) {
  Status s = CheckCurlLibrary(kCurlSoname);
  EXPECT_TRUE(s.ok()) << s.message();
}

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

class CurlTransfer : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(LoadCurl().ok()) << LoadCurl().message();
    char dir[] = "/tmp/bouncescan-curl-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/body.txt";
    std::ofstream(path_) << "Final-Recipient: rfc822; user@example.com\n";  // 42 bytes
    easy_ = curl_easy_init();
    ASSERT_NE(easy_, nullptr);
  }
  void TearDown() override {
    if (easy_) curl_easy_cleanup(easy_);
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_, path_;
  CURL* easy_ = nullptr;
};

// One option of each argument type reaches libcurl intact: the URL and the write data
// (object pointers), the write callback (function pointer), a curl_off_t offset and a long.
TEST_F(CurlTransfer, OptionsOfEveryTypeArriveIntact) {
  std::string body;
  const std::string url = "file://" + path_;
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_URL, url.c_str()), CURLE_OK);
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "file"), CURLE_OK);
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Collect), CURLE_OK);
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &body), CURLE_OK);
  ASSERT_EQ(curl_easy_perform(easy_), CURLE_OK);
  EXPECT_EQ(body, "Final-Recipient: rfc822; user@example.com\n");
  curl_off_t size = -1;
  ASSERT_EQ(curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &size), CURLE_OK);
  EXPECT_EQ(size, 42);

  // Resuming at byte 17 skips "Final-Recipient: ": the 64-bit offset got through.
  body.clear();
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(17)), CURLE_OK);
  ASSERT_EQ(curl_easy_perform(easy_), CURLE_OK);
  EXPECT_EQ(body, "rfc822; user@example.com\n");
  ASSERT_EQ(curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &size), CURLE_OK);
  EXPECT_EQ(size, 25);

  // A long that changes the outcome: no body at all.
  body.clear();
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(0)), CURLE_OK);
  EXPECT_EQ(curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L), CURLE_OK);
  ASSERT_EQ(curl_easy_perform(easy_), CURLE_OK);
  EXPECT_EQ(body.find("rfc822"), std::string::npos) << body;
}

TEST_F(CurlTransfer, UnknownOptionsAreRefused) {
  EXPECT_EQ(curl_easy_setopt(easy_, static_cast<CURLoption>(59999), 0L), CURLE_UNKNOWN_OPTION);
  EXPECT_EQ(curl_easy_setopt(easy_, static_cast<CURLoption>(-1), 0L), CURLE_UNKNOWN_OPTION);
  CURLM* multi = curl_multi_init();
  ASSERT_NE(multi, nullptr);
  EXPECT_EQ(curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 1L), CURLM_OK);
  EXPECT_EQ(curl_multi_setopt(multi, static_cast<CURLMoption>(59999), 0L), CURLM_UNKNOWN_OPTION);
  EXPECT_EQ(curl_multi_cleanup(multi), CURLM_OK);
}

}  // namespace
}  // namespace bouncescan::dynlib
