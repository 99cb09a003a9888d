// The compiled form of the rules: every table entry and user rule, with its decision-order
// row, parsed status range and phrase id, plus one PhraseMatcher over all phrases (the
// rules' and the context tables' command and gave-up words, so one pass over a diagnostic
// serves every question asked of its words).
//
// A compiled set is flat arrays without pointers (RuleSetTables): the built-in set is
// compiled when bouncescan is built (rules/generate_built_in.cc writes the arrays out as
// C++) and used in place, so a process does not spend its start compiling some six hundred
// rules; a set with the user's rules.toml is compiled at start into arrays of its own.
//
// Internal to rules/ (judge.cc, rule_file.cc, explain). Immutable once built; shared
// between threads through std::shared_ptr<const RuleSet>. No I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
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

// `size` bytes at `at` of a rule set's text (RuleSetTables::text).
struct TextRef {
  std::uint32_t at = 0;
  std::uint32_t size = 0;
  bool empty() const { return size == 0; }
};

struct CompiledRule {
  TextRef id;
  TextRef status;
  TextRef status_last;
  TextRef reply_code;
  TextRef phrase;    // normalized (NormalizeForMatch)
  TextRef rhost;     // normalized
  TextRef decoder;
  TextRef category;  // normalized
  TextRef fix;       // resolved: the rule's own or the reason's default
  TextRef source;
  Reason reason = Reason::kUndefined;
  Fixer fixer = Fixer::kNone;  // resolved likewise
  bool user = false;           // from rules.toml: the kUser row of the decision order
  Tier tier = Tier::kGenericReply;
  std::int16_t rank = 0;  // index of `tier` in kDecisionOrder
  // Status range; klass 0 means "X": class 4 and 5 alike.
  bool has_status = false;
  std::int8_t klass = 0;
  std::int16_t subject = 0;
  std::int16_t detail_first = 0;
  std::int16_t detail_last = 0;
  std::int32_t phrase_id = -1;  // into the PhraseMatcher; -1 when the rule has no phrase
  std::uint32_t order = 0;      // position in the tables, for ties
};

// A candidate list of the index behind CompiledRuleSet::Decide: lists[begin, end) of
// RuleSetTables, by_rank positions in ascending order.
struct RuleList {
  TextRef key;             // decoder, category or reply code
  std::int32_t number = 0;  // status subject
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Everything a compiled rule set consists of. A literal type: the built-in one is constant
// data (BuiltInRuleTables()).
struct RuleSetTables {
  std::string_view text;                  // every rule's strings, one after another
  std::span<const CompiledRule> rules;    // table order
  // Indexes into `rules` by decision-order row, table order within a row: Decide stops at
  // the first row below the best match so far.
  std::span<const std::uint32_t> by_rank;
  std::uint32_t rule_phrases = 0;  // matcher ids below this are the rules' phrases
  // The index: every rule is filed under one thing it requires (its phrase, else decoder,
  // category, status subject, reply code, else its host alone), so the rules not looked up
  // cannot match.
  std::span<const std::uint32_t> lists;      // the candidate lists, one after another
  std::span<const std::uint32_t> by_phrase;  // per rule phrase id, where its list starts; one more entry ends the last
  std::span<const RuleList> by_decoder;
  std::span<const RuleList> by_category;
  std::span<const RuleList> by_subject;  // status rules without phrase
  std::span<const RuleList> by_reply;
  RuleList rhost_only;                   // rules that require nothing but the host
  PhraseMatcher::Tables matcher;         // rule phrases, then tables::kCommandPhrases, then tables::kGaveUpPhrases
};

// The built-in set, compiled at build time (the generated built_in_tables.cc).
const RuleSetTables& BuiltInRuleTables();

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
  // A set over tables that outlive it (BuiltInRuleTables()).
  explicit CompiledRuleSet(const RuleSetTables& tables) : t_(tables), matcher_(tables.matcher) {}
  CompiledRuleSet(const CompiledRuleSet&) = delete;
  CompiledRuleSet& operator=(const CompiledRuleSet&) = delete;

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
  std::span<const CompiledRule> rules() const { return t_.rules; }
  // A rule's string.
  std::string_view Text(TextRef ref) const { return std::string_view(t_.text.data() + ref.at, ref.size); }
  const RuleSetTables& tables() const { return t_; }

  // Every built-in table, in table order.
  static std::vector<RuleSpec> BuiltInSpecs();

 private:
  struct Storage;

  CompiledRuleSet(std::shared_ptr<const Storage> storage, const RuleSetTables& tables, PhraseMatcher matcher);
  // Positions in by_rank of the rules that may match `facts`.
  void Candidates(const Facts& facts, const TextMatches& matches, std::vector<std::uint32_t>* out) const;

  std::shared_ptr<const Storage> storage_;  // what t_ points into, when compiled at run time
  RuleSetTables t_;
  PhraseMatcher matcher_;
};

// Checks one spec as Build would. Errors are kInvalidArgument with a message that does not
// name the file (the caller adds path:line).
Status CheckRule(RuleSpec spec);

}  // namespace bouncescan::rules
