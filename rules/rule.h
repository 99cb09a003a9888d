// Rule: one line of knowledge about what a server's answer means.
//
// The built-in tables (rules/tables/*.h) are constexpr arrays of these plain structs; the
// user's rules.toml adds more of the same shape (rules/rule_file.h). A rule matches when
// every field it sets matches the recipient record; which matching rule decides is given
// by the decision order (rules/tables/decision_order.h). Each built-in entry carries its
// source: an RFC section, a vendor page, a seed case id or a sample file name. Pure data.
#pragma once

#include <optional>
#include <string_view>

#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::rules {

// Which rows of the decision order a status-only or phrase-only rule belongs to.
enum class Strength {
  kSpecific,  // only one condition produces it (e.g. 5.2.2, Office 365's 5.7.509)
  kGeneric,   // servers use it for many conditions (e.g. 5.7.1, 5.0.0, "access denied")
};

struct Rule {
  std::string_view id = {};       // unique; goes into Verdict::rule ("status-5.1.1")
  std::string_view status = {};   // enhanced status code (RFC 3463), or the first of a range
  std::string_view status_last = {};  // the last code of an inclusive range ("5.7.749")
  std::string_view reply_code = {};   // SMTP reply code (RFC 5321), e.g. "550"
  std::string_view phrase = {};   // lowercase, single-spaced substring of the diagnostic
  std::string_view rhost = {};    // the refusing host (remote_mta) ends with this, lowercase
  std::string_view decoder = {};  // BounceReport::decoder is this (the kind of NDR, e.g. "googlegroups")
  std::string_view category = {}; // RecipientRecord::bounce_category is this (the reporting MTA's own class)
  Reason reason = Reason::kUndefined;
  std::optional<Fixer> fixer = {};    // unset: the reason's default (rules/tables/reason_defaults.h)
  std::string_view fix = {};          // fix key; empty: the default for reason and fixer
  Strength strength = Strength::kSpecific;
  std::string_view source = {};   // where the knowledge comes from
};

}  // namespace bouncescan::rules
