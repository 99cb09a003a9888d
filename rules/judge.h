// Judge: a Verdict for one recipient record of a BounceReport.
//
// The built-in rules are data tables (rules/tables/*.h, each entry citing its source);
// users may add or override rules with rules.toml (LoadRuleFile). Pure: no I/O except in
// LoadRuleFile, which only reads the file it is given. A RuleSet is immutable once built
// and may be shared between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "mime/bounce_report.h"
#include "rules/verdict.h"

namespace bouncescan::rules {

class RuleSet {
 public:
  // The built-in rules only.
  static std::shared_ptr<const RuleSet> BuiltIn();
  virtual ~RuleSet() = default;

 protected:
  RuleSet() = default;
};

// Built-in rules plus the user's file. A missing file is not an error (returns BuiltIn());
// a bad one is kInvalidArgument naming "path:line".
Result<std::shared_ptr<const RuleSet>> LoadRuleFile(const std::string& path);

// The verdict for `recipient`, one of report.recipients.
Verdict Judge(const mime::BounceReport& report, const mime::RecipientRecord& recipient,
              const RuleSet& rules);

// The verdict for a bare status code or pasted diagnostic line (for `explain`).
Verdict JudgeText(std::string_view code_or_text, const RuleSet& rules);

// Where a rule comes from and which row of the decision order it sits in, for `explain`
// and for the digest's "why". Rules decided by the report's kind ("kind-autoreply") or by
// the fallback ("fallback-onhold") are described too.
struct RuleInfo {
  std::string id;
  std::string source;  // RFC section, vendor page, seed case, or "path:line" of rules.toml
  std::string row;     // "specific status code", "phrase", ... (rules/tables/decision_order.h)
};
// nullopt for an id that no rule has.
std::optional<RuleInfo> DescribeRule(std::string_view rule_id, const RuleSet& rules);

enum class Language { kEnglish, kVietnamese };
// The suggested fix for a Verdict::fix key, in plain words; empty for an unknown key.
std::string_view FixText(std::string_view fix_key, Language language);

}  // namespace bouncescan::rules
