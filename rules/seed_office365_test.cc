// The Exchange-style seed row inside the Office 365 NDR layout of seed page 003, through
// mime::DecodeBounce (the Office 365 decoder) and Judge.
#include <vector>

#include <gtest/gtest.h>

#include "rules/testing/seed_cases.h"
#include "rules/testing/seed_messages.h"

namespace bouncescan::rules::testing {
namespace {

TEST(SeedMessages, ExchangeRowInAnOffice365Ndr) {
  int n = 0;
  for (const SeedCase& c : LoadSeedCases()) {
    if (c.id != "o365-exch-530") continue;
    ExpectVerdict("office365", c, Office365(c));
    ++n;
  }
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace bouncescan::rules::testing
