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

// Normalizes and checks `spec` and fills in the fields of `out` that are not text; `fix`
// becomes the resolved fix key (a view into `spec` or into the static tables).
Status Compile(RuleSpec* spec, CompiledRule* out, std::string_view* fix) {
  RuleSpec& s = *spec;
  CompiledRule& c = *out;
  Normalize(&s.phrase);
  Normalize(&s.rhost);
  Normalize(&s.category);
  if (s.id.empty()) return Status::InvalidArgument("rule has no id");
  if (s.status.empty() && s.reply_code.empty() && s.phrase.empty() && s.rhost.empty() && s.decoder.empty() &&
      s.category.empty()) {
    return Status::InvalidArgument("rule " + s.id + " matches nothing: give status, reply_code or phrase");
  }
  if (!s.status.empty()) {
    c.has_status = true;
    int klass = 0, subject = 0, first = 0;
    if (!ParsePattern(s.status, &klass, &subject, &first)) {
      return Status::InvalidArgument("rule " + s.id + ": \"" + s.status +
                                     "\" is not an enhanced status code like 5.1.1 or X.1.1");
    }
    int last = first;
    if (!s.status_last.empty()) {
      int k = 0, subj = 0;
      if (!ParsePattern(s.status_last, &k, &subj, &last) || k != klass || subj != subject || last < first) {
        return Status::InvalidArgument("rule " + s.id + ": status range " + s.status + "-" + s.status_last +
                                       " must keep class and subject and go upwards");
      }
    }
    // ParseStatusCode keeps subject and detail to three digits.
    c.klass = static_cast<std::int8_t>(klass);
    c.subject = static_cast<std::int16_t>(subject);
    c.detail_first = static_cast<std::int16_t>(first);
    c.detail_last = static_cast<std::int16_t>(last);
  } else if (!s.status_last.empty()) {
    return Status::InvalidArgument("rule " + s.id + ": status_last without status");
  }
  if (!s.reply_code.empty()) {
    const std::string& r = s.reply_code;
    if (r.size() != 3 || r[0] < '2' || r[0] > '5' || r[1] < '0' || r[1] > '9' || r[2] < '0' || r[2] > '9') {
      return Status::InvalidArgument("rule " + s.id + ": \"" + r + "\" is not an SMTP reply code like 550");
    }
  }
  if (s.reason == Reason::kUndefined && !s.user) {
    return Status::InvalidArgument("rule " + s.id + " has no reason");
  }
  const tables::ReasonDefault* d = DefaultFor(s.reason);
  c.reason = s.reason;
  c.user = s.user;
  c.fixer = s.fixer ? *s.fixer : (d ? d->fixer : Fixer::kNone);
  *fix = !s.fix.empty() ? std::string_view(s.fix) : (d ? d->fix : std::string_view("read-the-reply"));
  if (FixText(*fix, Language::kEnglish).empty()) {
    return Status::InvalidArgument("rule " + s.id + ": unknown fix key \"" + std::string(*fix) + "\"");
  }
  c.tier = TierOf(s);
  c.rank = static_cast<std::int16_t>(tables::RankOf(c.tier));
  return Status::Ok();
}

}  // namespace

Status CheckRule(RuleSpec spec) {
  CompiledRule c;
  std::string_view fix;
  return Compile(&spec, &c, &fix);
}

std::vector<RuleSpec> CompiledRuleSet::BuiltInSpecs() {
  std::vector<RuleSpec> specs;
  std::size_t count = std::size(tables::kReceivingHosts) + std::size(tables::kCategories) +
                      std::size(tables::kOffice365) + std::size(tables::kStatusCodes) +
                      std::size(tables::kReplyCodes) + std::size(tables::kDecoders);
  for (const tables::PhraseList& list : tables::kPhraseLists) count += std::size(list.phrases);
  specs.reserve(count);
  for (const Rule& r : tables::kReceivingHosts) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kCategories) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kOffice365) specs.push_back(RuleSpec::From(r));
  for (const Rule& r : tables::kStatusCodes) specs.push_back(RuleSpec::From(r));
  for (const tables::PhraseList& list : tables::kPhraseLists) {
    for (std::string_view phrase : list.phrases) {
      RuleSpec& s = specs.emplace_back();
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

struct CompiledRuleSet::Storage {
  std::string text;
  std::vector<CompiledRule> rules;
  std::vector<std::uint32_t> by_rank;
  std::vector<std::uint32_t> lists;
  std::vector<std::uint32_t> by_phrase;
  std::vector<RuleList> by_decoder;
  std::vector<RuleList> by_category;
  std::vector<RuleList> by_subject;
  std::vector<RuleList> by_reply;
};

namespace {

// A candidate list while the index is built, before the lists are laid end to end.
struct PendingList {
  std::string_view key;
  TextRef key_ref;
  std::int32_t number = 0;
  std::vector<std::uint32_t> items;
};

PendingList* ListFor(std::string_view key, TextRef key_ref, std::vector<PendingList>* lists) {
  for (PendingList& l : *lists) {
    if (l.key == key) return &l;
  }
  PendingList& l = lists->emplace_back();
  l.key = key;
  l.key_ref = key_ref;
  return &l;
}

PendingList* ListFor(std::int32_t number, std::vector<PendingList>* lists) {
  for (PendingList& l : *lists) {
    if (l.number == number) return &l;
  }
  PendingList& l = lists->emplace_back();
  l.number = number;
  return &l;
}

RuleList Lay(const PendingList& pending, std::vector<std::uint32_t>* lists) {
  RuleList l;
  l.key = pending.key_ref;
  l.number = pending.number;
  l.begin = static_cast<std::uint32_t>(lists->size());
  lists->insert(lists->end(), pending.items.begin(), pending.items.end());
  l.end = static_cast<std::uint32_t>(lists->size());
  return l;
}

std::vector<RuleList> Lay(const std::vector<PendingList>& pending, std::vector<std::uint32_t>* lists) {
  std::vector<RuleList> out;
  out.reserve(pending.size());
  for (const PendingList& p : pending) out.push_back(Lay(p, lists));
  return out;
}

}  // namespace

Result<std::shared_ptr<const CompiledRuleSet>> CompiledRuleSet::Build(std::vector<RuleSpec> specs) {
  auto storage = std::make_shared<Storage>();
  Storage& st = *storage;
  st.rules.resize(specs.size());
  std::vector<std::string_view> fixes(specs.size());
  std::unordered_set<std::string_view> ids;
  ids.reserve(specs.size());
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    RuleSpec& s = specs[i];
    if (Status status = Compile(&s, &st.rules[i], &fixes[i]); !status.ok()) return status;
    if (!ids.emplace(s.id).second) return Status::InvalidArgument("rule id " + s.id + " is used twice");
    bytes += s.id.size() + s.status.size() + s.status_last.size() + s.reply_code.size() + s.phrase.size() +
             s.rhost.size() + s.decoder.size() + s.category.size() + fixes[i].size() + s.source.size();
  }

  // The strings, each distinct one once. `text` is reserved whole, so the views that key
  // `placed` stay valid.
  st.text.reserve(bytes);
  std::unordered_map<std::string_view, TextRef> placed;
  placed.reserve(specs.size() * 4);
  auto put = [&st, &placed](std::string_view v) -> TextRef {
    if (v.empty()) return {};
    auto it = placed.find(v);
    if (it != placed.end()) return it->second;
    const TextRef ref{static_cast<std::uint32_t>(st.text.size()), static_cast<std::uint32_t>(v.size())};
    st.text.append(v);
    placed.emplace(std::string_view(st.text).substr(ref.at, ref.size), ref);
    return ref;
  };
  std::vector<std::string> phrases;
  std::unordered_map<std::string_view, std::int32_t> phrase_ids;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const RuleSpec& s = specs[i];
    CompiledRule& c = st.rules[i];
    c.id = put(s.id);
    c.status = put(s.status);
    c.status_last = put(s.status_last);
    c.reply_code = put(s.reply_code);
    c.phrase = put(s.phrase);
    c.rhost = put(s.rhost);
    c.decoder = put(s.decoder);
    c.category = put(s.category);
    c.fix = put(fixes[i]);
    c.source = put(s.source);
    c.order = static_cast<std::uint32_t>(i);
    if (!s.phrase.empty()) {
      auto [it, inserted] = phrase_ids.emplace(s.phrase, static_cast<std::int32_t>(phrases.size()));
      if (inserted) phrases.push_back(s.phrase);
      c.phrase_id = it->second;
    }
  }
  const std::size_t rule_phrases = phrases.size();
  // Matched as written (judge.cc used to search the normalized text for them as is).
  for (const tables::CommandPhrase& c : tables::kCommandPhrases) phrases.emplace_back(c.phrase);
  for (const tables::GaveUpPhrase& g : tables::kGaveUpPhrases) phrases.emplace_back(g.phrase);
  PhraseMatcher matcher(phrases);

  st.by_rank.resize(st.rules.size());
  for (std::size_t i = 0; i < st.by_rank.size(); ++i) st.by_rank[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(st.by_rank.begin(), st.by_rank.end(),
                   [&st](std::uint32_t a, std::uint32_t b) { return st.rules[a].rank < st.rules[b].rank; });
  std::vector<std::vector<std::uint32_t>> by_phrase(rule_phrases);
  std::vector<PendingList> by_decoder, by_category, by_subject, by_reply;
  PendingList rhost_only;
  for (std::size_t k = 0; k < st.by_rank.size(); ++k) {
    const CompiledRule& r = st.rules[st.by_rank[k]];
    const RuleSpec& s = specs[st.by_rank[k]];
    const auto at = static_cast<std::uint32_t>(k);
    if (r.phrase_id >= 0) {
      by_phrase[static_cast<std::size_t>(r.phrase_id)].push_back(at);
    } else if (!s.decoder.empty()) {
      ListFor(s.decoder, r.decoder, &by_decoder)->items.push_back(at);
    } else if (!s.category.empty()) {
      ListFor(s.category, r.category, &by_category)->items.push_back(at);
    } else if (r.has_status) {
      ListFor(r.subject, &by_subject)->items.push_back(at);
    } else if (!s.reply_code.empty()) {
      ListFor(s.reply_code, r.reply_code, &by_reply)->items.push_back(at);
    } else {
      // Compile refuses a rule that requires nothing, so this one requires its host.
      rhost_only.items.push_back(at);
    }
  }
  st.by_phrase.reserve(rule_phrases + 1);
  for (const std::vector<std::uint32_t>& list : by_phrase) {
    st.by_phrase.push_back(static_cast<std::uint32_t>(st.lists.size()));
    st.lists.insert(st.lists.end(), list.begin(), list.end());
  }
  st.by_phrase.push_back(static_cast<std::uint32_t>(st.lists.size()));
  st.by_decoder = Lay(by_decoder, &st.lists);
  st.by_category = Lay(by_category, &st.lists);
  st.by_subject = Lay(by_subject, &st.lists);
  st.by_reply = Lay(by_reply, &st.lists);

  RuleSetTables t;
  t.text = st.text;
  t.rules = st.rules;
  t.by_rank = st.by_rank;
  t.rule_phrases = static_cast<std::uint32_t>(rule_phrases);
  t.rhost_only = Lay(rhost_only, &st.lists);
  t.lists = st.lists;
  t.by_phrase = st.by_phrase;
  t.by_decoder = st.by_decoder;
  t.by_category = st.by_category;
  t.by_subject = st.by_subject;
  t.by_reply = st.by_reply;
  t.matcher = matcher.tables();
  return std::shared_ptr<const CompiledRuleSet>(new CompiledRuleSet(std::move(storage), t, std::move(matcher)));
}

CompiledRuleSet::CompiledRuleSet(std::shared_ptr<const Storage> storage, const RuleSetTables& tables,
                                 PhraseMatcher matcher)
    : storage_(std::move(storage)), t_(tables), matcher_(std::move(matcher)) {}

void CompiledRuleSet::MatchText(std::string_view text, TextMatches* matches) const {
  matcher_.Match(text, &matches->found, &matches->hits);
}

std::string_view CompiledRuleSet::CommandIn(const TextMatches& matches) const {
  std::uint32_t best = 0;
  std::string_view command;
  for (std::size_t i = 0; i < tables::kCommandPhrases.size(); ++i) {
    const std::uint32_t at = matches.found[t_.rule_phrases + i];
    if (at != 0 && (best == 0 || at < best)) {
      best = at;
      command = tables::kCommandPhrases[i].command;
    }
  }
  return command;
}

bool CompiledRuleSet::GaveUpIn(const TextMatches& matches) const {
  const std::size_t first = t_.rule_phrases + tables::kCommandPhrases.size();
  for (std::size_t i = 0; i < tables::kGaveUpPhrases.size(); ++i) {
    if (matches.found[first + i] != 0) return true;
  }
  return false;
}

void CompiledRuleSet::Candidates(const Facts& facts, const TextMatches& matches,
                                 std::vector<std::uint32_t>* out) const {
  out->clear();
  const auto add = [this, out](std::uint32_t begin, std::uint32_t end) {
    out->insert(out->end(), t_.lists.begin() + begin, t_.lists.begin() + end);
  };
  const auto add_keyed = [this, &add](std::span<const RuleList> lists, std::string_view key) {
    for (const RuleList& l : lists) {
      if (Text(l.key) == key) return add(l.begin, l.end);
    }
  };
  for (std::uint32_t id : matches.hits) {
    if (id < t_.rule_phrases) add(t_.by_phrase[id], t_.by_phrase[id + 1]);
  }
  if (!facts.decoder.empty()) add_keyed(t_.by_decoder, facts.decoder);
  if (!facts.category.empty()) add_keyed(t_.by_category, facts.category);
  if (facts.status) {
    for (const RuleList& l : t_.by_subject) {
      if (l.number == facts.status->subject) add(l.begin, l.end);
    }
  }
  if (!facts.reply_code.empty()) add_keyed(t_.by_reply, facts.reply_code);
  add(t_.rhost_only.begin, t_.rhost_only.end);
  std::sort(out->begin(), out->end());
}

const CompiledRule* CompiledRuleSet::Decide(const Facts& facts, const TextMatches& matches) const {
  thread_local std::vector<std::uint32_t> candidates;
  Candidates(facts, matches, &candidates);
  const std::vector<std::uint32_t>& found = matches.found;
  const CompiledRule* best = nullptr;
  for (std::uint32_t k : candidates) {
    const CompiledRule& r = t_.rules[t_.by_rank[k]];
    if (best && r.rank > best->rank) break;
    if (r.phrase_id >= 0 && found[static_cast<std::size_t>(r.phrase_id)] == 0) continue;
    if (!r.decoder.empty() && Text(r.decoder) != facts.decoder) continue;
    if (!r.category.empty() && Text(r.category) != facts.category) continue;
    if (r.has_status) {
      if (!facts.status) continue;
      const StatusCode& s = *facts.status;
      if (r.klass != 0 ? s.klass != r.klass : (s.klass != 4 && s.klass != 5)) continue;
      if (s.subject != r.subject || s.detail < r.detail_first || s.detail > r.detail_last) continue;
    }
    if (!r.reply_code.empty()) {
      if (Text(r.reply_code) != facts.reply_code) continue;
      // An enhanced status code refines the reply code (RFC 3463 section 1): once there is
      // one, a rule on the reply code alone says nothing more.
      if (facts.status && r.status.empty() && r.phrase.empty() && !r.user) continue;
    }
    if (!r.rhost.empty()) {
      const std::string_view h = facts.rhost;
      const std::string_view suffix = Text(r.rhost);
      bool ends = h.size() >= suffix.size() && h.substr(h.size() - suffix.size()) == suffix;
      // ".outlook.com" also matches the bare "outlook.com".
      bool bare = suffix.size() > 1 && suffix[0] == '.' && h == suffix.substr(1);
      if (!ends && !bare) continue;
    }
    if (!best || r.rank < best->rank) {
      best = &r;
      continue;
    }
    // Same row: the phrase the server said first, then the longer one, then table order.
    std::uint32_t at = r.phrase_id >= 0 ? found[static_cast<std::size_t>(r.phrase_id)] : 0;
    std::uint32_t best_at = best->phrase_id >= 0 ? found[static_cast<std::size_t>(best->phrase_id)] : 0;
    if (at != 0 && (best_at == 0 || at < best_at || (at == best_at && r.phrase.size > best->phrase.size))) {
      best = &r;
    }
  }
  return best;
}

const CompiledRule* CompiledRuleSet::Find(std::string_view id) const {
  for (const CompiledRule& r : t_.rules) {
    if (Text(r.id) == id) return &r;
  }
  return nullptr;
}

}  // namespace bouncescan::rules
