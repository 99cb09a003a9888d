// The decision order: when several rules match one recipient, the rule in the earliest row
// wins. Among phrase rules of one row the longest phrase wins; otherwise the earlier rule in
// the tables. Read by rules/rule_set.cc; tested by rules/judge_test.cc. Pure data.
//
// Why this order: a rule that names the refusing host, the reporting MTA's own category of
// the failure (tuned by its operator for the hosts it sends to), or a code paired with the
// exact words is the most precise thing known; a status code that only one condition produces beats
// the server's prose; prose beats a code that servers use for everything (5.7.1, X.0.0);
// a bare SMTP reply code says little; the kind of NDR (Google Groups) is the last resort.
// User rules (rules.toml) come first: the user asked.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace bouncescan::rules {

enum class Tier {
  kUser,            // a rule from the user's rules.toml
  kProvider,        // a per-receiving-host rule (rules/tables/rhosts.h)
  kCategory,        // the reporting MTA's own class of the failure (rules/tables/categories.h)
  kStatusPhrase,    // a status (or reply) code together with a phrase
  kSpecificStatus,  // a status code with one meaning (Strength::kSpecific)
  kSpecificPhrase,  // a phrase with one meaning
  kGenericStatus,   // a status code servers use loosely (Strength::kGeneric)
  kGenericPhrase,   // a phrase that many failures share
  kSpecificReply,   // an SMTP reply code with one meaning (530, 535, 521)
  kGenericReply,    // an SMTP reply code servers use loosely (421, 452, 552)
  kDecoder,         // what this kind of NDR always means when nothing more precise matched
};

namespace tables {

struct TierRow {
  Tier tier;
  std::string_view name;  // shown by `explain`
};

inline constexpr std::array kDecisionOrder{
    TierRow{Tier::kUser, "user rule"},
    TierRow{Tier::kProvider, "receiving-host rule"},
    TierRow{Tier::kCategory, "reporting MTA's category"},
    TierRow{Tier::kStatusPhrase, "status code with phrase"},
    TierRow{Tier::kSpecificStatus, "specific status code"},
    TierRow{Tier::kSpecificPhrase, "phrase"},
    TierRow{Tier::kGenericStatus, "generic status code"},
    TierRow{Tier::kGenericPhrase, "generic phrase"},
    TierRow{Tier::kSpecificReply, "SMTP reply code"},
    TierRow{Tier::kGenericReply, "generic SMTP reply code"},
    TierRow{Tier::kDecoder, "kind of NDR"},
};

// The row of `tier` in kDecisionOrder: a rule of a lower row decides first.
constexpr int RankOf(Tier tier) {
  for (std::size_t i = 0; i < kDecisionOrder.size(); ++i) {
    if (kDecisionOrder[i].tier == tier) return static_cast<int>(i);
  }
  return static_cast<int>(kDecisionOrder.size());
}

}  // namespace tables
}  // namespace bouncescan::rules
