#include "digest/collect.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace bouncescan::digest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return Lower(haystack).find(needle) != std::string::npos;
}

bool IsSenderSide(const storage::Event& e) {
  return !e.suppress && (e.fixer == "sender" || e.fixer == "sender_admin");
}

// Recipients who can be reached, only not by this message.
bool NeedsAnotherWay(const storage::Event& e) {
  return !e.suppress && (e.reason == "mailboxfull" || e.reason == "filtered");
}

}  // namespace

SenderCause CauseFor(std::string_view reason, std::string_view diagnostic) {
  if (reason == "authfailure") return SenderCause::kAuthentication;
  if (reason == "norelaying") return SenderCause::kRelayDenied;
  if (reason == "securityerror") return SenderCause::kSmtpAuthRequired;
  if (reason == "blocked" || reason == "badreputation" || reason == "requireptr") return SenderCause::kBlocklisted;
  if (reason == "emailtoolarge" || reason == "mesgtoobig" || reason == "exceedlimit") return SenderCause::kTooLarge;
  if (reason == "speeding" || reason == "toomanyconn") return SenderCause::kRateLimited;
  if (reason == "notcompliantrfc" && (Contains(diagnostic, "date") || Contains(diagnostic, "clock") ||
                                      Contains(diagnostic, "time"))) {
    return SenderCause::kClock;
  }
  return SenderCause::kOther;
}

Result<Collected> Collect(storage::Database& db, const CollectOptions& o) {
  Collected c;
  Result<storage::Database::DigestMark> mark = db.GetDigestMark();
  if (!mark.ok()) return mark.status();
  c.previous = *mark;
  c.next = *mark;
  c.next.sent_at = o.now;

  const bool by_date = o.since > 0;
  Result<std::vector<storage::Event>> events = db.ListEvents(by_date ? 0 : mark->last_event_id, o.since);
  if (!events.ok()) return events.status();
  Result<std::vector<storage::Undecodable>> undecodable = db.ListUndecodable(by_date ? 0 : mark->last_undecodable_id);
  if (!undecodable.ok()) return undecodable.status();
  Result<std::vector<storage::Suppression>> suppressed = db.ListSuppressed();
  if (!suppressed.ok()) return suppressed.status();
  Result<std::vector<storage::Watch>> watching = db.ListWatching();
  if (!watching.ok()) return watching.status();

  DigestInput& in = c.input;
  in.since = by_date ? o.since : mark->sent_at;
  in.soft_threshold = o.soft_threshold;
  in.soft_window_days = o.soft_window_days;

  std::int64_t first_id = 0;
  std::map<std::int64_t, const storage::Event*> by_id;
  std::set<std::string> touched;  // lowercased recipients of the new events
  for (const storage::Event& e : *events) {
    c.next.last_event_id = std::max(c.next.last_event_id, e.id);
    if (first_id == 0 || e.id < first_id) first_id = e.id;
    by_id[e.id] = &e;
    touched.insert(Lower(e.recipient));
  }

  // 1. Sender-side failures, grouped by cause.
  struct Group {
    std::set<std::string> recipients;
    std::string example;
    std::string fix;
  };
  std::map<SenderCause, Group> groups;
  for (const storage::Event& e : *events) {
    if (!IsSenderSide(e)) continue;
    Group& g = groups[CauseFor(e.reason, e.diagnostic)];
    g.recipients.insert(Lower(e.recipient));
    if (g.example.empty()) g.example = e.diagnostic;
    if (g.fix.empty() && !e.fix.empty()) g.fix = std::string(rules::FixText(e.fix, o.language));
  }
  for (auto& [cause, g] : groups) {
    in.sender_problems.push_back({cause, static_cast<int>(g.recipients.size()), g.example, g.fix});
  }
  std::stable_sort(in.sender_problems.begin(), in.sender_problems.end(),
                   [](const SenderProblem& a, const SenderProblem& b) { return a.recipients > b.recipients; });

  // 2. Addresses that went on the list because of the new events.
  std::set<std::string> removed;
  for (const storage::Suppression& s : *suppressed) {
    const storage::Event* evidence = nullptr;
    if (s.evidence_event) {
      auto it = by_id.find(*s.evidence_event);
      if (it == by_id.end()) continue;  // decided by an event an earlier digest covered
      evidence = it->second;
    } else {
      if (s.origin == "manual" || s.origin == "import" || !touched.count(Lower(s.address))) continue;
      if (s.first_seen < in.since) continue;
      for (const storage::Event& e : *events) {
        if (Lower(e.recipient) == Lower(s.address)) evidence = &e;
      }
    }
    removed.insert(Lower(s.address));
    in.removed.push_back({s.address, s.reason, s.origin, evidence ? evidence->diagnostic : std::string()});
  }

  // 3. Soft failures counting towards the threshold, for addresses that failed again.
  for (const storage::Watch& w : *watching) {
    std::string a = Lower(w.address);
    if (!touched.count(a) || removed.count(a)) continue;
    in.watching.push_back({w.address, w.reason, w.count});
  }

  // 4. Reachable people whom this mail did not reach.
  std::set<std::string> contact;
  for (auto it = events->rbegin(); it != events->rend(); ++it) {
    const storage::Event& e = *it;
    std::string a = Lower(e.recipient);
    if (!NeedsAnotherWay(e) || removed.count(a) || !contact.insert(a).second) continue;
    in.contact_other_way.push_back({e.recipient, e.reason, e.diagnostic});
  }

  // 5. Messages that could not be read.
  for (const storage::Undecodable& u : *undecodable) {
    c.next.last_undecodable_id = std::max(c.next.last_undecodable_id, u.id);
    if (by_date && u.recorded_at < o.since) continue;
    in.unclassified.push_back({u.source, u.subject, u.problem});
  }
  return c;
}

}  // namespace bouncescan::digest
