// Fuzz target: raw message bytes through the whole classify path (mime::DecodeBounce, then
// rules::Judge for every recipient), as `bouncescan classify` runs it.
//
// Besides "no crash, no leak, no hang", it checks the contracts the CLI and storage rely
// on: decoded strings of the report are UTF-8 (the JSON output needs it), addresses are
// one line, a malformed message is kind none.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mime/decode.h"
#include "rules/judge.h"

using bouncescan::fuzz::Check;
using bouncescan::fuzz::IsOneLine;
using bouncescan::fuzz::IsUtf8;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace mime = bouncescan::mime;
  namespace rules = bouncescan::rules;
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  mime::DecodeResult result = mime::DecodeBounce(raw);
  const mime::BounceReport& report = result.report;
  Check(!result.malformed || report.kind == mime::ReportKind::kNone,
        "a malformed message has kind none");
  Check(!mime::ReportKindName(report.kind).empty(), "kind has a name");
  // What bounce_report.h promises as UTF-8: decoded headers, the original message's
  // addresses and subject, and (below) every recipient field. Dates and Message-IDs are
  // kept as written (the CLI's JSON replaces invalid bytes).
  const std::pair<const char*, const std::string*> decoded[] = {
      {"subject", &report.subject},
      {"from", &report.from},
      {"original.from", &report.original.from},
      {"original.to", &report.original.to},
      {"original.subject", &report.original.subject},
  };
  for (const auto& [name, value] : decoded) {
    if (!IsUtf8(*value)) std::fprintf(stderr, "not UTF-8: report.%s\n", name);
    Check(IsUtf8(*value), "decoded report strings are UTF-8");
  }
  for (const std::string& problem : result.problems) {
    Check(IsUtf8(problem), "problems are UTF-8");
  }
  static const auto built_in = rules::RuleSet::BuiltIn();
  for (const mime::RecipientRecord& r : report.recipients) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"final_recipient", &r.final_recipient}, {"original_recipient", &r.original_recipient},
        {"action", &r.action},                   {"status", &r.status},
        {"reply_code", &r.reply_code},           {"diagnostic_type", &r.diagnostic_type},
        {"diagnostic_code", &r.diagnostic_code}, {"remote_mta", &r.remote_mta},
        {"last_attempt_date", &r.last_attempt_date}, {"smtp_command", &r.smtp_command},
        {"feedback_type", &r.feedback_type},
    };
    for (const auto& [name, value] : fields) {
      if (!IsUtf8(*value)) std::fprintf(stderr, "not UTF-8: recipient.%s\n", name);
      Check(IsUtf8(*value), "recipient strings are UTF-8");
    }
    Check(IsOneLine(r.final_recipient), "final_recipient is one line");
    Check(IsOneLine(r.original_recipient), "original_recipient is one line");
    rules::Verdict verdict = rules::Judge(report, r, *built_in);
    Check(!rules::ReasonName(verdict.reason).empty(), "reason has a name");
    Check(!rules::FixerName(verdict.fixer).empty(), "fixer has a name");
  }
  return 0;
}
