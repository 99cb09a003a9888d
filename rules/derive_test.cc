#include "rules/derive.h"

#include <gtest/gtest.h>

namespace bouncescan::rules {
namespace {

TEST(IsHard, OnlyAddressReasonsArePermanent) {
  HardContext permanent{5, 5, "failed"};
  for (Reason r : AllReasons()) {
    bool want = r == Reason::kUserUnknown || r == Reason::kHostUnknown || r == Reason::kHasMoved ||
                r == Reason::kNotAccept;
    EXPECT_EQ(IsHard(r, permanent), want) << ReasonName(r);
  }
}

TEST(IsHard, TransientAnswersAreNeverHard) {
  EXPECT_FALSE(IsHard(Reason::kUserUnknown, {4, 5, ""}));  // status code is the finer one
  EXPECT_TRUE(IsHard(Reason::kUserUnknown, {5, 4, ""}));
  EXPECT_FALSE(IsHard(Reason::kNotAccept, {0, 4, ""}));
  // Retried until the MTA gave up, the server still saying "user unknown".
  EXPECT_TRUE(IsHard(Reason::kUserUnknown, {4, 4, "failed"}));
  EXPECT_FALSE(IsHard(Reason::kHostUnknown, {5, 5, "delayed"}));
  EXPECT_TRUE(IsHard(Reason::kHostUnknown, {0, 0, ""}));  // "Unrouteable address" carries no code
}

TEST(ShouldSuppress, HardBouncesAndComplaintsOnly) {
  for (Reason r : AllReasons()) {
    EXPECT_EQ(ShouldSuppress(r, false), r == Reason::kFeedback) << ReasonName(r);
  }
  EXPECT_TRUE(ShouldSuppress(Reason::kUserUnknown, true));
}

}  // namespace
}  // namespace bouncescan::rules
