// AppendClassifyJson against the nlohmann::json object that `classify --json` used to build
// (kept here as the reference): the same bytes for every field, optional or not, and for
// text that needs escaping or is not UTF-8.
#include "cli/classify_json.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "mime/text.h"
#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::cli {
namespace {

nlohmann::json RecipientJson(const mime::BounceReport& report, const mime::RecipientRecord& r,
                             const rules::RuleSet& rules) {
  rules::Verdict v = rules::Judge(report, r, rules);
  nlohmann::json j{{"address", r.final_recipient},
                   {"action", r.action},
                   {"status", r.status},
                   {"reply_code", r.reply_code},
                   {"diagnostic", r.diagnostic_code},
                   {"remote_mta", r.remote_mta},
                   {"reason", rules::ReasonName(v.reason)},
                   {"hard", v.hard},
                   {"fixer", rules::FixerName(v.fixer)},
                   {"suppress", v.suppress},
                   {"rule", v.rule}};
  if (!v.fix.empty()) j["fix"] = v.fix;
  if (!r.original_recipient.empty()) j["original_recipient"] = r.original_recipient;
  if (!r.diagnostic_type.empty()) j["diagnostic_type"] = r.diagnostic_type;
  if (!r.last_attempt_date.empty()) j["last_attempt_date"] = r.last_attempt_date;
  if (!r.smtp_command.empty()) j["smtp_command"] = r.smtp_command;
  if (!r.feedback_type.empty()) j["feedback_type"] = r.feedback_type;
  if (!r.bounce_category.empty()) j["bounce_category"] = r.bounce_category;
  return j;
}

nlohmann::json MessageJson(const std::string& source, const mime::DecodeResult& result,
                           const rules::RuleSet& rules) {
  const mime::BounceReport& report = result.report;
  nlohmann::json recipients = nlohmann::json::array();
  for (const mime::RecipientRecord& r : report.recipients) recipients.push_back(RecipientJson(report, r, rules));
  nlohmann::json j{{"source", source}, {"kind", mime::ReportKindName(report.kind)}, {"recipients", recipients}};
  if (!report.decoder.empty()) j["decoder"] = report.decoder;
  if (!report.reporting_mta.empty()) j["reporting_mta"] = report.reporting_mta;
  if (!report.subject.empty()) j["subject"] = report.subject;
  const mime::OriginalMessage& o = report.original;
  if (!o.message_id.empty() || !o.subject.empty() || !o.to.empty()) {
    nlohmann::json oj = nlohmann::json::object();
    if (!o.message_id.empty()) oj["message_id"] = o.message_id;
    if (!o.from.empty()) oj["from"] = o.from;
    if (!o.to.empty()) oj["to"] = o.to;
    if (!o.subject.empty()) oj["subject"] = o.subject;
    if (!o.date.empty()) oj["date"] = o.date;
    j["original"] = oj;
  }
  if (result.truncated) j["truncated"] = true;
  if (!result.problems.empty()) j["problems"] = result.problems;
  return j;
}

std::string Reference(const std::string& source, const mime::DecodeResult& result, const rules::RuleSet& rules) {
  return MessageJson(source, result, rules).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Ours(const std::string& source, const mime::DecodeResult& result, const rules::RuleSet& rules) {
  std::string out;
  AppendClassifyJson(source, result, rules, &out);
  return out;
}

mime::RecipientRecord Failed(const std::string& address, const std::string& status, const std::string& diagnostic) {
  mime::RecipientRecord r;
  r.final_recipient = address;
  r.action = "failed";
  r.status = status;
  r.diagnostic_code = diagnostic;
  return r;
}

TEST(ClassifyJson, NotABounceHasOnlyTheRequiredMembers) {
  auto rules = rules::RuleSet::BuiltIn();
  mime::DecodeResult none;
  EXPECT_EQ(Ours("a.eml", none, *rules), Reference("a.eml", none, *rules));
  EXPECT_EQ(Ours("a.eml", none, *rules), R"({"kind":"none","recipients":[],"source":"a.eml"})");
}

TEST(ClassifyJson, EveryOptionalMemberInItsPlace) {
  auto rules = rules::RuleSet::BuiltIn();
  mime::DecodeResult d;
  d.report.kind = mime::ReportKind::kDsn;
  d.report.decoder = "rfc3464";
  d.report.reporting_mta = "mx.example.com";
  d.report.subject = "Undelivered Mail Returned to Sender";
  d.report.original.message_id = "id@example.com";
  d.report.original.from = "anna@example.com";
  d.report.original.to = "binh@example.net";
  d.report.original.subject = "hello";
  d.report.original.date = "Mon, 23 Nov 2026 10:00:00 +0000";
  mime::RecipientRecord r = Failed("binh@example.net", "5.1.1", "smtp; 550 5.1.1 no such user");
  r.original_recipient = "rfc822; binh@example.net";
  r.diagnostic_type = "smtp";
  r.last_attempt_date = "Mon, 23 Nov 2026 10:00:01 +0000";
  r.smtp_command = "RCPT TO";
  r.feedback_type = "abuse";
  r.bounce_category = "bad-mailbox";
  r.remote_mta = "mx.example.net";
  r.reply_code = "550";
  d.report.recipients.push_back(r);
  d.report.recipients.push_back(Failed("chloe@example.org", "4.2.2", "mailbox full"));
  d.report.recipients.push_back(Failed("duc@example.com", "5.7.1", "SPF check failed"));
  d.problems = {"one", "two"};
  d.truncated = true;
  EXPECT_EQ(Ours("box.mbox#3", d, *rules), Reference("box.mbox#3", d, *rules));
}

TEST(ClassifyJson, EscapesAndInvalidUtf8AsNlohmannWritesThem) {
  auto rules = rules::RuleSet::BuiltIn();
  const std::string hard[] = {
      std::string("quote \" backslash \\ slash /"),
      std::string("controls \b\f\n\r\t \x01\x1f \x7f end"),
      std::string("nul \0 inside", 12),
      "UTF-8: Hộp thư đầy, ユーザ, \xf0\x9f\x93\xa7",
      "invalid: \xff\xfe, truncated \xe1\xbb, overlong \xc0\xaf, surrogate \xed\xa0\x80, "
      "too high \xf4\x90\x80\x80, lone \x80 end",
      "\xe1\xbb",
      "",
  };
  for (const std::string& text : hard) {
    mime::DecodeResult d;
    d.report.kind = mime::ReportKind::kBounce;
    d.report.subject = text;
    d.report.original.subject = text;
    d.report.recipients.push_back(Failed("user@example.com", "5.0.0", text));
    d.problems = {text};
    EXPECT_EQ(Ours(text, d, *rules), Reference(text, d, *rules)) << "text: " << text;
  }
}

// AppendJsonString reads eight bytes at a time and goes byte by byte only around what needs
// escaping or checking; random strings put every kind of byte at every offset of a word,
// and each must come out as nlohmann::json writes it (after what was already in *out).
TEST(ClassifyJson, JsonStringAgreesWithNlohmannOnRandomText) {
  auto rules = rules::RuleSet::BuiltIn();
  const std::string pieces[] = {"a", "plain text ", "\"", "\\", "\n", "\t", std::string(1, '\0'), "\x01", "\x1f",
                                "\x7f", " ", "/", "\xc3\xa9", "\xe1\xbb\x99", "\xf0\x9f\x93\xa7", "\xff", "\x80",
                                "\xc0\xaf", "\xed\xa0\x80", "\xe1\xbb", "0123456789abcdef"};
  std::mt19937 rng(1129);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    // Mostly valid text: the invalid pieces are kept to one round in four.
    if (rng() % 4 != 0 && !mime::IsValidUtf8(text)) continue;
    std::string out = "prefix";
    AppendJsonString(text, &out);
    const std::string want =
        "prefix" + nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    ASSERT_EQ(out, want) << "text: " << nlohmann::json(text).dump(-1, ' ', false,
                                                            nlohmann::json::error_handler_t::replace);
    if (round % 10 == 0) {
      // And as members of a whole record, where plain values take a shorter way.
      mime::DecodeResult d;
      d.report.kind = mime::ReportKind::kBounce;
      d.report.subject = text;
      d.report.recipients.push_back(Failed(text + "@example.com", "5.1.1", text));
      ASSERT_EQ(Ours(text, d, *rules), Reference(text, d, *rules));
    }
  }
}

}  // namespace
}  // namespace bouncescan::cli
