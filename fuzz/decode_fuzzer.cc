// Fuzz target: raw message bytes through the whole classify path (mime::DecodeBounce, then
// rules::Judge for every recipient), as `bouncescan classify` runs it.
//
// Besides "no crash, no leak, no hang", it checks the contracts the CLI and storage rely
// on: every string of the report is UTF-8 (JSON output throws otherwise), addresses are
// one line, a malformed message is kind none.
#include <cstddef>
#include <cstdint>
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
  for (std::string_view s : {std::string_view(report.decoder), std::string_view(report.reporting_mta),
                             std::string_view(report.message_id), std::string_view(report.subject),
                             std::string_view(report.from), std::string_view(report.date),
                             std::string_view(report.original.message_id),
                             std::string_view(report.original.from), std::string_view(report.original.to),
                             std::string_view(report.original.subject),
                             std::string_view(report.original.date)}) {
    Check(IsUtf8(s), "report strings are UTF-8");
  }
  for (const std::string& problem : result.problems) {
    Check(IsUtf8(problem), "problems are UTF-8");
  }
  static const auto built_in = rules::RuleSet::BuiltIn();
  for (const mime::RecipientRecord& r : report.recipients) {
    for (std::string_view s : {std::string_view(r.final_recipient), std::string_view(r.original_recipient),
                               std::string_view(r.action), std::string_view(r.status),
                               std::string_view(r.reply_code), std::string_view(r.diagnostic_type),
                               std::string_view(r.diagnostic_code), std::string_view(r.remote_mta),
                               std::string_view(r.last_attempt_date), std::string_view(r.smtp_command),
                               std::string_view(r.feedback_type)}) {
      Check(IsUtf8(s), "recipient strings are UTF-8");
    }
    Check(IsOneLine(r.final_recipient), "final_recipient is one line");
    Check(IsOneLine(r.original_recipient), "original_recipient is one line");
    rules::Verdict verdict = rules::Judge(report, r, *built_in);
    Check(!rules::ReasonName(verdict.reason).empty(), "reason has a name");
    Check(!rules::FixerName(verdict.fixer).empty(), "fixer has a name");
  }
  return 0;
}
