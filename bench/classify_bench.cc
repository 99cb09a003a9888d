// classify_bench: in-process classification throughput, without process start-up, file
// reading or JSON output: mime::DecodeBounce + rules::Judge for every recipient.
//
//   build/bench/classify_bench [--min-seconds S] PATH...
//
// Loads every message under PATH (scanner::ForEachLocalMessage: .eml, mbox, Maildir) into
// memory once, then classifies the whole set repeatedly until S seconds (default 3) have
// passed, and prints one line (seconds: wall clock; cpu_seconds: this process's CPU time):
//   in-process messages=N bytes=B passes=P seconds=T cpu_seconds=C msgs_per_s=X mb_per_s=Y ...
// A benchmark, not a test: run by bench/run-classify-bench; figures go to BENCHMARKS.md.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "mime/decode.h"
#include "rules/judge.h"
#include "scanner/local_source.h"

namespace {

namespace mime = bouncescan::mime;
namespace rules = bouncescan::rules;
namespace scanner = bouncescan::scanner;

struct Tally {
  std::size_t bounces = 0;     // messages whose kind is not "none"
  std::size_t recipients = 0;  // verdicts made
  std::size_t suppress = 0;    // verdicts that suppress (also keeps the work observable)
};

// Classifies every message once.
Tally ClassifyAll(const std::vector<std::string>& messages, const rules::RuleSet& rule_set) {
  Tally tally;
  for (const std::string& raw : messages) {
    mime::DecodeResult result = mime::DecodeBounce(raw);
    if (result.report.kind != mime::ReportKind::kNone) ++tally.bounces;
    for (const mime::RecipientRecord& r : result.report.recipients) {
      rules::Verdict verdict = rules::Judge(result.report, r, rule_set);
      ++tally.recipients;
      if (verdict.suppress) ++tally.suppress;
    }
  }
  return tally;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 3.0;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--min-seconds" && i + 1 < argc) {
      min_seconds = std::atof(argv[++i]);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: classify_bench [--min-seconds S] PATH...\n");
    return 2;
  }
  std::vector<std::string> messages;
  std::size_t bytes = 0;
  for (const std::string& path : paths) {
    std::vector<std::string> problems;
    bouncescan::Status status = scanner::ForEachLocalMessage(
        path,
        [&](scanner::LocalMessage&& m) {
          bytes += m.raw.size();
          messages.emplace_back(m.raw);
        },
        &problems);
    if (!status.ok()) {
      std::fprintf(stderr, "classify_bench: %s: %s\n", path.c_str(), status.ToString().c_str());
    }
  }
  if (messages.empty()) {
    std::fprintf(stderr, "classify_bench: no messages\n");
    return 1;
  }
  auto rule_set = rules::RuleSet::BuiltIn();
  using Clock = std::chrono::steady_clock;
  std::size_t passes = 0;
  Tally tally;
  std::clock_t cpu_start = std::clock();
  Clock::time_point start = Clock::now();
  double seconds = 0;
  do {
    tally = ClassifyAll(messages, *rule_set);
    ++passes;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (seconds < min_seconds);
  double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  double n = static_cast<double>(messages.size() * passes);
  std::printf("in-process messages=%zu bytes=%zu passes=%zu seconds=%.3f cpu_seconds=%.3f msgs_per_s=%.0f "
              "mb_per_s=%.1f "
              "bounces=%zu recipients=%zu suppress=%zu\n",
              messages.size(), bytes, passes, seconds, cpu_seconds, n / seconds,
              static_cast<double>(bytes * passes) / seconds / 1e6, tally.bounces, tally.recipients,
              tally.suppress);
  return 0;
}
