// The suppression policy: which recorded failures put an address on the list, and when.
//
// Used by storage::Database when it records a message; kept apart so that the rules of the
// list can be read (and tested) in one place. Pure: no I/O, no clock (times are passed in).
//
// - A hard failure caused by the recipient address (userunknown, hostunknown, hasmoved,
//   notaccept, or any hard verdict the rules mark `suppress` that is not sender-side) and an
//   ARF complaint suppress at once and never expire.
// - A soft recipient-side failure (mailboxfull, suspend, expired) counts at most once a UTC
//   day per address; N counted days within any W-day window suppress. A day older than W
//   days no longer counts, so the count decays to nothing when W days pass without one.
// - A sender-side failure (authentication, blocklists, relaying, content, rate limits, the
//   sender's own server) never suppresses, whatever the verdict says. It stays an event.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "mime/bounce_report.h"
#include "rules/verdict.h"

namespace bouncescan::storage {

// What one recipient's event does to the list.
enum class Effect {
  kNone,       // kept as an event only
  kSuppress,   // hard failure of the address: on the list at once
  kComplaint,  // ARF complaint: on the list at once
  kSoft,       // soft recipient-side failure: counts towards the threshold
};

// "none", "hard", "complaint", "soft" (stored in events.effect).
std::string_view EffectName(Effect effect);
Effect ParseEffect(std::string_view name);

// The effect of one recipient of a report, given the rules' verdict for it.
Effect DecideEffect(mime::ReportKind kind, const mime::RecipientRecord& recipient, const rules::Verdict& verdict);

// True if the reason is a failure of the sender's side (never suppresses).
bool IsSenderSide(rules::Reason reason);

// REQUIRES: days sorted ascending, distinct (UTC day numbers: seconds / 86400).
// True if some window of `window_days` consecutive days holds at least `threshold` days.
bool SoftThresholdReached(std::span<const std::int64_t> days, int threshold, int window_days);
// How many of `days` fall in the `window_days` days ending with `today` (inclusive).
int CountInWindow(std::span<const std::int64_t> days, std::int64_t today, int window_days);

// Seconds since the epoch for an RFC 5322 date ("Thu, 22 Apr 2016 23:34:45 +0900"; the
// obsolete zone names and two-digit years of RFC 5322 section 4.3 are accepted), or nullopt.
std::optional<std::int64_t> ParseMailDate(std::string_view date);

}  // namespace bouncescan::storage
