#include "rules/rule_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rules/tables/context.h"

namespace bouncescan::rules {
namespace {

// The decision as the rule set's contract states it, without the index that
// CompiledRuleSet::Decide looks candidates up in: every rule, in decision order, each
// condition checked against the facts, phrases found by plain search.
const CompiledRule* PlainDecide(const CompiledRuleSet& set, const Facts& facts) {
  std::vector<const CompiledRule*> order;
  for (const CompiledRule& r : set.rules()) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(),
                   [](const CompiledRule* a, const CompiledRule* b) { return a->rank < b->rank; });
  auto at_of = [&facts, &set](const CompiledRule& r) -> std::size_t {
    if (r.phrase.empty()) return 0;
    const std::size_t at = facts.text.find(set.Text(r.phrase));
    return at == std::string::npos ? 0 : at + 1;
  };
  const CompiledRule* best = nullptr;
  for (const CompiledRule* rule : order) {
    const CompiledRule& r = *rule;
    const std::string_view phrase = set.Text(r.phrase);
    const std::string_view decoder = set.Text(r.decoder);
    const std::string_view category = set.Text(r.category);
    const std::string_view reply_code = set.Text(r.reply_code);
    const std::string_view suffix = set.Text(r.rhost);
    if (!phrase.empty() && at_of(r) == 0) continue;
    if (!decoder.empty() && decoder != facts.decoder) continue;
    if (!category.empty() && category != facts.category) continue;
    if (r.has_status) {
      if (!facts.status) continue;
      const StatusCode& s = *facts.status;
      if (r.klass != 0 ? s.klass != r.klass : (s.klass != 4 && s.klass != 5)) continue;
      if (s.subject != r.subject || s.detail < r.detail_first || s.detail > r.detail_last) continue;
    }
    if (!reply_code.empty()) {
      if (reply_code != facts.reply_code) continue;
      if (facts.status && r.status.empty() && phrase.empty() && !r.user) continue;
    }
    if (!suffix.empty()) {
      const std::string_view h = facts.rhost;
      bool ends = h.size() >= suffix.size() && h.substr(h.size() - suffix.size()) == suffix;
      bool bare = suffix.size() > 1 && suffix[0] == '.' && h == suffix.substr(1);
      if (!ends && !bare) continue;
    }
    if (best == nullptr || r.rank < best->rank) {
      best = &r;
      continue;
    }
    if (r.rank > best->rank) continue;
    const std::size_t at = at_of(r);
    const std::size_t best_at = at_of(*best);
    if (at != 0 && (best_at == 0 || at < best_at || (at == best_at && r.phrase.size > best->phrase.size))) {
      best = &r;
    }
  }
  return best;
}

std::string PlainCommand(const std::string& text) {
  std::size_t best = std::string::npos;
  std::string command;
  for (const tables::CommandPhrase& c : tables::kCommandPhrases) {
    const std::size_t at = text.find(c.phrase);
    if (at < best) {
      best = at;
      command = c.command;
    }
  }
  return command;
}

bool PlainGaveUp(const std::string& text) {
  for (const tables::GaveUpPhrase& g : tables::kGaveUpPhrases) {
    if (text.find(g.phrase) != std::string::npos) return true;
  }
  return false;
}

std::shared_ptr<const CompiledRuleSet> BuiltInWithUserRules() {
  std::vector<RuleSpec> specs = CompiledRuleSet::BuiltInSpecs();
  auto user = [&specs](std::string id) -> RuleSpec& {
    RuleSpec& s = specs.emplace_back();
    s.id = std::move(id);
    s.reason = Reason::kBlocked;
    s.user = true;
    return s;
  };
  user("user-phrase").phrase = "mailbox unavailable";
  user("user-host").rhost = ".example.net";
  user("user-reply").reply_code = "550";
  RuleSpec& status = user("user-status");
  status.status = "5.7.1";
  status.status_last = "5.7.9";
  RuleSpec& both = user("user-host-and-reply");
  both.rhost = "mx.example.org";
  both.reply_code = "421";
  Result<std::shared_ptr<const CompiledRuleSet>> set = CompiledRuleSet::Build(std::move(specs));
  EXPECT_TRUE(set.ok());
  return set.ok() ? std::move(set).value() : nullptr;
}

// Random facts built from the rules' own phrases, codes, hosts, decoders and categories (so
// that many rules match at once and ties within a row are common), checked against the
// plain decision.
void AgreeOnRandomFacts(const CompiledRuleSet& set, std::uint32_t seed) {
  std::mt19937 rng(seed);
  // The rules' strings, as specs, to pick from.
  std::vector<RuleSpec> rules;
  for (const CompiledRule& r : set.rules()) {
    RuleSpec& s = rules.emplace_back();
    s.phrase = set.Text(r.phrase);
    s.status = set.Text(r.status);
    s.reply_code = set.Text(r.reply_code);
    s.rhost = set.Text(r.rhost);
    s.decoder = set.Text(r.decoder);
    s.category = set.Text(r.category);
  }
  auto pick = [&]() -> const RuleSpec& { return rules[rng() % rules.size()]; };
  const std::vector<std::string> filler = {"550", "5.1.1", "the", "user", "after rcpt to", "in reply to data command",
                                          "this message has been in the queue too long", "x", "-", "smtp;",
                                          "after end of data", "refused to talk to me", "quota"};
  TextMatches matches;
  for (int round = 0; round < 20000; ++round) {
    Facts facts;
    const int words = static_cast<int>(rng() % 6);
    for (int w = 0; w < words; ++w) {
      if (!facts.text.empty()) facts.text += ' ';
      if (rng() % 2) {
        facts.text += pick().phrase;
      } else {
        facts.text += filler[rng() % filler.size()];
      }
    }
    if (rng() % 4 != 0) {
      const RuleSpec& s = pick();
      std::string code = s.status.empty() ? "5." + std::to_string(rng() % 8) + "." + std::to_string(rng() % 12)
                                          : s.status;
      if (code[0] == 'X') code[0] = rng() % 2 ? '4' : '5';
      if (rng() % 3 == 0 && code[0] == '5') code[0] = '4';
      facts.status_text = code;
      facts.status = ParseStatusCode(code);
    }
    if (rng() % 3 != 0) {
      const RuleSpec& s = pick();
      facts.reply_code = !s.reply_code.empty() ? s.reply_code : std::to_string(400 + rng() % 160);
    }
    if (rng() % 3 == 0) {
      const RuleSpec& s = pick();
      std::string host = s.rhost;
      if (!host.empty() && host[0] == '.' && rng() % 2) host.erase(0, 1);
      facts.rhost = (rng() % 2 ? "mx1" : "") + host;
    }
    if (rng() % 4 == 0) facts.decoder = pick().decoder;
    if (rng() % 4 == 0) facts.category = pick().category;

    set.MatchText(facts.text, &matches);
    const CompiledRule* fast = set.Decide(facts, matches);
    const CompiledRule* plain = PlainDecide(set, facts);
    ASSERT_EQ(fast == nullptr ? "(none)" : set.Text(fast->id), plain == nullptr ? "(none)" : set.Text(plain->id))
        << "text \"" << facts.text << "\" status " << facts.status_text << " reply " << facts.reply_code
        << " rhost " << facts.rhost << " decoder " << facts.decoder << " category " << facts.category;
    ASSERT_EQ(std::string(set.CommandIn(matches)), PlainCommand(facts.text)) << facts.text;
    ASSERT_EQ(set.GaveUpIn(matches), PlainGaveUp(facts.text)) << facts.text;
  }
}

template <typename T>
std::vector<T> Copy(std::span<const T> s) {
  return std::vector<T>(s.begin(), s.end());
}

void ExpectSameRule(const CompiledRule& a, const CompiledRule& b, const std::string& id) {
  auto refs = [](const CompiledRule& r) {
    return std::vector<std::uint32_t>{r.id.at, r.id.size, r.status.at, r.status.size, r.status_last.at,
                                      r.status_last.size, r.reply_code.at, r.reply_code.size, r.phrase.at,
                                      r.phrase.size, r.rhost.at, r.rhost.size, r.decoder.at, r.decoder.size,
                                      r.category.at, r.category.size, r.fix.at, r.fix.size, r.source.at,
                                      r.source.size};
  };
  EXPECT_EQ(refs(a), refs(b)) << id;
  EXPECT_EQ(a.reason, b.reason) << id;
  EXPECT_EQ(a.fixer, b.fixer) << id;
  EXPECT_EQ(a.user, b.user) << id;
  EXPECT_EQ(a.tier, b.tier) << id;
  EXPECT_EQ(a.rank, b.rank) << id;
  EXPECT_EQ(a.has_status, b.has_status) << id;
  EXPECT_EQ(a.klass, b.klass) << id;
  EXPECT_EQ(a.subject, b.subject) << id;
  EXPECT_EQ(a.detail_first, b.detail_first) << id;
  EXPECT_EQ(a.detail_last, b.detail_last) << id;
  EXPECT_EQ(a.phrase_id, b.phrase_id) << id;
  EXPECT_EQ(a.order, b.order) << id;
}

void ExpectSameLists(std::span<const RuleList> a, std::span<const RuleList> b, const char* name) {
  ASSERT_EQ(a.size(), b.size()) << name;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key.at, b[i].key.at) << name << " " << i;
    EXPECT_EQ(a[i].key.size, b[i].key.size) << name << " " << i;
    EXPECT_EQ(a[i].number, b[i].number) << name << " " << i;
    EXPECT_EQ(a[i].begin, b[i].begin) << name << " " << i;
    EXPECT_EQ(a[i].end, b[i].end) << name << " " << i;
  }
}

// The set compiled at build time (built_in_tables.cc) is what compiling the tables gives
// now: every string, rule, index list and automaton array, exactly.
TEST(BuiltInRuleTables, AreTheTablesCompiledNow) {
  Result<std::shared_ptr<const CompiledRuleSet>> fresh = CompiledRuleSet::Build(CompiledRuleSet::BuiltInSpecs());
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  const RuleSetTables& want = (*fresh)->tables();
  const RuleSetTables& got = BuiltInRuleTables();
  EXPECT_EQ(got.text, want.text);
  ASSERT_EQ(got.rules.size(), want.rules.size());
  for (std::size_t i = 0; i < got.rules.size(); ++i) {
    ExpectSameRule(got.rules[i], want.rules[i], std::string((*fresh)->Text(want.rules[i].id)));
  }
  EXPECT_EQ(Copy(got.by_rank), Copy(want.by_rank));
  EXPECT_EQ(got.rule_phrases, want.rule_phrases);
  EXPECT_EQ(Copy(got.lists), Copy(want.lists));
  EXPECT_EQ(Copy(got.by_phrase), Copy(want.by_phrase));
  ExpectSameLists(got.by_decoder, want.by_decoder, "by_decoder");
  ExpectSameLists(got.by_category, want.by_category, "by_category");
  ExpectSameLists(got.by_subject, want.by_subject, "by_subject");
  ExpectSameLists(got.by_reply, want.by_reply, "by_reply");
  ExpectSameLists(std::span(&got.rhost_only, 1), std::span(&want.rhost_only, 1), "rhost_only");
  const PhraseMatcher::Tables& gm = got.matcher;
  const PhraseMatcher::Tables& wm = want.matcher;
  EXPECT_EQ(gm.phrase_count, wm.phrase_count);
  EXPECT_EQ(gm.classes, wm.classes);
  EXPECT_EQ(gm.class_of, wm.class_of);
  EXPECT_EQ(Copy(gm.first_child), Copy(wm.first_child));
  EXPECT_EQ(Copy(gm.next_sibling), Copy(wm.next_sibling));
  EXPECT_EQ(Copy(gm.label), Copy(wm.label));
  EXPECT_EQ(Copy(gm.fail), Copy(wm.fail));
  EXPECT_EQ(Copy(gm.phrase), Copy(wm.phrase));
  EXPECT_EQ(Copy(gm.next_output), Copy(wm.next_output));
  EXPECT_EQ(Copy(gm.first_output), Copy(wm.first_output));
  EXPECT_EQ(Copy(gm.rows), Copy(wm.rows));
  EXPECT_EQ(Copy(gm.lengths), Copy(wm.lengths));
  EXPECT_EQ(Copy(gm.same_text), Copy(wm.same_text));
  // And the built-in set in use is that one.
  const auto& built_in = static_cast<const CompiledRuleSet&>(*RuleSet::BuiltIn());
  EXPECT_EQ(built_in.tables().rules.data(), got.rules.data());
}

TEST(CompiledRuleSet, IndexedDecisionAgreesWithEveryRuleInOrder) {
  std::shared_ptr<const RuleSet> built_in = RuleSet::BuiltIn();
  AgreeOnRandomFacts(static_cast<const CompiledRuleSet&>(*built_in), 20261129);
}

TEST(CompiledRuleSet, IndexedDecisionAgreesWithUserRules) {
  std::shared_ptr<const CompiledRuleSet> set = BuiltInWithUserRules();
  ASSERT_NE(set, nullptr);
  AgreeOnRandomFacts(*set, 7);
}

}  // namespace
}  // namespace bouncescan::rules
