// Linked into every test binary (cmake/Bouncescan.cmake): sets BOUNCESCAN_SOURCE_DIR,
// BOUNCESCAN_SHARED_DIR and BOUNCESCAN_BINARY before any test runs, unless the environment
// already has them. ctest alone is not enough: gtest_discover_tests passes only the first
// entry of a list-valued ENVIRONMENT property, so tests silently lost the other two.
#include <cstdlib>

namespace {

struct TestEnvironment {
  TestEnvironment() {
    setenv("BOUNCESCAN_SOURCE_DIR", BOUNCESCAN_TEST_SOURCE_DIR, 0);
    setenv("BOUNCESCAN_SHARED_DIR", BOUNCESCAN_TEST_SHARED_DIR, 0);
    setenv("BOUNCESCAN_BINARY", BOUNCESCAN_TEST_BINARY, 0);
  }
};

const TestEnvironment kTestEnvironment;

}  // namespace
