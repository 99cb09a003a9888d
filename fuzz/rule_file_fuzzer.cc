// Fuzz target: the user rules file loader, rules::LoadRuleFile (rules.toml), then Judge
// with the loaded set so that whatever a file can express is also exercised.
//
// LoadRuleFile reads a path, so each input is written to one private temporary file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_check.h"
#include "mime/bounce_report.h"
#include "rules/judge.h"

using bouncescan::fuzz::Check;

namespace {

const std::string& RuleFilePath() {
  static const std::string path = [] {
    std::string tmpl = "/tmp/bouncescan-rule-fuzz-XXXXXX";
    int fd = mkstemp(tmpl.data());
    Check(fd >= 0, "a temporary file can be made");
    close(fd);
    return tmpl;
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace mime = bouncescan::mime;
  namespace rules = bouncescan::rules;
  const std::string& path = RuleFilePath();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  Check(f != nullptr, "the temporary file opens");
  Check(std::fwrite(data, 1, size, f) == size, "the input is written");
  std::fclose(f);
  auto loaded = rules::LoadRuleFile(path);
  if (!loaded.ok()) {
    Check(!loaded.status().message().empty(), "a bad rule file gets a message");
    return 0;
  }
  mime::BounceReport report;
  report.kind = mime::ReportKind::kDsn;
  mime::RecipientRecord r;
  r.final_recipient = "binh@example.org";
  r.action = "failed";
  for (const char* status : {"5.1.1", "4.2.2", "5.7.26", "", "5.9.999"}) {
    r.status = status;
    r.reply_code = status[0] == '4' ? "452" : "550";
    r.diagnostic_code = std::string(r.reply_code) + " " + status + " mailbox unavailable, blocked by policy";
    r.remote_mta = "mx.example.net";
    (void)rules::Judge(report, r, **loaded);
  }
  (void)rules::JudgeText("550 5.1.1 user unknown", **loaded);
  return 0;
}
