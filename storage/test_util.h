// Helpers shared by storage/ tests: a temporary directory and ScanRecord builders.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "storage/database.h"

namespace bouncescan::storage::testing {

// A fresh directory under $TMPDIR, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "bouncescan-test-XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    path_ = p ? p : "";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// One recipient failure and the verdict the rules gave it.
struct Failure {
  std::string address;
  rules::Reason reason = rules::Reason::kUserUnknown;
  bool hard = true;
  bool suppress = true;
  rules::Fixer fixer = rules::Fixer::kSender;
  std::string action = "failed";
  std::string status = "5.1.1";
};

inline ScanRecord MakeRecord(const std::string& identity, std::vector<Failure> failures,
                             mime::ReportKind kind = mime::ReportKind::kDsn, const std::string& date = "") {
  ScanRecord r;
  r.identity = identity;
  r.fallback_identity = identity;
  r.source = "test/" + identity;
  r.report.kind = kind;
  r.report.decoder = "test";
  r.report.date = date;
  r.report.subject = "Undelivered Mail Returned to Sender";
  r.report.original.message_id = "orig-" + identity + "@example.com";
  r.report.original.subject = "Invoice";
  for (const Failure& f : failures) {
    // Filled in place: GCC 12 warns (wrongly) about a local RecipientRecord copied in.
    mime::RecipientRecord& rec = r.report.recipients.emplace_back();
    rec.final_recipient = f.address;
    rec.action = f.action;
    rec.status = f.status;
    rec.diagnostic_code = "test diagnostic";
    rules::Verdict v;
    v.reason = f.reason;
    v.hard = f.hard;
    v.suppress = f.suppress;
    v.fixer = f.fixer;
    v.rule = "test";
    r.verdicts.push_back(v);
  }
  return r;
}

}  // namespace bouncescan::storage::testing
