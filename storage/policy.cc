#include "storage/policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace bouncescan::storage {
namespace {

using rules::Reason;

// The address itself is at fault (RFC 3463 X.1.x address status, null MX, moved).
constexpr std::array kAddressReasons{Reason::kUserUnknown, Reason::kHostUnknown, Reason::kHasMoved,
                                     Reason::kNotAccept};
// The recipient's mailbox cannot take mail right now (issue 4: mailbox full, disabled or
// suspended, delivery to that recipient expired in the queue).
constexpr std::array kSoftRecipientReasons{Reason::kMailboxFull, Reason::kSuspend, Reason::kExpired};
// Failures that the sender (or the sender's administrator) causes and must fix: the address
// is fine, so suppressing it would lose a good contact (DESIGN.md, "Only failures caused by the
// recipient address suppress it").
constexpr std::array kSenderSideReasons{
    Reason::kRejected,      Reason::kBlocked,        Reason::kBadReputation, Reason::kRequirePtr,
    Reason::kAuthFailure,   Reason::kSecurityError,  Reason::kNoRelaying,    Reason::kFailedStartTls,
    Reason::kSpamDetected,  Reason::kVirusDetected,  Reason::kContentError,  Reason::kPolicyViolation,
    Reason::kEmailTooLarge, Reason::kMesgTooBig,     Reason::kExceedLimit,   Reason::kSyntaxError,
    Reason::kNotCompliantRfc, Reason::kSpeeding,     Reason::kTooManyConn,   Reason::kNetworkError,
    Reason::kSystemError,   Reason::kSystemFull,     Reason::kMailerError,   Reason::kOnHold,
    Reason::kUndefined,     Reason::kVacation,       Reason::kDelivered,     Reason::kSuppressed,
};

template <typename Array>
bool Contains(const Array& a, Reason r) {
  return std::find(a.begin(), a.end(), r) != a.end();
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::string_view EffectName(Effect effect) {
  switch (effect) {
    case Effect::kNone: return "none";
    case Effect::kSuppress: return "hard";
    case Effect::kComplaint: return "complaint";
    case Effect::kSoft: return "soft";
  }
  return "none";
}

Effect ParseEffect(std::string_view name) {
  if (name == "hard") return Effect::kSuppress;
  if (name == "complaint") return Effect::kComplaint;
  if (name == "soft") return Effect::kSoft;
  return Effect::kNone;
}

bool IsSenderSide(Reason reason) { return Contains(kSenderSideReasons, reason); }

Effect DecideEffect(mime::ReportKind kind, const mime::RecipientRecord& recipient, const rules::Verdict& verdict) {
  if (kind == mime::ReportKind::kFeedback || verdict.reason == Reason::kFeedback) return Effect::kComplaint;
  if (kind != mime::ReportKind::kDsn && kind != mime::ReportKind::kBounce) return Effect::kNone;
  // Only a final failure counts: "delayed", "delivered", "relayed", "expanded" say nothing
  // about the address (RFC 3464 section 2.3.3). A non-standard NDR may give no action.
  if (!recipient.action.empty() && !IEquals(recipient.action, "failed")) return Effect::kNone;
  if (IsSenderSide(verdict.reason)) return Effect::kNone;
  if (verdict.fixer == rules::Fixer::kSenderAdmin) return Effect::kNone;
  if (Contains(kSoftRecipientReasons, verdict.reason)) return Effect::kSoft;
  if (Contains(kAddressReasons, verdict.reason) && (verdict.hard || verdict.suppress)) return Effect::kSuppress;
  if (verdict.hard && verdict.suppress) return Effect::kSuppress;
  return Effect::kNone;
}

bool SoftThresholdReached(std::span<const std::int64_t> days, int threshold, int window_days) {
  if (threshold <= 0) return !days.empty();
  if (days.size() < static_cast<std::size_t>(threshold)) return false;
  for (std::size_t i = 0; i + threshold - 1 < days.size(); ++i) {
    if (days[i + threshold - 1] - days[i] < window_days) return true;
  }
  return false;
}

int CountInWindow(std::span<const std::int64_t> days, std::int64_t today, int window_days) {
  int n = 0;
  for (std::int64_t d : days) {
    if (d <= today && today - d < window_days) ++n;
  }
  return n;
}

namespace {

class DateLexer {
 public:
  explicit DateLexer(std::string_view s) : s_(s) {}
  void SkipSpaceAndComments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i_;
      } else if (c == '(') {  // RFC 5322 comment, e.g. "(UTC)"
        int depth = 0;
        while (i_ < s_.size()) {
          if (s_[i_] == '(') ++depth;
          if (s_[i_] == ')' && --depth == 0) {
            ++i_;
            break;
          }
          ++i_;
        }
      } else {
        break;
      }
    }
  }
  std::optional<long> Number(int min_digits, int max_digits) {
    SkipSpaceAndComments();
    std::size_t start = i_;
    long v = 0;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_])) && i_ - start < static_cast<std::size_t>(max_digits)) {
      v = v * 10 + (s_[i_] - '0');
      ++i_;
    }
    int n = static_cast<int>(i_ - start);
    if (n < min_digits) return std::nullopt;
    return v;
  }
  std::string Word() {
    SkipSpaceAndComments();
    std::string w;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_])));
      ++i_;
    }
    return w;
  }
  bool Take(char c) {
    SkipSpaceAndComments();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  std::size_t pos() const { return i_; }
  void set_pos(std::size_t p) { i_ = p; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<std::int64_t> ParseMailDate(std::string_view date) {
  DateLexer lx(date);
  // Optional day of week.
  std::size_t save = lx.pos();
  std::string w = lx.Word();
  if (!w.empty()) {
    if (!lx.Take(',')) {
      // "Thu 22 Apr" without the comma is seen in the wild.
    }
  } else {
    lx.set_pos(save);
  }
  auto day = lx.Number(1, 2);
  if (!day) return std::nullopt;
  lx.Take('-');  // "22-Apr-2016"
  static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string mon = lx.Word();
  if (mon.size() < 3) return std::nullopt;
  auto it = std::find(kMonths.begin(), kMonths.end(), std::string_view(mon).substr(0, 3));
  if (it == kMonths.end()) return std::nullopt;
  const unsigned month = static_cast<unsigned>(it - kMonths.begin()) + 1;
  lx.Take('-');
  auto year = lx.Number(2, 4);
  if (!year) return std::nullopt;
  if (*year < 50) {
    *year += 2000;  // RFC 5322 4.3: two-digit years
  } else if (*year < 1000) {
    *year += 1900;
  }
  auto hour = lx.Number(1, 2);
  if (!hour || !lx.Take(':')) return std::nullopt;
  auto minute = lx.Number(1, 2);
  if (!minute) return std::nullopt;
  long second = 0;
  if (lx.Take(':')) {
    auto s = lx.Number(1, 2);
    if (!s) return std::nullopt;
    second = *s;
  }
  if (*day < 1 || *day > 31 || *hour > 23 || *minute > 59 || second > 60) return std::nullopt;
  long offset = 0;  // seconds east of UTC
  lx.SkipSpaceAndComments();
  save = lx.pos();
  if (lx.Take('+') || (lx.set_pos(save), lx.Take('-'))) {
    bool negative = date[lx.pos() - 1] == '-';
    auto z = lx.Number(4, 4);
    if (z) {
      offset = (*z / 100) * 3600 + (*z % 100) * 60;
      if (negative) offset = -offset;
    }
  } else {
    lx.set_pos(save);
    std::string zone = lx.Word();
    static constexpr std::array<std::pair<std::string_view, int>, 10> kZones{{
        {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"edt", -4}, {"est", -5}, {"cdt", -5}, {"cst", -6},
        {"mdt", -6}, {"mst", -7}}};
    for (const auto& [name, hours] : kZones) {
      if (zone == name) offset = hours * 3600L;
    }
    if (zone == "pdt") offset = -7 * 3600L;
    if (zone == "pst") offset = -8 * 3600L;
  }
  const std::int64_t days = DaysFromCivil(*year, month, static_cast<unsigned>(*day));
  return days * 86400 + *hour * 3600 + *minute * 60 + second - offset;
}

}  // namespace bouncescan::storage
