#include "storage/policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace bouncescan::storage {
namespace {

using mime::ReportKind;
using rules::Fixer;
using rules::Reason;

Effect Decide(ReportKind kind, std::string action, Reason reason, bool hard, bool suppress, Fixer fixer) {
  mime::RecipientRecord r;
  r.action = std::move(action);
  rules::Verdict v;
  v.reason = reason;
  v.hard = hard;
  v.suppress = suppress;
  v.fixer = fixer;
  return DecideEffect(kind, r, v);
}

TEST(DecideEffect, AddressFailuresSuppress) {
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kUserUnknown, true, true, Fixer::kSender), Effect::kSuppress);
  EXPECT_EQ(Decide(ReportKind::kBounce, "", Reason::kHostUnknown, true, true, Fixer::kSender), Effect::kSuppress);
  EXPECT_EQ(Decide(ReportKind::kDsn, "Failed", Reason::kNotAccept, true, false, Fixer::kRecipientAdmin),
            Effect::kSuppress);
  EXPECT_EQ(Decide(ReportKind::kFeedback, "", Reason::kFeedback, false, true, Fixer::kSender), Effect::kComplaint);
}

TEST(DecideEffect, SoftRecipientFailuresCount) {
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kMailboxFull, false, false, Fixer::kRecipient), Effect::kSoft);
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kMailboxFull, true, true, Fixer::kRecipient), Effect::kSoft);
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kSuspend, true, false, Fixer::kRecipient), Effect::kSoft);
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kExpired, false, false, Fixer::kRecipientAdmin), Effect::kSoft);
}

TEST(DecideEffect, SenderSideNeverSuppresses) {
  for (Reason r : {Reason::kAuthFailure, Reason::kBlocked, Reason::kNoRelaying, Reason::kSecurityError,
                   Reason::kRequirePtr, Reason::kBadReputation, Reason::kRejected, Reason::kSpamDetected,
                   Reason::kFailedStartTls, Reason::kSpeeding, Reason::kNetworkError}) {
    EXPECT_EQ(Decide(ReportKind::kDsn, "failed", r, true, true, Fixer::kRecipient), Effect::kNone)
        << rules::ReasonName(r);
  }
  // An expired delivery that the sender's own server caused.
  EXPECT_EQ(Decide(ReportKind::kDsn, "failed", Reason::kExpired, false, false, Fixer::kSenderAdmin), Effect::kNone);
}

TEST(DecideEffect, OnlyFinalFailuresCount) {
  EXPECT_EQ(Decide(ReportKind::kDelay, "delayed", Reason::kUserUnknown, true, true, Fixer::kSender), Effect::kNone);
  EXPECT_EQ(Decide(ReportKind::kDsn, "delayed", Reason::kMailboxFull, false, false, Fixer::kRecipient), Effect::kNone);
  EXPECT_EQ(Decide(ReportKind::kDsn, "delivered", Reason::kDelivered, false, false, Fixer::kNone), Effect::kNone);
  EXPECT_EQ(Decide(ReportKind::kAutoreply, "", Reason::kVacation, false, false, Fixer::kNone), Effect::kNone);
  EXPECT_EQ(Decide(ReportKind::kNone, "failed", Reason::kUserUnknown, true, true, Fixer::kSender), Effect::kNone);
}

TEST(SoftThreshold, NeedsNDaysWithinTheWindow) {
  std::vector<std::int64_t> days{0, 10, 29};
  EXPECT_TRUE(SoftThresholdReached(days, 3, 30));
  days = {0, 10, 30};
  EXPECT_FALSE(SoftThresholdReached(days, 3, 30));
  days = {0, 10, 45, 50, 60};
  EXPECT_TRUE(SoftThresholdReached(days, 3, 30));
  days = {0, 1};
  EXPECT_FALSE(SoftThresholdReached(days, 3, 30));
  EXPECT_EQ(CountInWindow(days, 1, 30), 2);
  EXPECT_EQ(CountInWindow(days, 30, 30), 1);
  EXPECT_EQ(CountInWindow(days, 31, 30), 0);
}

TEST(ParseMailDate, ReadsRfc5322Dates) {
  EXPECT_EQ(ParseMailDate("Thu, 22 Apr 2016 23:34:45 +0900"), 1461335685);
  EXPECT_EQ(ParseMailDate("22 Apr 2016 14:34:45 GMT"), 1461335685);
  EXPECT_EQ(ParseMailDate("Thu, 22 Apr 2016 10:34:45 -0400 (EDT)"), 1461335685);
  EXPECT_EQ(ParseMailDate("Thu, 22 Apr 16 14:34 +0000"), 1461335640);
  EXPECT_EQ(ParseMailDate("Tue, 14 Nov 2023 10:00:00 +0000"), 1699956000);
  EXPECT_FALSE(ParseMailDate("").has_value());
  EXPECT_FALSE(ParseMailDate("yesterday").has_value());
  EXPECT_FALSE(ParseMailDate("Thu, 22 Foo 2016 23:34:45 +0900").has_value());
  EXPECT_FALSE(ParseMailDate("Thu, 99 Apr 2016 23:34:45 +0900").has_value());
}

}  // namespace
}  // namespace bouncescan::storage
