// The compiled form of the rules: every table entry and user rule, with its decision-order
// row, parsed status range and phrase id, plus one PhraseMatcher over all phrases (the
// rules' and the context tables' command and gave-up words, so one pass over a diagnostic
// serves every question asked of its words).
//
// Internal to rules/ (judge.cc, rule_file.cc, explain). Immutable once built; shared
// between threads through std::shared_ptr<const RuleSet>. No I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "rules/codes.h"
#include "rules/judge.h"
#include "rules/phrase_matcher.h"
#include "rules/rule.h"
#include "rules/tables/decision_order.h"

namespace bouncescan::rules {

// A Rule with owned strings (user rules are read from a file).
struct RuleSpec {
  std::string id;
  std::string status;
  std::string status_last;
  std::string reply_code;
  std::string phrase;
  std::string rhost;
  std::string decoder;
  std::string category;
  Reason reason = Reason::kUndefined;
  std::optional<Fixer> fixer;
  std::string fix;
  Strength strength = Strength::kSpecific;
  std::string source;
  bool user = false;  // from rules.toml: the kUser row of the decision order

  static RuleSpec From(const Rule& rule);
};

struct CompiledRule {
  RuleSpec spec;
  Tier tier = Tier::kGenericReply;
  int rank = 0;  // index of `tier` in kDecisionOrder
  // Status range; klass 0 means "X": class 4 and 5 alike.
  bool has_status = false;
  int klass = 0;
  int subject = 0;
  int detail_first = 0;
  int detail_last = 0;
  int phrase_id = -1;  // into the PhraseMatcher; -1 when the rule has no phrase
  Fixer fixer = Fixer::kNone;  // resolved: the rule's own or the reason's default
  std::string fix;             // resolved likewise
  std::size_t order = 0;       // position in the tables, for ties
};

// What Judge knows about one recipient, computed once.
struct Facts {
  std::optional<StatusCode> status;
  std::string status_text;  // as given, for the verdict
  std::string reply_code;
  std::string text;   // NormalizeForMatch(diagnostic)
  std::string rhost;  // remote MTA, lowercase, without brackets
  std::string command;          // SMTP command that failed, lowercase ("rcpt", "data")
  std::string diagnostic_type;  // "smtp", "x-unix", lowercase
  std::string decoder;          // BounceReport::decoder
  std::string category;         // RecipientRecord::bounce_category, lowercase
  bool gave_up = false;         // the text holds words of tables::kGaveUpPhrases
};

// What one pass of a CompiledRuleSet's matcher found in a Facts::text. Reused from one
// recipient to the next (thread_local in judge.cc) so that judging allocates nothing for it.
struct TextMatches {
  std::vector<std::uint32_t> found;  // per matcher phrase id: 1 + first start, or 0
  std::vector<std::uint32_t> hits;   // the ids with found != 0, in the order first seen
};

class CompiledRuleSet final : public RuleSet {
 public:
  // Validates and compiles; an error names the offending rule's id.
  static Result<std::shared_ptr<const CompiledRuleSet>> Build(std::vector<RuleSpec> specs);

  // Every phrase of the rules and of the context tables in `text` (Facts::text), one pass.
  void MatchText(std::string_view text, TextMatches* matches) const;
  // The command of the earliest tables::kCommandPhrases phrase in the matched text (the
  // first listed on ties), or empty.
  std::string_view CommandIn(const TextMatches& matches) const;
  // Whether the matched text holds one of tables::kGaveUpPhrases.
  bool GaveUpIn(const TextMatches& matches) const;

  // The matching rule that comes first in the decision order; nullptr when none matches.
  // REQUIRES: `matches` is MatchText(facts.text).
  const CompiledRule* Decide(const Facts& facts, const TextMatches& matches) const;
  // The rule of that id, or nullptr.
  const CompiledRule* Find(std::string_view id) const;
  const std::vector<CompiledRule>& rules() const { return rules_; }

  // Every built-in table, in table order.
  static std::vector<RuleSpec> BuiltInSpecs();

 private:
  CompiledRuleSet(std::vector<CompiledRule> rules, std::vector<std::string> phrases);
  static std::vector<std::string> WithContextPhrases(std::vector<std::string> phrases);
  // Positions in by_rank_ of the rules that may match `facts`: every rule is filed under
  // one thing it requires (its phrase, else decoder, category, status subject, reply code),
  // so the rules not looked up here cannot match.
  void Candidates(const Facts& facts, const TextMatches& matches, std::vector<std::uint32_t>* out) const;

  std::vector<CompiledRule> rules_;
  // rules_ by decision-order row, table order within a row: Decide stops at the first row
  // below the best match so far.
  std::vector<const CompiledRule*> by_rank_;
  std::size_t rule_phrases_ = 0;  // matcher ids below this are the rules' phrases
  PhraseMatcher matcher_;         // then tables::kCommandPhrases, then tables::kGaveUpPhrases
  // The index behind Candidates: by_rank_ positions, ascending in each list.
  std::vector<std::vector<std::uint32_t>> by_phrase_;  // per rule phrase id
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> by_decoder_;
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> by_category_;
  std::vector<std::pair<int, std::vector<std::uint32_t>>> by_subject_;  // status rules without phrase
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> by_reply_;
  std::vector<std::uint32_t> by_rhost_only_;  // rules that require nothing but the host
};

// Checks one spec and computes its row, status range, fixer and fix. Errors are
// kInvalidArgument with a message that does not name the file (the caller adds path:line).
Result<CompiledRule> CompileRule(RuleSpec spec);

}  // namespace bouncescan::rules
