// bouncescan classify [--json] PATH...
//
// Decodes every message found at the paths (.eml, mbox, Maildir, - for stdin) and prints,
// per message, its kind and every recipient with the DSN facts and the verdict. --json
// prints JSON Lines in the contract of DESIGN.md; otherwise a table. A message that
// cannot be decoded is reported on stderr and skipped (exit 1).
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/heap.h"
#include "cli/classify_json.h"
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

// Heap populated at once for a run of more than one message (base/heap.h). Over the
// corpus (640 paths), 512 KB took 3 % off the whole run's CPU time, as much as 768 KB or
// 1 MB did (BENCHMARKS.md); a run of two small messages pays for pages it will not use,
// within the noise of its 4 ms.
constexpr std::size_t kRunHeapBytes = 512 << 10;

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
  std::vector<std::string> more_paths = TakeOperandsAfterFirst(ctx);
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  // CLI11 gave the first path (it requires one); the others follow it.
  paths.reserve(paths.size() + more_paths.size());
  for (std::string& p : more_paths) paths.push_back(std::move(p));
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
  std::string line;  // one JSON Lines record, reused
  // The decoder reads the first max_bytes of a message (and needs one byte more to know
  // that there is more): a longer message is not held in memory whole.
  scanner::LocalReadOptions read_options;
  read_options.max_message_bytes = mime::DecodeOptions().max_bytes + 1;
  std::size_t messages = 0;
  for (const std::string& path : paths) {
    std::vector<std::string> problems;
    Status s = scanner::ForEachLocalMessage(
        path,
        [&](scanner::LocalMessage&& m) {
          // A run of more than one message: its heap, faulted in at once (base/heap.h).
          if (++messages == 2) PopulateHeap(kRunHeapBytes);
          mime::DecodeResult result = mime::DecodeBounce(m.raw);
          if (result.malformed) {
            // One write for the line: standard error is unbuffered, and a line written in
            // pieces can interleave with another process's output to the same terminal or log.
            ctx.err << ("bouncescan: " + m.source + ": malformed message skipped: " +
                        (result.problems.empty() ? std::string("unreadable") : result.problems.front()) + "\n");
            rc = kExitPartial;
            return;
          }
          if (json) {
            line.clear();
            AppendClassifyJson(m.source, result, rule_set, &line);
            line.push_back('\n');
            ctx.out.write(line.data(), static_cast<std::streamsize>(line.size()));
          } else {
            PrintTableRow(ctx.out, m.source, result, rule_set);
          }
        },
        &problems, read_options);
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
