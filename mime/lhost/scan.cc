#include "mime/lhost/scan.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ascii_word.h"
#include "mime/decoder_util.h"
#include "mime/text.h"

namespace bouncescan::mime::lhost {
namespace {

// Recognition looks at the start of the text only: every family's markers sit near the top,
// and a long quoted original must not make recognition slow.
constexpr std::size_t kRecogniseBytes = 16 * 1024;
// Diagnostics taken from free text (not from a recipient's own lines) are capped.
constexpr std::size_t kMaxFreeTextDiagnostic = 600;
constexpr std::size_t kMaxDiagnostic = 4000;

// A family's phrase lists as finders, built on the first message the family is tried on
// and kept: Recognise runs for every family over up to kRecogniseBytes of every message,
// and one pass per list is far cheaper than one search per phrase.
struct FamilyFinders {
  explicit FamilyFinders(const Family& f)
      : family(f), from(f.from), subject(f.subject), body(f.body), start(f.start), end(f.end),
        held_containing(f.held_containing), notices(f.notices), delay(f.delay) {}
  Family family;  // the lists the finders were built from (to check a cache hit)
  PhraseFinder from, subject, body, start, end, held_containing, notices, delay;
};

bool SameSpan(Phrases a, Phrases b) { return a.data() == b.data() && a.size() == b.size(); }

bool SameLists(const Family& a, const Family& b) {
  return SameSpan(a.from, b.from) && SameSpan(a.subject, b.subject) && SameSpan(a.body, b.body) &&
         SameSpan(a.start, b.start) && SameSpan(a.end, b.end) &&
         SameSpan(a.held_containing, b.held_containing) && SameSpan(a.notices, b.notices) &&
         SameSpan(a.delay, b.delay);
}

// Finders by the Family's address. Families are static tables, so an entry never goes
// stale; a Family at a known address with other lists (one built on the stack) gets
// nullptr and is searched phrase by phrase. Lookups read the table without locking;
// entries are added under the mutex and published with a release store.
class FinderCache {
 public:
  const FamilyFinders* Get(const Family& family) {
    const std::size_t home = Home(&family);
    for (std::size_t probe = 0; probe < kSlots; ++probe) {
      const Entry* e = slots_[(home + probe) % kSlots].load(std::memory_order_acquire);
      if (e == nullptr) break;
      if (&family == e->family_address) return SameLists(e->finders.family, family) ? &e->finders : nullptr;
    }
    return Add(family);
  }

 private:
  struct Entry {
    explicit Entry(const Family& f) : family_address(&f), finders(f) {}
    const Family* family_address;
    FamilyFinders finders;
  };
  static constexpr std::size_t kSlots = 256;

  static std::size_t Home(const Family* f) {
    return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(f) >> 3) * 0x9E3779B97F4A7C15ull >> 56) %
           kSlots;
  }

  const FamilyFinders* Add(const Family& family) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t home = Home(&family);
    for (std::size_t probe = 0; probe < kSlots; ++probe) {
      std::atomic<const Entry*>& slot = slots_[(home + probe) % kSlots];
      const Entry* e = slot.load(std::memory_order_acquire);
      if (e != nullptr) {
        if (&family == e->family_address) return SameLists(e->finders.family, family) ? &e->finders : nullptr;
        continue;
      }
      owned_.push_back(std::make_unique<Entry>(family));
      slot.store(owned_.back().get(), std::memory_order_release);
      return &owned_.back()->finders;
    }
    return nullptr;  // full: more families than any build has
  }

  std::array<std::atomic<const Entry*>, kSlots> slots_{};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> owned_;
};

const FamilyFinders* FindersFor(const Family& family) {
  static FinderCache cache;
  return cache.Get(family);
}

// With the family's finder when there is one, else phrase by phrase.
bool Contains(std::string_view text, const PhraseFinder* finder, Phrases phrases) {
  return finder != nullptr ? finder->Contains(text) : ContainsAny(text, phrases);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) { return TrimView(s); }

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string CapUtf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

void AppendText(std::string* to, std::string_view text) {
  text = Trim(text);
  if (text.empty() || to->size() >= kMaxDiagnostic) return;
  if (!to->empty()) to->push_back(' ');
  to->append(text);
}

// A line made only of rule characters ("-----", "=====", "*****") carries nothing.
bool IsRule(std::string_view line) {
  line = Trim(line);
  if (line.size() < 3) return false;
  return std::all_of(line.begin(), line.end(), [](char c) {
    return c == '-' || c == '=' || c == '*' || c == '_' || c == '#';
  });
}

bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' || c == '.' ||
         c == '[' || c == ']' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// "user@example.com" with a plausible domain (a dot, no empty labels) or an address literal.
bool LooksLikeAddress(std::string_view token) {
  const std::size_t at = token.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= token.size()) return false;
  const std::string_view local = token.substr(0, at);
  const std::string_view domain = token.substr(at + 1);
  if (FirstOf(local, " \t<>") != std::string_view::npos) return false;
  if (!std::all_of(domain.begin(), domain.end(), IsDomainChar)) return false;
  if (domain.front() == '[') return domain.back() == ']';
  return domain.find('.') != std::string_view::npos && domain.find("..") == std::string_view::npos &&
         domain.front() != '.' && domain.back() != '.';
}

std::string NormaliseAddress(std::string_view address) {
  const std::size_t at = address.rfind('@');
  std::string out(address.substr(0, at + 1));
  out += ToLower(address.substr(at + 1));
  return out;
}

bool IsTokenEnd(char c) {
  return IsAsciiSpace(c) || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' ||
         c == ')' || c == '\'';
}

// A line of a forwarded bounce quoted with "> " reads as the line itself.
std::string_view StripQuote(std::string_view line) {
  while (line.size() >= 2 && line[0] == '>' && line[1] == ' ') line.remove_prefix(2);
  if (line == ">") return {};
  return line;
}

struct LineAddress {
  std::string token;  // what names the recipient (an address, or a bare name)
  std::string rest;   // the rest of the line, where the diagnostic begins
  bool is_address = false;
};

// Reads a recipient from the start of `line` (see RecipientLines::kLeadingAddress).
bool ReadLeadingAddress(std::string_view line, bool coded, LineAddress* out) {
  std::string_view s = Trim(StripQuote(line));
  // "<<< 550 <user@...>" echoes whatever the client sent (often the sender, after MAIL
  // FROM); the recipient is named by the client's ">>> RCPT To:" or the summary line.
  if (s.substr(0, 4) == "<<< ") return false;
  for (std::string_view bullet : {std::string_view("* "), std::string_view("-- "), std::string_view("- "),
                                  std::string_view(">>> ")}) {
    if (s.substr(0, bullet.size()) == bullet) {
      s = Trim(s.substr(bullet.size()));
      break;
    }
  }
  std::string_view code;  // "550 5.1.1" before the address: kept for the diagnostic
  if (coded && s.size() > 4 && (s[0] == '4' || s[0] == '5') && IsDigit(s[1]) && IsDigit(s[2]) &&
      (s[3] == ' ' || s[3] == '-')) {
    const std::string_view line_start = s;
    s = Trim(s.substr(4));
    // An enhanced status code after the reply code ("550 5.1.1 <user@...>").
    std::size_t i = 0;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '.')) ++i;
    if (i > 0 && i < s.size() && s[i] == ' ' && s.substr(0, i).find('.') != std::string_view::npos) {
      s = Trim(s.substr(i));
    }
    code = Trim(line_start.substr(0, line_start.size() - s.size()));
  }
  if (IStartsWith(s, "mailto:")) s.remove_prefix(7);
  if (!s.empty() && (s.front() == '<' || s.front() == '"')) s.remove_prefix(1);
  std::size_t n = 0;
  while (n < s.size() && !IsTokenEnd(s[n])) ++n;
  std::string_view token = s.substr(0, n);
  while (!token.empty() && (token.back() == ':' || token.back() == '.')) token.remove_suffix(1);
  if (!LooksLikeAddress(token)) return false;
  std::string_view rest = s.substr(n);
  // "(expanded from\n    <user@example.com>): ..." names an alias, not a recipient.
  if (rest.substr(0, 1) == ")" || rest.substr(0, 2) == ">)") return false;
  while (!rest.empty() && (rest.front() == '>' || rest.front() == '"' || rest.front() == ':' ||
                           rest.front() == '.' || IsAsciiSpace(rest.front()))) {
    rest.remove_prefix(1);
  }
  // "user@example.com<mailto:user@example.com>" (Exchange / Office 365).
  if (IStartsWith(rest, "<mailto:")) {
    const std::size_t close = rest.find('>');
    rest = close == std::string_view::npos ? std::string_view() : Trim(rest.substr(close + 1));
  }
  out->token = NormaliseAddress(token);
  out->rest = std::string(code);
  AppendText(&out->rest, rest);
  out->is_address = true;
  return true;
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  for (char c : line) {
    if (c == ' ') {
      ++n;
    } else if (c == '\t') {
      n += 8;
    } else {
      break;
    }
  }
  return n;
}

// Exim: "  name" (one to three spaces) starts a recipient even without a domain.
bool ReadEximRecipient(std::string_view line, LineAddress* out) {
  const std::size_t indent = Indent(line);
  if (indent == 0 || indent > 3) return false;
  if (ReadLeadingAddress(line, false, out)) return true;
  std::string_view s = Trim(line);
  while (!s.empty() && (s.back() == ':')) s.remove_suffix(1);
  if (!s.empty() && (s.front() == '<')) s.remove_prefix(1);
  if (!s.empty() && (s.back() == '>')) s.remove_suffix(1);
  if (s.empty() || s.front() == '(') return false;
  out->token = std::string(s);
  out->rest = {};
  out->is_address = false;
  return true;
}

std::string FirstAddress(std::string_view text) {
  for (const std::string& a : FindAddresses(text)) {
    if (LooksLikeAddress(a)) return NormaliseAddress(a);
  }
  return {};
}

struct Pending {
  LineAddress who;
  std::string diagnostic;  // the line that named it (when a phrase did) and the lines that follow
};

struct Section {
  std::size_t begin = 0;  // offset of the first line after the start line
  std::size_t end = 0;    // offset of the end line (or the text size)
  std::string_view start_line;
  bool found = true;
};

Section FindSection(const Family& family, const FamilyFinders* finders, std::string_view text) {
  Section s;
  s.end = text.size();
  std::size_t pos = 0;
  bool started = family.start.empty();
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    const std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    if (!started) {
      if (Contains(line, finders ? &finders->start : nullptr, family.start)) {
        started = true;
        s.begin = next;
        s.start_line = line;
      }
    } else if (Contains(line, finders ? &finders->end : nullptr, family.end)) {
      s.end = pos;
      return s;
    }
    pos = next;
  }
  if (!started) s.found = false;  // the family's start phrase is absent: not its bounce
  return s;
}

// The local part of an address, for matching Exim's bare names.
std::string_view LocalPart(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? address : address.substr(0, at);
}

std::vector<std::string> FailedRecipientsHeader(const Message& message) {
  std::vector<std::string> out;
  for (std::string_view value : message.headers.GetAll("X-Failed-Recipients")) {
    for (const std::string& a : FindAddresses(value)) {
      if (LooksLikeAddress(a)) out.push_back(NormaliseAddress(a));
    }
  }
  return out;
}

// Addresses the returned message was sent to: To, Cc and the "for <x>" of Received.
std::vector<std::string> ReturnedRecipients(const Headers& returned) {
  std::vector<std::string> out;
  for (std::string_view name : {std::string_view("To"), std::string_view("Cc")}) {
    for (std::string_view value : returned.GetAll(name)) {
      for (const std::string& a : FindAddresses(value)) {
        if (LooksLikeAddress(a)) out.push_back(NormaliseAddress(a));
      }
    }
  }
  for (std::string_view value : returned.GetAll("Received")) {
    const std::size_t f = FindNoCase(value, " for ");
    if (f == std::string_view::npos) continue;
    const std::string a = FirstAddress(value.substr(f + 5));
    if (!a.empty()) out.push_back(a);
  }
  return out;
}

// Turns Exim's bare names ("kijitora", "save to xxxx") into addresses.
void ResolveBareNames(std::vector<Pending>* pending, const std::vector<std::string>& failed,
                      const std::vector<std::string>& returned) {
  std::vector<std::string> unused = failed;
  for (const Pending& p : *pending) {
    if (!p.who.is_address) continue;
    unused.erase(std::remove(unused.begin(), unused.end(), p.who.token), unused.end());
  }
  std::size_t bare = 0;
  for (const Pending& p : *pending) bare += !p.who.is_address;
  for (Pending& p : *pending) {
    if (p.who.is_address) continue;
    std::string match;
    for (const std::vector<std::string>* list : {&failed, &returned}) {
      for (const std::string& a : *list) {
        if (LocalPart(a) == p.who.token) {
          match = a;
          break;
        }
      }
      if (!match.empty()) break;
    }
    if (match.empty() && bare == 1 && unused.size() == 1) match = unused.front();
    if (match.empty() && bare == 1 && unused.empty() && failed.empty() && returned.size() == 1) {
      match = returned.front();
    }
    if (!match.empty()) {
      p.who.token = match;
      p.who.is_address = true;
    }
  }
  pending->erase(std::remove_if(pending->begin(), pending->end(),
                                [](const Pending& p) { return !p.who.is_address; }),
                 pending->end());
}


struct WordCommand {
  std::string_view phrase;   // lowercase
  std::string_view command;  // as BounceReport spells it
};

// The SMTP command a failure happened at, from the words servers and MTAs use for it.
constexpr WordCommand kCommands[] = {
    {"rcpt to", "RCPT"},          {"rcpt command", "RCPT"},   {"mail from", "MAIL"},
    {"end of data", "DATA"},      {"final data", "DATA"},     {"data command", "DATA"},
    {"after data", "DATA"},       {"reply to data", "DATA"},  {"ehlo", "EHLO"},
    {"helo", "HELO"},             {"starttls", "STARTTLS"},   {"initial connection", "CONN"},
    {"connection refused", "CONN"}, {"auth ", "AUTH"},  {"rcpt_to", "RCPT"},
    {"smtp:rcpt", "RCPT"},        {"rcpt", "RCPT"},
};

std::string FindCommand(std::string_view diagnostic) {
  // The earliest phrase, the first listed on ties.
  static const PhraseFinder finder = [] {
    std::vector<std::string_view> phrases;
    for (const WordCommand& w : kCommands) phrases.push_back(w.phrase);
    return PhraseFinder(phrases);
  }();
  const PhraseFinder::Match m = finder.Find(diagnostic);
  std::string_view found = m.pos == std::string_view::npos ? std::string_view() : kCommands[m.index].command;
  if (found.empty()) {
    // A bare "DATA" line (m-FILTER's "-------SMTP command DATA").
    const std::size_t at = diagnostic.find("DATA");
    if (at != std::string_view::npos && (at == 0 || IsAsciiSpace(diagnostic[at - 1])) &&
        (at + 4 == diagnostic.size() || IsAsciiSpace(diagnostic[at + 4]))) {
      found = "DATA";
    }
  }
  return std::string(found);
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' || c == '.' || c == '_';
}

// A host name or IP address token starting at `s`.
std::string_view HostToken(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && IsHostChar(s[n])) ++n;
  std::string_view t = s.substr(0, n);
  while (!t.empty() && t.back() == '.') t.remove_suffix(1);
  if (t.find('.') == std::string_view::npos) return {};
  return t;
}

// "host mx.example.com [192.0.2.1]", "remote host 192.0.2.1 said", "mx.example.com [192.0.2.1]
// did not like", "Server mx.example.com[192.0.2.1] failed".
std::string FindRemoteMta(std::string_view d) {
  for (std::string_view phrase : {std::string_view("host "), std::string_view("server ")}) {
    std::size_t from = 0;
    while (true) {
      const std::size_t at = FindNoCase(d.substr(from), phrase);
      if (at == std::string_view::npos) break;
      const std::size_t p = from + at;
      // "the mail system at host mx.example.org" names the reporting host, not the remote.
      const bool reporter = p >= 3 && FindNoCase(d.substr(p - 3, 3), "at ") == 0;
      const bool word_start = (p == 0 || !IsHostChar(d[p - 1])) && !reporter;
      const std::string_view host = HostToken(d.substr(p + phrase.size()));
      if (word_start && !host.empty()) return std::string(host);
      from = p + phrase.size();
    }
  }
  const std::size_t bracket = d.find(" [");
  if (bracket != std::string_view::npos && bracket + 2 < d.size() && IsDigit(d[bracket + 2])) {
    std::size_t b = bracket;
    while (b > 0 && IsHostChar(d[b - 1])) --b;
    const std::string_view host = HostToken(d.substr(b, bracket - b));
    if (!host.empty()) return std::string(host);
  }
  return {};
}

}  // namespace

// Horspool's search with ASCII case folding: recognition runs some seventy phrase searches
// over every message's text, and skipping by the phrase length keeps that to a fraction of
// a byte-by-byte scan.
std::size_t FindNoCase(std::string_view haystack, std::string_view needle) {
  const std::size_t m = needle.size();
  if (m < 4 || haystack.size() < 4 * m) return IFind(haystack, needle);
  if (haystack.size() < m) return std::string_view::npos;
  auto fold = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  std::array<std::uint8_t, 256> skip;
  const std::uint8_t longest = static_cast<std::uint8_t>(std::min<std::size_t>(m, 255));
  skip.fill(longest);
  for (std::size_t i = 0; i + 1 < m; ++i) {
    skip[fold(needle[i])] = static_cast<std::uint8_t>(std::min<std::size_t>(m - 1 - i, 255));
  }
  const unsigned char last = fold(needle[m - 1]);
  std::size_t pos = 0;
  while (pos + m <= haystack.size()) {
    const unsigned char c = fold(haystack[pos + m - 1]);
    if (c == last) {
      std::size_t k = 0;
      while (k + 1 < m && fold(haystack[pos + k]) == fold(needle[k])) ++k;
      if (k + 1 == m) return pos;
    }
    pos += skip[c];
  }
  return std::string_view::npos;
}

bool ContainsAny(std::string_view haystack, Phrases needles) {
  for (std::string_view n : needles) {
    if (FindNoCase(haystack, n) != std::string_view::npos) return true;
  }
  return false;
}

std::string_view ReportText(const Message& message) {
  std::string_view text = message.MainText();
  if (!text.empty()) return text;
  for (const Part& p : message.parts) {
    if (!p.is_multipart() && p.content_type.starts_with("text/") && !p.body.empty()) return p.body;
  }
  // A message that is one leaf of a report type. Not an opaque one: a bounce whose only body
  // is an application/octet-stream or image part has no text to read, and its bytes must
  // not become a recipient's diagnostic (mime/testdata/opaque-body-not-read-as-text.eml).
  if (message.parts.empty() || message.parts[0].is_multipart() || !IsTextType(message.parts[0].content_type)) {
    return {};
  }
  return message.parts[0].body;
}

namespace {

bool RecogniseWith(const Family& family, const FamilyFinders* finders, const Message& message) {
  if (!family.from.empty() || !family.subject.empty()) {
    const bool header =
        Contains(message.headers.Get("From"), finders ? &finders->from : nullptr, family.from) ||
        Contains(message.headers.Get("Subject"), finders ? &finders->subject : nullptr, family.subject);
    if (!header) return false;
  }
  if (!family.body.empty()) {
    const std::string_view text = ReportText(message);
    if (!Contains(text.substr(0, kRecogniseBytes), finders ? &finders->body : nullptr, family.body)) return false;
  }
  return !family.from.empty() || !family.subject.empty() || !family.body.empty();
}

}  // namespace

bool Recognise(const Family& family, const Message& message) {
  return RecogniseWith(family, FindersFor(family), message);
}

Headers ReturnedHeaders(const Message& message, std::string_view text, std::size_t from) {
  std::string_view block;
  for (const Part& p : message.parts) {
    if (p.content_type == "message/rfc822" || p.content_type == "text/rfc822-headers" ||
        p.content_type == "message/rfc822-headers") {
      block = p.body;
      break;
    }
  }
  if (block.empty() && from < text.size()) {
    block = text.substr(from);
    // Skip the end line itself and any blank lines after it.
    const std::size_t eol = block.find('\n');
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
  }
  while (!block.empty() && (block.front() == '\n' || block.front() == ' ' || block.front() == '\t')) {
    block.remove_prefix(1);
  }
  const std::size_t blank = block.find("\n\n");
  if (blank != std::string_view::npos) block = block.substr(0, blank + 1);
  return ParseHeaderBlock(block);
}

namespace {

// The enhanced status code of a failure: the first one of class 4 or 5 (a transcript also
// shows the 2.x.x of the steps that worked), also when written right after a colon
// ("ERROR_CODE :5.1.1").
std::string FindFailureStatus(std::string_view d) {
  // A copy with a space after each such colon, made only when there is one (seldom).
  std::string spaced;
  for (std::size_t colon = d.find(':'); colon != std::string_view::npos; colon = d.find(':', colon + 1)) {
    if (colon + 1 < d.size() && (d[colon + 1] == '4' || d[colon + 1] == '5')) {
      spaced.reserve(d.size() + 8);
      for (std::size_t i = 0; i < d.size(); ++i) {
        spaced.push_back(d[i]);
        if (d[i] == ':' && i + 1 < d.size() && (d[i + 1] == '4' || d[i + 1] == '5')) spaced.push_back(' ');
      }
      break;
    }
  }
  std::string_view rest = spaced.empty() ? d : std::string_view(spaced);
  std::string first;
  while (!rest.empty()) {
    std::string code = FindStatusCode(rest);
    if (code.empty()) break;
    if (code[0] != '2') return code;
    if (first.empty()) first = code;
    rest.remove_prefix(rest.find(code) + code.size());
  }
  return first;
}

}  // namespace

void FillFromDiagnostic(RecipientRecord* r) {
  const std::string_view d = r->diagnostic_code;
  if (r->status.empty()) r->status = FindFailureStatus(d);
  if (r->reply_code.empty()) r->reply_code = FindReplyCode(d);
  if (r->remote_mta.empty()) r->remote_mta = FindRemoteMta(d);
  if (r->smtp_command.empty()) r->smtp_command = FindCommand(d);
  if (r->diagnostic_type.empty() && !r->reply_code.empty()) r->diagnostic_type = "smtp";
}

std::vector<RecipientRecord> ReadEmbeddedDsnFields(std::string_view text) {
  if (FindNoCase(text, "final-recipient:") == std::string_view::npos) return {};
  std::string unquoted;  // a forwarded report may quote the fields with "> "
  unquoted.reserve(text.size());
  for (std::string_view line : SplitLines(text)) {
    unquoted.append(StripQuote(line));
    unquoted.push_back('\n');
  }
  std::vector<RecipientRecord> out = ParseDeliveryStatusFields(unquoted, nullptr);
  std::erase_if(out, [](const RecipientRecord& r) { return r.final_recipient.empty(); });
  for (RecipientRecord& r : out) {
    if (r.action.empty()) r.action = "failed";
    FillFromDiagnostic(&r);
  }
  return out;
}

DecoderMatch DecodeFamily(const Family& family, const Message& message, BounceReport* report) {
  const FamilyFinders* finders = FindersFor(family);
  if (!RecogniseWith(family, finders, message)) return DecoderMatch::kNotMine;
  const std::string_view text = ReportText(message);
  const Section section = FindSection(family, finders, text);
  if (!section.found) return DecoderMatch::kNotMine;
  const std::string_view body = text.substr(section.begin, section.end - section.begin);

  std::vector<Pending> pending;
  std::string preamble;
  std::string notice;  // the family's notice lines above the first recipient
  std::string held;    // held_prefixes lines waiting for the next recipient named
  bool want_next_address = false;  // a recipient_after phrase ended its line

  auto skipped = [&](std::string_view line) {
    line = Trim(line);
    return std::any_of(family.skip_prefixes.begin(), family.skip_prefixes.end(),
                       [&](std::string_view p) { return IStartsWith(line, p); });
  };
  // Adds (or finds, by address) a recipient; returns its index in `pending`.
  auto add = [&](LineAddress who, std::string_view lead) -> std::size_t {
    if (skipped(lead)) lead = {};
    for (std::size_t i = 0; i < pending.size(); ++i) {
      Pending& p = pending[i];
      if (who.is_address && p.who.is_address && p.who.token == who.token) {
        AppendText(&p.diagnostic, lead);
        AppendText(&p.diagnostic, who.rest);
        return i;
      }
    }
    pending.push_back(Pending{std::move(who), {}});
    AppendText(&pending.back().diagnostic, lead);
    AppendText(&pending.back().diagnostic, pending.back().who.rest);
    pending.back().who.rest.clear();
    return pending.size() - 1;
  };
  // Gives the held lines to the recipient at `index`.
  auto release_held = [&](std::size_t index) {
    if (held.empty()) return;
    AppendText(&pending[index].diagnostic, held);
    held.clear();
  };
  constexpr std::size_t kNobody = static_cast<std::size_t>(-1);
  std::size_t current = kNobody;  // the recipient the following lines describe
  // A line that names a recipient after one of the family's phrases. True when it did (or
  // when the phrase ended the line and the address comes next).
  auto after_phrase = [&](std::string_view line) {
    for (std::string_view phrase : family.recipient_after) {
      const std::size_t at = FindNoCase(line, phrase);
      if (at == std::string_view::npos) continue;
      const std::string a = FirstAddress(line.substr(at + phrase.size()));
      if (a.empty()) {
        want_next_address = true;
        return true;
      }
      LineAddress who;
      who.token = a;
      who.is_address = true;
      current = add(std::move(who), line);
      return true;
    }
    return false;
  };

  if (!section.start_line.empty()) after_phrase(section.start_line);
  // A line after one ending in "=" continues it: quoted-printable left encoded by a
  // relaying system ("<mailto:user=\ni@example.com>" is not a recipient "i@example.com").
  bool soft_break = false;
  for (std::string_view raw : SplitLines(body)) {
    const std::string_view line = StripQuote(raw);
    const std::string_view trimmed = Trim(line);
    const bool continues = soft_break;
    soft_break = !trimmed.empty() && trimmed.back() == '=';
    if (trimmed.empty() || IsRule(trimmed)) continue;
    if (continues) {
      if (current != kNobody) AppendText(&pending[current].diagnostic, trimmed);
      continue;
    }
    if (want_next_address) {
      const std::string a = FirstAddress(line);
      if (!a.empty()) {
        want_next_address = false;
        LineAddress who;
        who.token = a;
        who.is_address = true;
        current = add(std::move(who), {});
        continue;
      }
    }
    if (after_phrase(line)) continue;
    LineAddress who;
    bool named = false;
    switch (family.lines) {
      case RecipientLines::kLeadingAddress:
        named = ReadLeadingAddress(line, family.coded_lines, &who);
        break;
      case RecipientLines::kEximIndent:
        named = ReadEximRecipient(line, &who) || (Indent(line) == 0 && ReadLeadingAddress(line, false, &who));
        break;
      case RecipientLines::kAnyAddress: {
        const std::string a = FirstAddress(line);
        if (!a.empty()) {
          who.token = a;
          who.is_address = true;
          named = true;
        }
        break;
      }
      case RecipientLines::kNone:
        break;
    }
    if (named) {
      const bool any_line = family.lines == RecipientLines::kAnyAddress;
      current = add(std::move(who), any_line ? line : std::string_view());
      release_held(current);
      continue;
    }
    if (skipped(trimmed)) continue;
    if (Contains(trimmed, finders ? &finders->held_containing : nullptr, family.held_containing) ||
        std::any_of(family.held_prefixes.begin(), family.held_prefixes.end(),
                    [&](std::string_view p) { return IStartsWith(trimmed, p); })) {
      if (held.size() < kMaxFreeTextDiagnostic) AppendText(&held, trimmed);
      continue;
    }
    if (current != kNobody) {
      AppendText(&pending[current].diagnostic, trimmed);
    } else {
      if (preamble.size() < kMaxFreeTextDiagnostic) AppendText(&preamble, trimmed);
      if (!family.notices.empty() && notice.size() < kMaxFreeTextDiagnostic && Contains(trimmed, finders ? &finders->notices : nullptr, family.notices)) {
        AppendText(&notice, trimmed);
      }
    }
  }

  if (current != kNobody) release_held(current);

  // The returned message's headers are parsed only when a bare name or the To fallback
  // needs them: most reports name their recipients in full.
  std::optional<Headers> returned;
  const auto returned_headers = [&]() -> const Headers& {
    if (!returned) returned.emplace(ReturnedHeaders(message, text, section.end));
    return *returned;
  };
  const std::vector<std::string> failed = FailedRecipientsHeader(message);
  const bool has_bare = std::any_of(pending.begin(), pending.end(), [](const Pending& p) { return !p.who.is_address; });
  if (has_bare) ResolveBareNames(&pending, failed, ReturnedRecipients(returned_headers()));

  std::vector<RecipientRecord> records;
  std::vector<RecipientRecord> embedded = ReadEmbeddedDsnFields(body);
  if (!embedded.empty()) {
    records = std::move(embedded);
  } else {
    for (Pending& p : pending) {
      RecipientRecord r;
      r.final_recipient = p.who.token;
      std::string diagnostic = notice;
      if (p.diagnostic.empty()) {
        if (notice.empty()) AppendText(&diagnostic, preamble);
      } else {
        AppendText(&diagnostic, p.diagnostic);
      }
      SqueezeSpaceInPlace(&diagnostic);
      r.diagnostic_code = std::move(diagnostic);
      records.push_back(std::move(r));
    }
  }
  if (records.empty()) {
    std::vector<std::string> fallback = failed;
    if (fallback.empty() && family.original_to_fallback) {
      for (std::string_view value : returned_headers().GetAll("To")) {
        for (const std::string& a : FindAddresses(value)) {
          if (LooksLikeAddress(a)) fallback.push_back(NormaliseAddress(a));
        }
      }
    }
    std::string free_text;
    if (family.fallback_free_text && !fallback.empty()) free_text = CapUtf8(SqueezeSpace(body), kMaxFreeTextDiagnostic);
    for (const std::string& a : fallback) {
      if (std::any_of(records.begin(), records.end(),
                      [&](const RecipientRecord& r) { return r.final_recipient == a; })) {
        continue;
      }
      RecipientRecord r;
      r.final_recipient = a;
      r.diagnostic_code = free_text;
      records.push_back(std::move(r));
    }
  }
  if (records.empty()) return DecoderMatch::kNotMine;

  const bool delayed = !family.delay.empty() &&
                       (Contains(body, finders ? &finders->delay : nullptr, family.delay) ||
                        Contains(message.headers.Get("Subject"), finders ? &finders->delay : nullptr, family.delay));
  report->kind = delayed ? ReportKind::kDelay : ReportKind::kBounce;
  report->decoder = std::string(family.id);
  for (RecipientRecord& r : records) {
    if (r.action.empty()) r.action = delayed ? "delayed" : "failed";
    r.diagnostic_code = CapUtf8(std::move(r.diagnostic_code), kMaxDiagnostic);
    FillFromDiagnostic(&r);
  }
  report->recipients = std::move(records);
  return DecoderMatch::kDecoded;
}

}  // namespace bouncescan::mime::lhost
