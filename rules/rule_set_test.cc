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
  auto at_of = [&facts](const CompiledRule& r) -> std::size_t {
    if (r.spec.phrase.empty()) return 0;
    const std::size_t at = facts.text.find(r.spec.phrase);
    return at == std::string::npos ? 0 : at + 1;
  };
  const CompiledRule* best = nullptr;
  for (const CompiledRule* rule : order) {
    const CompiledRule& r = *rule;
    if (!r.spec.phrase.empty() && at_of(r) == 0) continue;
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
      if (facts.status && r.spec.status.empty() && r.spec.phrase.empty() && !r.spec.user) continue;
    }
    if (!r.spec.rhost.empty()) {
      const std::string& h = facts.rhost;
      const std::string& suffix = r.spec.rhost;
      bool ends = h.size() >= suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
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
    if (at != 0 && (best_at == 0 || at < best_at ||
                    (at == best_at && r.spec.phrase.size() > best->spec.phrase.size()))) {
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
  const std::vector<CompiledRule>& rules = set.rules();
  auto pick = [&]() -> const RuleSpec& { return rules[rng() % rules.size()].spec; };
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
    ASSERT_EQ(fast == nullptr ? "(none)" : fast->spec.id, plain == nullptr ? "(none)" : plain->spec.id)
        << "text \"" << facts.text << "\" status " << facts.status_text << " reply " << facts.reply_code
        << " rhost " << facts.rhost << " decoder " << facts.decoder << " category " << facts.category;
    ASSERT_EQ(std::string(set.CommandIn(matches)), PlainCommand(facts.text)) << facts.text;
    ASSERT_EQ(set.GaveUpIn(matches), PlainGaveUp(facts.text)) << facts.text;
  }
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
