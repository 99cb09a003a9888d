// Every seed case inside a full bounce message: an RFC 3464 report for every row and an
// Exim-style bounce for the rows from the pages that quote Exim (seed pages 000-002). Each
// message goes through mime::DecodeBounce and Judge, as `classify` and `scan` do.
#include <vector>

#include <gtest/gtest.h>

#include "rules/testing/seed_cases.h"
#include "rules/testing/seed_messages.h"

namespace bouncescan::rules::testing {
namespace {

TEST(SeedMessages, EveryRowInAnRfc3464Report) {
  std::vector<SeedCase> cases = LoadSeedCases();
  ASSERT_EQ(cases.size(), 59u);
  for (const SeedCase& c : cases) ExpectVerdict("rfc3464", c, Dsn(c));
}

TEST(SeedMessages, EximPagesInAnEximBounce) {
  int n = 0;
  for (const SeedCase& c : LoadSeedCases()) {
    if (c.seed != "000" && c.seed != "001" && c.seed != "002") continue;
    ExpectVerdict("exim", c, Exim(c));
    ++n;
  }
  EXPECT_EQ(n, 17);
}

}  // namespace
}  // namespace bouncescan::rules::testing
