// bouncescan classify [--json] PATH...
//
// Decodes every message found at the paths (.eml, mbox, Maildir, - for stdin) and prints,
// per message, its kind and every recipient with the DSN facts and the verdict. --json
// prints JSON Lines in the contract of DESIGN.md; otherwise a table. A message that
// cannot be decoded is reported on stderr and skipped (exit 1).
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/user_rules.h"
#include "mime/decode.h"
#include "rules/judge.h"
#include "rules/reason.h"
#include "rules/verdict.h"
#include "scanner/local_source.h"

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

// One line per recipient (one per message when there is none).
void PrintTableRow(std::ostream& out, const std::string& source, const mime::DecodeResult& result,
                   const rules::RuleSet& rules) {
  const mime::BounceReport& report = result.report;
  std::string kind(mime::ReportKindName(report.kind));
  if (report.recipients.empty()) {
    out << fmt::format("{:<28} {:<9} {}\n", source, kind, "-");
    return;
  }
  for (const mime::RecipientRecord& r : report.recipients) {
    rules::Verdict v = rules::Judge(report, r, rules);
    std::string diag = r.diagnostic_code.size() > 60 ? r.diagnostic_code.substr(0, 57) + "..." : r.diagnostic_code;
    out << fmt::format("{:<28} {:<9} {:<34} {:<8} {:<6} {:<15} {:<15} {}\n", source, kind, r.final_recipient,
                       r.action.empty() ? "-" : r.action, r.status.empty() ? "-" : r.status,
                       rules::ReasonName(v.reason), rules::FixerName(v.fixer), diag);
  }
}

}  // namespace

int RunClassify(CommandContext& ctx) {
  CLI::App app{"Decode bounce messages and print a verdict for every failed recipient", "bouncescan classify"};
  bool json = false;
  std::vector<std::string> paths;
  app.add_flag("--json", json, "print one JSON object per message (JSON Lines)");
  app.add_option("paths", paths, ".eml files, mbox files, Maildir folders, or - for stdin")->required();
  try {
    std::vector<std::string> args(ctx.args.rbegin(), ctx.args.rend());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, ctx.out, ctx.err) == 0 ? kExitOk : kExitUsage;
  }
  Result<std::shared_ptr<const rules::RuleSet>> rules = LoadUserRules(ctx.global);
  if (!rules.ok()) {
    ctx.err << "bouncescan: " << rules.status().message() << "\n";
    return ExitCodeFor(rules.status());
  }
  const rules::RuleSet& rule_set = **rules;
  int rc = kExitOk;
  if (!json) {
    ctx.out << fmt::format("{:<28} {:<9} {:<34} {:<8} {:<6} {:<15} {:<15} {}\n", "SOURCE", "KIND", "RECIPIENT",
                           "ACTION", "STATUS", "REASON", "FIXER", "DIAGNOSTIC");
  }
  for (const std::string& path : paths) {
    std::vector<std::string> problems;
    Status s = scanner::ForEachLocalMessage(
        path,
        [&](scanner::LocalMessage&& m) {
          mime::DecodeResult result = mime::DecodeBounce(m.raw);
          if (result.malformed) {
            ctx.err << "bouncescan: " << m.source << ": malformed message skipped: "
                    << (result.problems.empty() ? std::string("unreadable") : result.problems.front()) << "\n";
            rc = kExitPartial;
            return;
          }
          if (json) {
            ctx.out << MessageJson(m.source, result, rule_set).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << "\n";
          } else {
            PrintTableRow(ctx.out, m.source, result, rule_set);
          }
        },
        &problems);
    for (const std::string& p : problems) {
      ctx.err << "bouncescan: " << p << "\n";
      rc = kExitPartial;
    }
    if (!s.ok()) {
      ctx.err << "bouncescan: " << s.message() << "\n";
      rc = kExitPartial;
    }
  }
  return rc;
}

}  // namespace bouncescan::cli
