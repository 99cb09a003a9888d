#include "rules/judge.h"

#include <string>

#include "rules/codes.h"
#include "rules/derive.h"
#include "rules/rule_set.h"
#include "rules/tables/context.h"
#include "rules/tables/reason_defaults.h"

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

// The reason's usual fixer and fix (rules/tables/reason_defaults.h).
void ApplyDefaults(Reason reason, std::optional<Fixer> fixer, std::string_view fix, Verdict* v) {
  v->fixer = Fixer::kNone;
  v->fix = "read-the-reply";
  for (const tables::ReasonDefault& d : tables::kReasonDefaults) {
    if (d.reason == reason) {
      v->fixer = d.fixer;
      v->fix = d.fix;
    }
  }
  if (fixer) v->fixer = *fixer;
  if (!fix.empty()) v->fix = fix;
}

bool IsPhraseTier(const CompiledRule* rule) {
  return rule != nullptr && (rule->tier == Tier::kSpecificPhrase || rule->tier == Tier::kGenericPhrase);
}

bool Holds(tables::When when, const Facts& facts, std::string_view action, const CompiledRule* rule) {
  int klass = facts.status ? facts.status->klass : (facts.reply_code.empty() ? 0 : facts.reply_code[0] - '0');
  switch (when) {
    case tables::When::kGaveUpNoAnswer:
      return action == "failed" && klass == 4 && facts.status && facts.status->subject == 4 &&
             facts.status->detail == 1;
    case tables::When::kTransient:
      return klass == 4;
    case tables::When::kAtConnect:
      return facts.command == "conn" || facts.command == "connect" || facts.command == "helo" ||
             facts.command == "ehlo";
    case tables::When::kAtMailFrom:
      return facts.command == "mail";
    case tables::When::kAtData:
      // RFC 3463 3.2: X.1.x is about the address itself; a server that says so at DATA
      // (LMTP-style per-recipient replies) still means the mailbox does not exist.
      // A provider's own words with their code are more precise than the stage.
      return (facts.command == "data" || facts.command == "bdat") && !(facts.status && facts.status->subject == 1) &&
             !(rule != nullptr && (rule->tier == Tier::kProvider || rule->tier == Tier::kStatusPhrase));
    case tables::When::kOtherStatusNotAtRcpt:
      return IsPhraseTier(rule) && facts.command != "rcpt" && facts.status &&
             (facts.status->subject == 3 || facts.status->subject == 7);
    case tables::When::kDelayed:
      return action == "delayed";
    case tables::When::kDelayedBareReply:
      return action == "delayed" && rule != nullptr && rule->tier == Tier::kGenericReply;
    case tables::When::kGaveUpWords:
      return facts.gave_up;
    case tables::When::kGatewayNoStage: {
      bool gateway = false;
      for (const tables::FilteringGateway& g : tables::kFilteringGateways) gateway |= g.decoder == facts.decoder;
      return gateway && IsPhraseTier(rule) && facts.command != "rcpt" && !(facts.status && facts.status->subject == 1);
    }
    case tables::When::kDisabledNotAtRcpt:
      return IsPhraseTier(rule) && facts.command != "rcpt" && facts.status && facts.status->subject == 2 &&
             facts.status->detail == 1;
    case tables::When::kMailboxOther:
      return facts.status && facts.status->subject == 2 && facts.status->detail == 0;
  }
  return false;
}

Verdict Decide(const Facts& facts, const TextMatches& matches, std::string_view action,
               const CompiledRuleSet& rules) {
  Verdict v;
  const CompiledRule* rule = rules.Decide(facts, matches);
  // RFC 3464 2.3.6: an X-Unix diagnostic is a local delivery program's exit status; what the
  // program printed still wins when it says something specific ("Disk quota exceeded").
  if (facts.diagnostic_type == "x-unix" && (!rule || rule->rank >= tables::RankOf(Tier::kGenericStatus))) {
    ApplyDefaults(Reason::kMailerError, {}, {}, &v);
    v.reason = Reason::kMailerError;
    v.rule = "type-x-unix";
  } else if (rule) {
    v.reason = rule->reason;
    v.fixer = rule->fixer;
    v.fix = rules.Text(rule->fix);
    v.rule = rules.Text(rule->id);
  } else {
    // Nothing known matched: a failure of unknown cause.
    bool anything = facts.status || !facts.reply_code.empty() || !facts.text.empty();
    v.reason = anything ? Reason::kOnHold : Reason::kUndefined;
    v.fixer = Fixer::kNone;
    v.fix = "read-the-reply";
    v.rule = anything ? "fallback-onhold" : "fallback-undefined";
  }
  if (!rule || rule->tier != Tier::kUser) {
    for (const tables::ContextRule& c : tables::kContextRules) {
      if (c.from == v.reason && Holds(c.when, facts, action, rule)) {
        v.reason = c.to;
        ApplyDefaults(c.to, c.fixer, c.fix, &v);
        v.rule = c.id;
      }
    }
  }
  HardContext context;
  context.status_class = facts.status ? facts.status->klass : 0;
  context.reply_class = facts.reply_code.empty() ? 0 : facts.reply_code[0] - '0';
  context.action = action;
  v.hard = IsHard(v.reason, context);
  v.suppress = ShouldSuppress(v.reason, v.hard);
  return v;
}

// Matches the text once for the rules and the context tables, then decides. Fills in the
// command from the text's words when the record did not name it.
Verdict Decide(Facts* facts, std::string_view action, const CompiledRuleSet& rules) {
  // Kept from one recipient to the next: the match vectors are the size of the phrase list.
  thread_local TextMatches matches;
  rules.MatchText(facts->text, &matches);
  if (facts->command.empty()) facts->command = rules.CommandIn(matches);
  facts->gave_up = rules.GaveUpIn(matches);
  return Decide(*facts, matches, action, rules);
}

}  // namespace

std::shared_ptr<const RuleSet> RuleSet::BuiltIn() {
  // Compiled when bouncescan was built (BuiltInRuleTables); never destroyed.
  static const auto* const built_in =
      new std::shared_ptr<const RuleSet>(std::make_shared<const CompiledRuleSet>(BuiltInRuleTables()));
  return *built_in;
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
  NormalizeForMatch(recipient.diagnostic_code, &facts.text);
  StripContinuationCodes(facts.reply_code, facts.status_text, &facts.text);
  facts.rhost = HostOf(recipient.remote_mta);
  if (facts.rhost.empty()) {
    // The report does not name the refusing host: the recipient's domain is where it was going.
    std::string address = NormalizeForMatch(recipient.final_recipient);
    if (std::size_t at = address.rfind('@'); at != std::string::npos) facts.rhost = address.substr(at + 1);
  }
  facts.decoder = report.decoder;
  facts.category = NormalizeForMatch(recipient.bounce_category);
  facts.command = NormalizeForMatch(recipient.smtp_command);
  if (facts.command == "mail from" || facts.command == "mail_from") facts.command = "mail";
  if (facts.command == "rcpt to" || facts.command == "rcpt_to") facts.command = "rcpt";
  facts.diagnostic_type = NormalizeForMatch(recipient.diagnostic_type);
  return Decide(&facts, action, Compiled(rules));
}

Verdict JudgeText(std::string_view code_or_text, const RuleSet& rules) {
  Facts facts;
  facts.status_text = FindStatusInText(code_or_text);
  facts.status = ParseStatusCode(facts.status_text);
  facts.reply_code = FindReplyInText(code_or_text);
  NormalizeForMatch(code_or_text, &facts.text);
  StripContinuationCodes(facts.reply_code, facts.status_text, &facts.text);
  return Decide(&facts, "", Compiled(rules));
}

std::optional<RuleInfo> DescribeRule(std::string_view rule_id, const RuleSet& rules) {
  const CompiledRuleSet& set = Compiled(rules);
  if (const CompiledRule* r = set.Find(rule_id)) {
    std::string_view row;
    for (const tables::TierRow& t : tables::kDecisionOrder) {
      if (t.tier == r->tier) row = t.name;
    }
    return RuleInfo{std::string(set.Text(r->id)), std::string(set.Text(r->source)), std::string(row)};
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
      {"type-x-unix", "RFC 3464 2.3.6 Diagnostic-Code type X-Unix: a local delivery program's exit status", "diagnostic type"},
      {"fallback-onhold", "no rule matched a failure that carries a code or text", "fallback"},
      {"fallback-undefined", "the failure carries no code and no text", "fallback"},
  };
  for (const tables::ContextRule& c : tables::kContextRules) {
    if (c.id == rule_id) return RuleInfo{std::string(c.id), std::string(c.source), "context rule"};
  }
  for (const Fixed& f : kFixedRules) {
    if (f.id == rule_id) return RuleInfo{std::string(f.id), std::string(f.source), std::string(f.row)};
  }
  return std::nullopt;
}

}  // namespace bouncescan::rules
