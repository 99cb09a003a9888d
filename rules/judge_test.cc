#include "rules/judge.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rules/rule_set.h"
#include "rules/tables/decision_order.h"
#include "rules/tables/fixes.h"
#include "rules/tables/reason_defaults.h"
#include "rules/testing/seed_cases.h"

namespace bouncescan::rules {
namespace {

const RuleSet& Rules() { return *RuleSet::BuiltIn(); }

TEST(SeedCases, EveryRowAsABareDiagnostic) {
  std::vector<testing::SeedCase> cases = testing::LoadSeedCases();
  ASSERT_EQ(cases.size(), 59u);
  for (const testing::SeedCase& c : cases) {
    Verdict v = JudgeText(c.diagnostic, Rules());
    EXPECT_EQ(ReasonName(v.reason), c.reason) << c.id << " rule " << v.rule;
    EXPECT_EQ(v.hard, c.hard) << c.id << " rule " << v.rule;
    EXPECT_EQ(FixerName(v.fixer), c.fixer) << c.id << " rule " << v.rule;
    EXPECT_EQ(v.suppress, c.suppress) << c.id << " rule " << v.rule;
    EXPECT_FALSE(FixText(v.fix, Language::kVietnamese).empty()) << c.id;
  }
}

// The decision order, one property per line of the order table's comment.
TEST(DecisionOrder, EveryRowOnce) {
  std::set<Tier> seen;
  for (const tables::TierRow& row : tables::kDecisionOrder) EXPECT_TRUE(seen.insert(row.tier).second) << row.name;
  EXPECT_EQ(seen.size(), 11u);
  EXPECT_EQ(tables::kDecisionOrder.front().tier, Tier::kUser);
  EXPECT_EQ(tables::kDecisionOrder.back().tier, Tier::kDecoder);
}

TEST(DecisionOrder, PhraseBeatsGenericStatus) {
  Verdict v = JudgeText("554 5.7.1 Relay access denied", Rules());
  EXPECT_EQ(v.reason, Reason::kNoRelaying);
  EXPECT_EQ(JudgeText("550 5.7.1 go away", Rules()).rule, "status-x.7.1");
}

TEST(DecisionOrder, SpecificStatusBeatsPhrase) {
  // "spam" would say spamdetected; Office 365's 5.7.501 means the sending account is blocked.
  Verdict v = JudgeText("550 5.7.501 Access denied, spam abuse detected", Rules());
  EXPECT_EQ(v.reason, Reason::kSecurityError);
  EXPECT_EQ(v.rule, "o365-5.7.501");
}

TEST(DecisionOrder, SpecificStatusBeatsGenericPhrase) {
  Verdict v = JudgeText("552 5.2.2 internal error while delivering", Rules());
  EXPECT_EQ(v.reason, Reason::kMailboxFull);
}

TEST(DecisionOrder, StatusWithPhraseBeatsStatusAlone) {
  EXPECT_EQ(JudgeText("550 5.4.1 Relay Access Denied", Rules()).rule, "o365-5.4.1-relay");
  EXPECT_EQ(JudgeText("550 5.4.1 Recipient address rejected: Access denied", Rules()).reason, Reason::kUserUnknown);
  EXPECT_EQ(JudgeText("550 5.4.1 no answer", Rules()).rule, "status-x.4.1");
}

TEST(DecisionOrder, AnyStatusOrPhraseBeatsReplyCode) {
  EXPECT_EQ(JudgeText("552 message size exceeds fixed maximum message size", Rules()).reason,
            Reason::kEmailTooLarge);
  EXPECT_EQ(JudgeText("552 go away", Rules()).rule, "reply-552");
  EXPECT_EQ(JudgeText("530 5.7.26 unauthenticated", Rules()).reason, Reason::kAuthFailure);
}

TEST(DecisionOrder, LongestPhraseWinsWithinARow) {
  // "not authenticated" (securityerror, sender) is inside the longer Office 365 phrase.
  Verdict v = JudgeText("mail.example.com #<mx.example.com #5.7.1 smtp;530 5.7.1 Client was not authenticated> #SMTP#",
                        Rules());
  EXPECT_EQ(v.rule, "o365-5.7.1-remote-530");
  EXPECT_EQ(v.fixer, Fixer::kRecipientAdmin);
}

TEST(DecisionOrder, ReceivingHostRuleBeatsEverythingBuiltIn) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.action = "failed";
  r.status = "5.4.1";
  r.diagnostic_code = "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)";
  r.remote_mta = "dns; EUR01-VE1-obe.mail.protection.outlook.com";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.rule, "rhost-microsoft-5.4.1-dbeb");
  EXPECT_EQ(v.reason, Reason::kUserUnknown);
  EXPECT_TRUE(v.suppress);
  r.remote_mta = "mx.example.com";
  EXPECT_EQ(Judge(report, r, Rules()).rule, "o365-5.4.1-dbeb");
}

TEST(Judge, KddiFilterIsNotAnUnknownUser) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.action = "failed";
  r.status = "5.0.0";
  r.remote_mta = "lsean.ezweb.ne.jp";
  r.diagnostic_code = "550 : User unknown";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kFiltered);
  EXPECT_FALSE(v.suppress);
  r.diagnostic_code = "550 <someone@ezweb.ne.jp>: User unknown";
  v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kUserUnknown);
  EXPECT_TRUE(v.suppress);
  // Yahoo's NDR quotes the filter's reply and names no remote host: the recipient's domain
  // tells where it was refused.
  r.remote_mta = "";
  r.final_recipient = "someone@ezweb.ne.jp";
  r.diagnostic_code = "550: : User unknown";
  EXPECT_EQ(Judge(report, r, Rules()).rule, "rhost-kddi-filter-ezweb-quoted");
  r.final_recipient = "someone@example.net";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kUserUnknown);
}

// "User unknown" refused at DATA is a filter, unless an X.1.x status says the address
// itself is unknown; beside an X.7.x code and not at RCPT it is a filter too.
TEST(Judge, UserUnknownWordsAndTheirContext) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.action = "failed";
  r.status = "5.2.1";
  r.diagnostic_code = "550 5.2.1 <held@example.org>... User Unknown";
  r.smtp_command = "DATA";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kFiltered) << v.rule;
  EXPECT_FALSE(v.hard);
  r.status = "5.1.1";
  r.diagnostic_code = "550 5.1.1 <gone@example.org>... User Unknown";
  v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kUserUnknown) << v.rule;
  EXPECT_TRUE(v.hard);
  r.status = "5.7.1";
  r.diagnostic_code = "550 5.7.1 <x@example.org>: Recipient address rejected: User unknown";
  r.smtp_command = "";
  EXPECT_EQ(Judge(report, r, Rules()).rule, "other-status-userunknown");
  r.smtp_command = "RCPT";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kUserUnknown);
  // Yahoo refuses unknown accounts only after DATA; its own words decide.
  r.status = "5.0.0";
  r.diagnostic_code = "554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0]";
  r.smtp_command = "DATA";
  EXPECT_EQ(Judge(report, r, Rules()).rule, "yahoo-no-account-554");
}

// X.2.1 says the mailbox exists but refuses the message: "user unknown" beside it is a
// filter's wording unless the refusal came at RCPT.
TEST(Judge, DisabledMailboxStatusWithUserUnknownWords) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.action = "failed";
  r.status = "5.2.1";
  r.diagnostic_code = "550 5.2.1 <held@example.org>... User Unknown";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.rule, "disabled-status-userunknown");
  EXPECT_EQ(v.reason, Reason::kFiltered);
  EXPECT_FALSE(v.suppress);
  r.smtp_command = "RCPT";
  v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kUserUnknown) << v.rule;
  EXPECT_TRUE(v.suppress);
}

// The reporting MTA's own category (PowerMTA's X-PowerMTA-BounceCategory) beats the words.
TEST(Judge, ReportingMtaCategoryDecides) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.action = "failed";
  r.status = "5.2.1";
  r.diagnostic_code = "550 5.2.1 <gone@example.org>... User Unknown";
  r.bounce_category = "bad-mailbox";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.rule, "category-bad-mailbox");
  EXPECT_EQ(v.reason, Reason::kUserUnknown);
  EXPECT_TRUE(v.hard);
  r.bounce_category = "quota-issues";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kMailboxFull);
  r.bounce_category = "other";  // says nothing: the words and the status decide
  EXPECT_EQ(Judge(report, r, Rules()).rule, "disabled-status-userunknown");
}

// A filtering gateway's "no such user" without the SMTP stage is not proof enough to
// suppress; an X.1.x status or a refusal at RCPT is.
TEST(Judge, FilteringGatewayUserUnknown) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kBounce;
  report.decoder = "mailfoundry";
  mime::RecipientRecord r;
  r.action = "failed";
  r.diagnostic_code = "Server mx.example.org[192.0.2.22] failed with: 550 <a@example.org> No such user here";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.rule, "gateway-userunknown");
  EXPECT_EQ(v.reason, Reason::kFiltered);
  EXPECT_FALSE(v.suppress);
  r.status = "5.1.1";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kUserUnknown);
  r.status = "";
  r.smtp_command = "RCPT";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kUserUnknown);
  r.smtp_command = "";
  report.decoder = "postfix";  // an MTA, not a gateway: its words stand
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kUserUnknown);
}

// Phrases added from sample files (rules/tables/phrases.h cites them).
TEST(Judge, PhrasesFromSampleFiles) {
  EXPECT_EQ(JudgeText("DNS lookup failure: host mx.example.org not found", Rules()).reason, Reason::kHostUnknown);
  EXPECT_EQ(JudgeText("451 Could not load DRD for domain (example.org)", Rules()).reason, Reason::kSystemError);
  EXPECT_EQ(JudgeText("Your message wasn't delivered to a@example.org because the address couldn't be found.", Rules())
                .reason,
            Reason::kUserUnknown);
  EXPECT_EQ(JudgeText("The mail server could not deliver mail to a@example.org. The account or domain may not exist, "
                      "they may be blacklisted, or missing the proper dns entries.",
                      Rules())
                .reason,
            Reason::kHostUnknown);
  EXPECT_EQ(JudgeText("550 #5.1.0 Address rejected.", Rules()).reason, Reason::kUserUnknown);
  EXPECT_EQ(JudgeText("SMTP error from remote mail server after MAIL FROM:<s@example.net> SIZE=1024: 450 service "
                      "permits 2 unverifyable sending IPs - example.net is not 192.0.2.1",
                      Rules())
                .reason,
            Reason::kRequirePtr);
  EXPECT_EQ(JudgeText("Sorry, you are sending to/from an address that has been blacklisted", Rules()).reason,
            Reason::kRejected);
  EXPECT_EQ(JudgeText("501 <s@example.org>... no access from mail server [192.0.2.55] which is an open relay.", Rules())
                .reason,
            Reason::kBlocked);
  Verdict tls = JudgeText("500 Remote server does not support TLS (state 6).", Rules());
  EXPECT_EQ(tls.reason, Reason::kSystemError);
  EXPECT_EQ(tls.fixer, Fixer::kRecipientAdmin);
  EXPECT_EQ(JudgeText("550 5.1.0 <s@example.net>: Sender address rejected: Domain not found", Rules()).reason,
            Reason::kRejected);
  EXPECT_EQ(JudgeText("550 <a@example.org>: Recipient address rejected.", Rules()).rule,
            "reply-550-recipient-rejected");
}

// qmail-send gives up when the queue lifetime runs out; the error before is the last attempt's.
TEST(Judge, QmailGaveUpIsAnExpiry) {
  Verdict v = JudgeText("unable to connect to remote server [192.0.2.2:25]: Operation timed out I'm not going to try "
                        "again; this message has been in the queue too long.",
                        Rules());
  EXPECT_EQ(v.reason, Reason::kExpired);
  EXPECT_EQ(v.rule, "gave-up-network");
  EXPECT_FALSE(v.suppress);
  EXPECT_EQ(JudgeText("Resources temporarily unavailable [#4.1.9]. I'm not going to try again; this message has been "
                      "in the queue too long.",
                      Rules())
                .rule,
            "gave-up-onhold");
  // A cause that is known stays: the mailbox is full, whatever the queue did.
  EXPECT_EQ(JudgeText("450 4.2.2 mailbox full. I'm not going to try again; this message has been in the queue too long.",
                      Rules())
                .reason,
            Reason::kMailboxFull);
}

// A delay that says nothing but 421 is a delivery still being retried.
TEST(Judge, DelayedWithABare421IsStillRetrying) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDelay;
  mime::RecipientRecord r;
  r.action = "delayed";
  r.reply_code = "421";
  r.diagnostic_code = "ResponseCode 421, Host not reachable. Message will be retried for 4 more day(s)";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.rule, "delayed-bare-421");
  EXPECT_EQ(v.reason, Reason::kExpired);
  r.action = "failed";
  EXPECT_EQ(Judge(report, r, Rules()).rule, "reply-421");
}

TEST(Judge, KindAndActionDecideFirst) {
  mime::BounceReport report;
  mime::RecipientRecord r;
  r.status = "5.1.1";
  r.action = "failed";
  report.kind = mime::ReportKind::kAutoreply;
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kVacation);
  EXPECT_FALSE(v.suppress);
  report.kind = mime::ReportKind::kFeedback;
  v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kFeedback);
  EXPECT_TRUE(v.suppress);
  EXPECT_FALSE(v.hard);
  report.kind = mime::ReportKind::kDsn;
  r.action = "delivered";
  r.status = "2.0.0";
  EXPECT_EQ(Judge(report, r, Rules()).reason, Reason::kDelivered);
}

TEST(Judge, StatusFromTheDiagnosticWhenTheFieldIsEmpty) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kBounce;
  mime::RecipientRecord r;
  r.diagnostic_code = "host mx.example.com said: 550 5.1.1 <a@example.com>... no thanks";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kUserUnknown);
  EXPECT_TRUE(v.hard);
}

TEST(Judge, TemporaryUserUnknownIsNotSuppressed) {
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDelay;
  mime::RecipientRecord r;
  r.action = "delayed";
  r.status = "4.1.1";
  r.diagnostic_code = "450 4.1.1 user unknown (try later)";
  Verdict v = Judge(report, r, Rules());
  EXPECT_EQ(v.reason, Reason::kUserUnknown);
  EXPECT_FALSE(v.hard);
  EXPECT_FALSE(v.suppress);
}

TEST(Judge, NothingKnownIsOnHoldAndNothingAtAllUndefined) {
  EXPECT_EQ(JudgeText("550 computer says no", Rules()).reason, Reason::kOnHold);
  EXPECT_EQ(JudgeText("", Rules()).reason, Reason::kUndefined);
}

// Sender-side failures never suppress, whatever rule decides.
TEST(Judge, SenderSideFailuresNeverSuppress) {
  for (const char* text : {"550 5.7.26 unauthenticated mail", "554 5.7.1 Relay access denied",
                           "530 SMTP authentication is required", "554 5.7.1 blocked using zen.spamhaus.org",
                           "550 5.7.1 message considered as spam", "552 5.3.4 Message too big",
                           "550 Date header far in the past/future", "550 5.2.121 receive limit exceeded",
                           "550 5.7.25 must have a reverse DNS record", "535 5.7.8 Authentication credentials invalid"}) {
    Verdict v = JudgeText(text, Rules());
    EXPECT_FALSE(v.suppress) << text << " " << v.rule;
    EXPECT_FALSE(v.hard) << text << " " << v.rule;
  }
}

TEST(Tables, EveryBuiltInRuleCompilesAndCitesItsSource) {
  Result<std::shared_ptr<const CompiledRuleSet>> set = CompiledRuleSet::Build(CompiledRuleSet::BuiltInSpecs());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  for (const CompiledRule& r : (*set)->rules()) {
    EXPECT_FALSE(r.source.empty()) << (*set)->Text(r.id);
    EXPECT_NE(r.reason, Reason::kUndefined) << (*set)->Text(r.id);
  }
}

TEST(Tables, EveryFixHasBothLanguagesAndEveryReasonADefault) {
  std::set<std::string_view> keys;
  for (const tables::FixText& f : tables::kFixes) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    EXPECT_FALSE(f.english.empty()) << f.key;
    EXPECT_FALSE(f.vietnamese.empty()) << f.key;
    EXPECT_NE(f.english, f.vietnamese) << f.key;
  }
  for (Reason r : AllReasons()) {
    bool found = false;
    for (const tables::ReasonDefault& d : tables::kReasonDefaults) {
      if (d.reason != r) continue;
      found = true;
      EXPECT_TRUE(keys.count(d.fix)) << d.fix;
    }
    EXPECT_TRUE(found) << ReasonName(r);
  }
  EXPECT_TRUE(FixText("no-such-key", Language::kEnglish).empty());
}

}  // namespace
}  // namespace bouncescan::rules
