#include "dynlib/shared_library.h"

#include <gtest/gtest.h>

#include <cstring>

namespace bouncescan::dynlib {
namespace {

TEST(SharedLibrary, MissingLibraryNamesItAndItsPackage) {
  Result<SharedLibrary> lib = SharedLibrary::Open("libbouncescan-absent.so.9", "bouncescan-absent9");
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.status().code(), StatusCode::kInternal);
  EXPECT_NE(lib.status().message().find("libbouncescan-absent.so.9 cannot be loaded"), std::string::npos)
      << lib.status().message();
  EXPECT_NE(lib.status().message().find("install the package bouncescan-absent9"), std::string::npos)
      << lib.status().message();
}

TEST(SharedLibrary, BindsAFunctionThatWorks) {
  Result<SharedLibrary> lib = SharedLibrary::Open("libc.so.6", "libc6");
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  decltype(&std::strlen) strlen_fn = nullptr;
  ASSERT_TRUE(lib->Bind("strlen", &strlen_fn).ok());
  ASSERT_NE(strlen_fn, nullptr);
  EXPECT_EQ(strlen_fn("bounce"), 6u);
}

TEST(SharedLibrary, MissingFunctionNamesItAndTheLibrary) {
  Result<SharedLibrary> lib = SharedLibrary::Open("libc.so.6", "libc6");
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  decltype(&std::strlen) fn = nullptr;
  Status s = lib->Bind("bouncescan_no_such_function", &fn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(fn, nullptr);
  EXPECT_NE(s.message().find("libc.so.6 has no function bouncescan_no_such_function"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("libc6"), std::string::npos) << s.message();
}

TEST(SharedLibrary, MovedFromLibraryFindsNothing) {
  Result<SharedLibrary> lib = SharedLibrary::Open("libc.so.6", "libc6");
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  SharedLibrary moved = std::move(*lib);
  EXPECT_TRUE(moved.Symbol("strlen").ok());
  EXPECT_FALSE(lib->Symbol("strlen").ok());  // NOLINT(bugprone-use-after-move): the point
}

}  // namespace
}  // namespace bouncescan::dynlib
