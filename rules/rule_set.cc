#include "rules/rule_set.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "rules/codes.h"
#include "rules/tables/categories.h"
#include "rules/tables/context.h"
#include "rules/tables/decoders.h"
#include "rules/tables/office365.h"
#include "rules/tables/phrases.h"
#include "rules/tables/reason_defaults.h"
#include "rules/tables/reply_codes.h"
#include "rules/tables/rhosts.h"
#include "rules/tables/status_codes.h"

namespace bouncescan::rules {
namespace {

int RankOf(Tier tier) {
  for (std::size_t i = 0; i < tables::kDecisionOrder.size(); ++i) {
    if (tables::kDecisionOrder[i].tier == tier) return static_cast<int>(i);
  }
  return static_cast<int>(tables::kDecisionOrder.size());
}

// The row of the decision order a rule belongs to follows from what it matches on.
Tier TierOf(const RuleSpec& s) {
  if (s.user) return Tier::kUser;
  if (!s.decoder.empty()) return Tier::kDecoder;
  if (!s.category.empty()) return Tier::kCategory;
  if (!s.rhost.empty()) return Tier::kProvider;
  bool code = !s.status.empty() || !s.reply_code.empty();
  if (code && !s.phrase.empty()) return Tier::kStatusPhrase;
  bool specific = s.strength == Strength::kSpecific;
  if (!s.status.empty()) return specific ? Tier::kSpecificStatus : Tier::kGenericStatus;
  if (!s.phrase.empty()) return specific ? Tier::kSpecificPhrase : Tier::kGenericPhrase;
  return specific ? Tier::kSpecificReply : Tier::kGenericReply;
}

// "5.7.1" -> class 5; "X.7.1" -> class 0 (any).
bool ParsePattern(std::string_view text, int* klass, int* subject, int* detail) {
  std::string copy(text);
  *klass = 0;
  if (!copy.empty() && (copy[0] == 'X' || copy[0] == 'x')) copy[0] = '5';
  else if (!copy.empty()) *klass = copy[0] - '0';
  std::optional<StatusCode> code = ParseStatusCode(copy);
  if (!code) return false;
  *subject = code->subject;
  *detail = code->detail;
  return true;
}

const tables::ReasonDefault* DefaultFor(Reason reason) {
  for (const tables::ReasonDefault& d : tables::kReasonDefaults) {
    if (d.reason == reason) return &d;
  }
  return nullptr;
}

}  // namespace

RuleSpec RuleSpec::From(const Rule& r) {
  RuleSpec s;
  s.id = r.id;
  s.status = r.status;
  s.status_last = r.status_last;
  s.reply_code = r.reply_code;
  s.phrase = r.phrase;
  s.rhost = r.rhost;
  s.decoder = r.decoder;
  s.category = r.category;
  s.reason = r.reason;
  s.fixer = r.fixer;
  s.fix = r.fix;
  s.strength = r.strength;
  s.source = r.source;
  return s;
}

namespace {

// NormalizeForMatch(*s), without a new string when it is already normalized (the built-in
// tables are written that way).
void Normalize(std::string* s) {
  bool done = s->empty() || (s->front() != ' ' && s->back() != ' ');
  for (std::size_t i = 0; done && i < s->size(); ++i) {
    const char c = (*s)[i];
    done = !(c >= 'A' && c <= 'Z') && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
           !(c == ' ' && (*s)[i + 1] == ' ');
  }
  if (!done) *s = NormalizeForMatch(*s);
}

// CompileRule, into a CompiledRule that the caller has placed where it is to stay: the
// built-in set compiles some two thousand rules at every start, and each move of a rule
// moves a dozen strings.
Status CompileInto(RuleSpec&& spec, CompiledRule* out) {
  CompiledRule& c = *out;
  c.spec = std::move(spec);
  Normalize(&c.spec.phrase);
  Normalize(&c.spec.rhost);
  Normalize(&c.spec.category);
  if (c.spec.id.empty()) return Status::InvalidArgument("rule has no id");
  if (c.spec.status.empty() && c.spec.reply_code.empty() && c.spec.phrase.empty() && c.spec.rhost.empty() &&
      c.spec.decoder.empty() && c.spec.category.empty()) {
    return Status::InvalidArgument("rule " + c.spec.id + " matches nothing: give status, reply_code or phrase");
  }
  if (!c.spec.status.empty()) {
    c.has_status = true;
    if (!ParsePattern(c.spec.status, &c.klass, &c.subject, &c.detail_first)) {
      return Status::InvalidArgument("rule " + c.spec.id + ": \"" + c.spec.status +
                                     "\" is not an enhanced status code like 5.1.1 or X.1.1");
    }
    c.detail_last = c.detail_first;
    if (!c.spec.status_last.empty()) {
      int k = 0, subj = 0;
      if (!ParsePattern(c.spec.status_last, &k, &subj, &c.detail_last) || k != c.klass || subj != c.subject ||
          c.detail_last < c.detail_first) {
        return Status::InvalidArgument("rule " + c.spec.id + ": status range " + c.spec.status + "-" +
                                       c.spec.status_last + " must keep class and subject and go upwards");
      }
    }
  } else if (!c.spec.status_last.empty()) {
    return Status::InvalidArgument("rule " + c.spec.id + ": status_last without status");
  }
  if (!c.spec.reply_code.empty()) {
    const std::string& r = c.spec.reply_code;
    if (r.size() != 3 || r[0] < '2' || r[0] > '5' || r[1] < '0' || r[1] > '9' || r[2] < '0' || r[2] > '9') {
      return Status::InvalidArgument("rule " + c.spec.id + ": \"" + r + "\" is not an SMTP reply code like 550");
    }
  }
  if (c.spec.reason == Reason::kUndefined && !c.spec.user) {
    return Status::InvalidArgument("rule " + c.spec.id + " has no reason");
  }
  const tables::ReasonDefault* d = DefaultFor(c.spec.reason);
  c.fixer = c.spec.fixer ? *c.spec.fixer : (d ? d->fixer : Fixer::kNone);
  c.fix = !c.spec.fix.empty() ? c.spec.fix : (d ? std::string(d->fix) : std::string("read-the-reply"));
  if (FixText(c.fix, Language::kEnglish).empty()) {
    return Status::InvalidArgument("rule " + c.spec.id + ": unknown fix key \"" + c.fix + "\"");
  }
  c.tier = TierOf(c.spec);
  c.rank = RankOf(c.tier);
  return Status::Ok();
}

}  // namespace

Result<CompiledRule> CompileRule(RuleSpec spec) {
  CompiledRule c;
  Status status = CompileInto(std::move(spec), &c);
  if (!status.ok()) return status;
  return c;
}

std::vector<RuleSpec> CompiledRuleSet::BuiltInSpecs() {
  std::vector<RuleSpec> specs;
  std::size_t count = std::size(tables::kReceivingHosts) + std::size(tables::kCategories) +
                      std::size(tables::kOffice365) + std::size(tables::kStatusCodes) +
                      std::size(tables::kReplyCodes) + std::size(tables::kDecoders);
  for (const tables::PhraseList& list : tables::kPhraseLists) count += std::size(list.phrases);
  specs.reserve(count);  // RuleSpecs are large: regrowing the vector touches fresh pages each time
  for (const Rule& r : tables::kReceivingHosts) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kCategories) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kOffice365) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kStatusCodes) specs.push_back(RuleSpec::From(r));
  for (const tables::PhraseList& list : tables::kPhraseLists) {
    for (std::string_view phrase : list.phrases) {
      // Built where it stays, the id in one piece: this runs for a thousand phrases at
      // every start.
      RuleSpec& s = specs.emplace_back();
      s.id.reserve(8 + list.name.size() + phrase.size());
      s.id.append("phrase-").append(list.name).append(":").append(phrase);
      s.phrase = phrase;
      s.reason = list.reason;
      s.fixer = list.fixer;
      s.fix = list.fix;
      s.strength = list.strength;
      s.source = list.source;
    }
  }
  for (const Rule& r : tables::kReplyCodes) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kDecoders) specs.push_back(RuleSpec::From(r));
  return specs;
}

Result<std::shared_ptr<const CompiledRuleSet>> CompiledRuleSet::Build(std::vector<RuleSpec> specs) {
  std::vector<CompiledRule> rules;
  std::vector<std::string> phrases;
  // Keys are views into the rules' own strings: `rules` is reserved once, so a rule never
  // moves after it is compiled in place.
  std::unordered_map<std::string_view, int> phrase_ids;
  std::unordered_set<std::string_view> ids;
  rules.reserve(specs.size());
  ids.reserve(specs.size());
  phrase_ids.reserve(specs.size());
  for (RuleSpec& spec : specs) {
    CompiledRule& rule = rules.emplace_back();
    if (Status status = CompileInto(std::move(spec), &rule); !status.ok()) return status;
    if (!rule.spec.phrase.empty()) {
      auto [it, inserted] = phrase_ids.emplace(rule.spec.phrase, static_cast<int>(phrases.size()));
      if (inserted) phrases.push_back(rule.spec.phrase);
      rule.phrase_id = it->second;
    }
    rule.order = rules.size() - 1;
    if (!ids.emplace(rule.spec.id).second) {
      return Status::InvalidArgument("rule id " + rule.spec.id + " is used twice");
    }
  }
  return std::shared_ptr<const CompiledRuleSet>(new CompiledRuleSet(std::move(rules), std::move(phrases)));
}

std::vector<std::string> CompiledRuleSet::WithContextPhrases(std::vector<std::string> phrases) {
  // Matched as written (judge.cc used to search the normalized text for them as is).
  for (const tables::CommandPhrase& c : tables::kCommandPhrases) phrases.emplace_back(c.phrase);
  for (const tables::GaveUpPhrase& g : tables::kGaveUpPhrases) phrases.emplace_back(g.phrase);
  return phrases;
}

namespace {

std::vector<std::uint32_t>* ListFor(std::string_view key,
                                    std::vector<std::pair<std::string, std::vector<std::uint32_t>>>* lists) {
  for (auto& [k, list] : *lists) {
    if (k == key) return &list;
  }
  lists->emplace_back(std::string(key), std::vector<std::uint32_t>());
  return &lists->back().second;
}

template <typename Key, typename Lists>
const std::vector<std::uint32_t>* Lookup(const Key& key, const Lists& lists) {
  for (const auto& [k, list] : lists) {
    if (k == key) return &list;
  }
  return nullptr;
}

}  // namespace

CompiledRuleSet::CompiledRuleSet(std::vector<CompiledRule> rules, std::vector<std::string> phrases)
    : rules_(std::move(rules)), rule_phrases_(phrases.size()), matcher_(WithContextPhrases(std::move(phrases))) {
  by_rank_.reserve(rules_.size());
  for (const CompiledRule& r : rules_) by_rank_.push_back(&r);
  std::stable_sort(by_rank_.begin(), by_rank_.end(),
                   [](const CompiledRule* a, const CompiledRule* b) { return a->rank < b->rank; });
  by_phrase_.resize(rule_phrases_);
  for (std::size_t k = 0; k < by_rank_.size(); ++k) {
    const CompiledRule& r = *by_rank_[k];
    const auto at = static_cast<std::uint32_t>(k);
    if (r.phrase_id >= 0) {
      by_phrase_[static_cast<std::size_t>(r.phrase_id)].push_back(at);
    } else if (!r.spec.decoder.empty()) {
      ListFor(r.spec.decoder, &by_decoder_)->push_back(at);
    } else if (!r.spec.category.empty()) {
      ListFor(r.spec.category, &by_category_)->push_back(at);
    } else if (r.has_status) {
      auto it = std::find_if(by_subject_.begin(), by_subject_.end(), [&](const auto& e) { return e.first == r.subject; });
      if (it == by_subject_.end()) it = by_subject_.emplace(by_subject_.end(), r.subject, std::vector<std::uint32_t>());
      it->second.push_back(at);
    } else if (!r.spec.reply_code.empty()) {
      ListFor(r.spec.reply_code, &by_reply_)->push_back(at);
    } else {
      // CompileRule refuses a rule that requires nothing, so this one requires its host.
      by_rhost_only_.push_back(at);
    }
  }
}

void CompiledRuleSet::MatchText(std::string_view text, TextMatches* matches) const {
  matcher_.Match(text, &matches->found, &matches->hits);
}

std::string_view CompiledRuleSet::CommandIn(const TextMatches& matches) const {
  std::uint32_t best = 0;
  std::string_view command;
  for (std::size_t i = 0; i < tables::kCommandPhrases.size(); ++i) {
    const std::uint32_t at = matches.found[rule_phrases_ + i];
    if (at != 0 && (best == 0 || at < best)) {
      best = at;
      command = tables::kCommandPhrases[i].command;
    }
  }
  return command;
}

bool CompiledRuleSet::GaveUpIn(const TextMatches& matches) const {
  const std::size_t first = rule_phrases_ + tables::kCommandPhrases.size();
  for (std::size_t i = 0; i < tables::kGaveUpPhrases.size(); ++i) {
    if (matches.found[first + i] != 0) return true;
  }
  return false;
}

void CompiledRuleSet::Candidates(const Facts& facts, const TextMatches& matches,
                                 std::vector<std::uint32_t>* out) const {
  out->clear();
  const auto add = [out](const std::vector<std::uint32_t>* list) {
    if (list != nullptr) out->insert(out->end(), list->begin(), list->end());
  };
  for (std::uint32_t id : matches.hits) {
    if (id < rule_phrases_) add(&by_phrase_[id]);
  }
  if (!facts.decoder.empty()) add(Lookup(facts.decoder, by_decoder_));
  if (!facts.category.empty()) add(Lookup(facts.category, by_category_));
  if (facts.status) add(Lookup(facts.status->subject, by_subject_));
  if (!facts.reply_code.empty()) add(Lookup(facts.reply_code, by_reply_));
  add(&by_rhost_only_);
  std::sort(out->begin(), out->end());
}

const CompiledRule* CompiledRuleSet::Decide(const Facts& facts, const TextMatches& matches) const {
  thread_local std::vector<std::uint32_t> candidates;
  Candidates(facts, matches, &candidates);
  const std::vector<std::uint32_t>& found = matches.found;
  const CompiledRule* best = nullptr;
  for (std::uint32_t k : candidates) {
    const CompiledRule& r = *by_rank_[k];
    if (best && r.rank > best->rank) break;
    if (r.phrase_id >= 0 && found[static_cast<std::size_t>(r.phrase_id)] == 0) continue;
    if (!r.spec.decoder.empty() && r.spec.decoder != facts.decoder) continue;
    if (!r.spec.category.empty() && r.spec.category != facts.category) continue;
    if (r.has_status) {
      if (!facts.status) continue;
      const StatusCode& s = *facts.status;
      if (r.klass != 0 ? s.klass != r.klass : (s.klass != 4 && s.klass != 5)) continue;
      if (s.subject != r.subject || s.detail < r.detail_first || s.detail > r.detail_last) continue;
    }
    if (!r.spec.reply_code.empty()) {
      if (r.spec.reply_code != facts.reply_code) continue;
      // An enhanced status code refines the reply code (RFC 3463 section 1): once there is
      // one, a rule on the reply code alone says nothing more.
      if (facts.status && r.spec.status.empty() && r.spec.phrase.empty() && !r.spec.user) continue;
    }
    if (!r.spec.rhost.empty()) {
      const std::string& h = facts.rhost;
      const std::string& suffix = r.spec.rhost;
      bool ends = h.size() >= suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
      // ".outlook.com" also matches the bare "outlook.com".
      bool bare = suffix.size() > 1 && suffix[0] == '.' && h == std::string_view(suffix).substr(1);
      if (!ends && !bare) continue;
    }
    if (!best || r.rank < best->rank) {
      best = &r;
      continue;
    }
    // Same row: the phrase the server said first, then the longer one, then table order.
    std::uint32_t at = r.phrase_id >= 0 ? found[static_cast<std::size_t>(r.phrase_id)] : 0;
    std::uint32_t best_at = best->phrase_id >= 0 ? found[static_cast<std::size_t>(best->phrase_id)] : 0;
    if (at != 0 && (best_at == 0 || at < best_at ||
                    (at == best_at && r.spec.phrase.size() > best->spec.phrase.size()))) {
      best = &r;
    }
  }
  return best;
}

const CompiledRule* CompiledRuleSet::Find(std::string_view id) const {
  for (const CompiledRule& r : rules_) {
    if (r.spec.id == id) return &r;
  }
  return nullptr;
}

}  // namespace bouncescan::rules
