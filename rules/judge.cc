#include "rules/judge.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "rules/codes.h"
#include "rules/derive.h"
#include "rules/rule_set.h"

namespace bouncescan::rules {
namespace {

const CompiledRuleSet& Compiled(const RuleSet& rules) { return static_cast<const CompiledRuleSet&>(rules); }

// A verdict decided by the kind of report or the DSN action rather than by a rule table.
Verdict Fixed(Reason reason, Fixer fixer, std::string_view fix, std::string_view rule) {
  Verdict v;
  v.reason = reason;
  v.fixer = fixer;
  v.fix = fix;
  v.rule = rule;
  v.hard = false;
  v.suppress = ShouldSuppress(reason, false);
  return v;
}

std::string HostOf(std::string_view remote_mta) {
  std::string h = NormalizeForMatch(remote_mta);
  // "dns; mx.example.com" (RFC 3464 MTA-name-type) and "[192.0.2.1]".
  if (std::size_t semi = h.find(';'); semi != std::string::npos) h.erase(0, h.find_first_not_of(' ', semi + 1));
  if (std::size_t space = h.find(' '); space != std::string::npos) h.resize(space);
  while (!h.empty() && (h.back() == '.' || h.back() == ']')) h.pop_back();
  if (!h.empty() && h.front() == '[') h.erase(0, 1);
  return h;
}

Verdict Decide(const Facts& facts, std::string_view action, const CompiledRuleSet& rules) {
  Verdict v;
  const CompiledRule* rule = rules.Decide(facts);
  if (rule) {
    v.reason = rule->spec.reason;
    v.fixer = rule->fixer;
    v.fix = rule->fix;
    v.rule = rule->spec.id;
  } else {
    // Nothing known matched: a failure of unknown cause.
    bool anything = facts.status || !facts.reply_code.empty() || !facts.text.empty();
    v.reason = anything ? Reason::kOnHold : Reason::kUndefined;
    v.fixer = Fixer::kNone;
    v.fix = "read-the-reply";
    v.rule = anything ? "fallback-onhold" : "fallback-undefined";
  }
  HardContext context;
  context.status_class = facts.status ? facts.status->klass : 0;
  context.reply_class = facts.reply_code.empty() ? 0 : facts.reply_code[0] - '0';
  context.action = action;
  v.hard = IsHard(v.reason, context);
  v.suppress = ShouldSuppress(v.reason, v.hard);
  return v;
}

}  // namespace

std::shared_ptr<const RuleSet> RuleSet::BuiltIn() {
  static const std::shared_ptr<const RuleSet> built_in = [] {
    Result<std::shared_ptr<const CompiledRuleSet>> r = CompiledRuleSet::Build(CompiledRuleSet::BuiltInSpecs());
    // The built-in tables are checked by rules/tables_test.cc; failing here is a bug.
    if (!r.ok()) {
      std::fprintf(stderr, "bouncescan: built-in rules are broken: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return std::shared_ptr<const RuleSet>(std::move(r).value());
  }();
  return built_in;
}

Verdict Judge(const mime::BounceReport& report, const mime::RecipientRecord& recipient, const RuleSet& rules) {
  switch (report.kind) {
    case mime::ReportKind::kAutoreply:
      return Fixed(Reason::kVacation, Fixer::kNone, "nothing-to-do", "kind-autoreply");
    case mime::ReportKind::kFeedback:
      return Fixed(Reason::kFeedback, Fixer::kSender, "stop-mailing", "kind-feedback");
    default:
      break;
  }
  std::string action = NormalizeForMatch(recipient.action);
  if (action == "delivered" || action == "relayed" || action == "expanded") {
    return Fixed(Reason::kDelivered, Fixer::kNone, "nothing-to-do", "action-" + action);
  }
  Facts facts;
  facts.status_text = recipient.status;
  facts.status = ParseStatusCode(recipient.status);
  if (!facts.status) {
    facts.status_text = FindStatusInText(recipient.diagnostic_code);
    facts.status = ParseStatusCode(facts.status_text);
  }
  facts.reply_code = recipient.reply_code.empty() ? FindReplyInText(recipient.diagnostic_code) : recipient.reply_code;
  facts.text = NormalizeForMatch(recipient.diagnostic_code);
  facts.rhost = HostOf(recipient.remote_mta);
  return Decide(facts, action, Compiled(rules));
}

Verdict JudgeText(std::string_view code_or_text, const RuleSet& rules) {
  Facts facts;
  facts.status_text = FindStatusInText(code_or_text);
  facts.status = ParseStatusCode(facts.status_text);
  facts.reply_code = FindReplyInText(code_or_text);
  facts.text = NormalizeForMatch(code_or_text);
  return Decide(facts, "", Compiled(rules));
}

std::optional<RuleInfo> DescribeRule(std::string_view rule_id, const RuleSet& rules) {
  if (const CompiledRule* r = Compiled(rules).Find(rule_id)) {
    std::string_view row;
    for (const tables::TierRow& t : tables::kDecisionOrder) {
      if (t.tier == r->tier) row = t.name;
    }
    return RuleInfo{r->spec.id, r->spec.source, std::string(row)};
  }
  // Decisions that no table holds (Judge above).
  struct Fixed {
    std::string_view id, source, row;
  };
  static constexpr Fixed kFixedRules[] = {
      {"kind-autoreply", "RFC 3834 automatic response (decoded by mime/)", "kind of report"},
      {"kind-feedback", "RFC 5965 ARF feedback report (decoded by mime/)", "kind of report"},
      {"action-delivered", "RFC 3464 2.3.3 Action: delivered", "DSN action"},
      {"action-relayed", "RFC 3464 2.3.3 Action: relayed", "DSN action"},
      {"action-expanded", "RFC 3464 2.3.3 Action: expanded", "DSN action"},
      {"fallback-onhold", "no rule matched a failure that carries a code or text", "fallback"},
      {"fallback-undefined", "the failure carries no code and no text", "fallback"},
  };
  for (const Fixed& f : kFixedRules) {
    if (f.id == rule_id) return RuleInfo{std::string(f.id), std::string(f.source), std::string(f.row)};
  }
  return std::nullopt;
}

}  // namespace bouncescan::rules
