#include "mime/decoder_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "mime/text.h"

namespace bouncescan::mime {
namespace {

// ASCII case folding as a table: the phrase searches below fold every byte they read.
constexpr std::array<char, 256> kFold = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return t;
}();

char Lower(char c) { return kFold[static_cast<unsigned char>(c)]; }

// Lines that announce a copy of the bounced message in the body text. Collected from the
// bounce formats of Sendmail, Exim, qmail, Postfix, Courier, Exchange and others.
constexpr std::string_view kOriginalMarkers[] = {
    "original message follows",
    "original message header",
    "below this line is a copy of the message",
    "this is a copy of the message",
    "copy of the message's headers",
    "copy of the message headers",
    "copy of the original message",
    "the original message was received",
    "undelivered message follows",
    "undelivered message headers",
    "returned message follows",
    "header of the original message",
    "headers of the original message",
    "headers of your message follow",
    "original message headers",
    "original message ---",
    "original message -----",
    "included is a copy of the message header",
    "message header follows",
    "the message header follows",
    "your message reads",
    "unsent message below",
    "--- original message",
    "----- original message",
    "orginal message",
    "message headers follow",
    "headers follow",
};

// A field name that opens the quoted header block of a bounced message.
constexpr std::string_view kQuotedHeaderStarts[] = {"return-path:", "received:", "message-id:", "from:",
                                                   "to:", "subject:", "date:", "mime-version:",
                                                   "x-mailer:", "delivered-to:", "reply-to:", "dkim-signature:"};

std::string StripAngles(std::string_view v) {
  v = TrimView(v);
  if (!v.empty() && v.front() == '<') v.remove_prefix(1);
  std::size_t gt = v.find('>');
  if (gt != std::string_view::npos) v = v.substr(0, gt);
  return std::string(TrimView(v));
}

void FillOriginal(const Headers& h, OriginalMessage* o) {
  if (o->message_id.empty()) o->message_id = StripAngles(h.Get("Message-ID"));
  // Decoded into the field itself and squeezed there: one string per field, not two.
  const auto decoded = [&h](std::string_view name, std::string* field) {
    *field = h.GetDecoded(name);
    SqueezeSpaceInPlace(field);
  };
  if (o->from.empty()) decoded("From", &o->from);
  if (o->to.empty()) decoded("To", &o->to);
  if (o->subject.empty()) decoded("Subject", &o->subject);
  if (o->date.empty()) {
    o->date = h.Get("Date");
    SqueezeSpaceInPlace(&o->date);
  }
}

bool Empty(const OriginalMessage& o) {
  return o.message_id.empty() && o.from.empty() && o.to.empty() && o.subject.empty();
}

// The position right after the first marker line, or npos. The earliest marker is found in one skipping pass (PhraseFinder) that reads about one
// byte in ten and stops there: the quoted copy after the marker, most of a bounce's text,
// is not read at all. (One search per marker over the whole text cost 7% of `classify`.)
std::size_t AfterMarker(std::string_view text) {
  static const PhraseFinder finder(kOriginalMarkers);
  std::size_t best = finder.Find(text).pos;
  if (best == std::string_view::npos) return best;
  std::size_t eol = text.find('\n', best);
  return eol == std::string_view::npos ? text.size() : eol + 1;
}

// A header block quoted after `from`: lines may be indented or prefixed with "> ".
OriginalMessage QuotedHeaders(std::string_view text, std::size_t from) {
  OriginalMessage o;
  std::string block;
  bool started = false;
  int taken = 0;
  // Line by line without splitting the rest first: the block ends within a few lines and
  // the quoted message after it can be long.
  const std::string_view rest = text.substr(from);
  for (std::size_t pos = 0; pos < rest.size();) {
    std::size_t eol = rest.find('\n', pos);
    if (eol == std::string_view::npos) eol = rest.size();
    const std::string_view line = rest.substr(pos, eol - pos);
    pos = eol + 1;
    std::string_view l = line;
    if (l.rfind("> ", 0) == 0 || l.rfind(">", 0) == 0) l.remove_prefix(l.size() > 1 && l[1] == ' ' ? 2 : 1);
    std::string_view t = TrimView(l);
    if (!started) {
      if (t.empty()) continue;
      bool head = false;
      for (std::string_view s : kQuotedHeaderStarts) head |= IStartsWith(t, s);
      if (!head) {
        if (++taken > 8) break;  // the copy must start soon after the marker
        continue;
      }
      started = true;
    } else if (t.empty()) {
      break;
    }
    // Keep continuation lines as continuations; un-indent the others.
    bool cont = !l.empty() && (l.front() == ' ' || l.front() == '\t');
    bool field = false;
    if (cont) {
      std::size_t colon = t.find(':');
      field = colon != std::string_view::npos && colon > 0 && t.substr(0, colon).find(' ') == std::string_view::npos;
    }
    if (cont && !field) {
      block += ' ';
      block.append(t);
    } else {
      if (!block.empty()) block += '\n';
      block.append(t);
    }
  }
  if (!block.empty()) FillOriginal(ParseHeaderBlock(block), &o);
  return o;
}

// Words that name the command a reply answered, in an MTA's own account of the dialogue.
struct CommandWords {
  std::string_view phrase;   // lowercase, single-spaced
  std::string_view command;  // as RecipientRecord::smtp_command spells it
};
constexpr CommandWords kCommandWords[] = {
    // Postfix smtp(8): "(in reply to RCPT TO command)" and friends (bounce(5) reports).
    {"in reply to rcpt to command", "RCPT"},
    {"in reply to end of data command", "DATA"},
    {"in reply to data command", "DATA"},
    {"in reply to mail from command", "MAIL"},
    // Exim: "SMTP error from remote mail server after RCPT TO:<...>".
    {"after rcpt to", "RCPT"},
    {"after end of data", "DATA"},
    {"after data", "DATA"},
    {"after mail from", "MAIL"},
};

// ">>> RCPT To:<...>" -> "RCPT"; ">>> ." (end of data) -> "DATA".
std::string_view TranscriptCommand(std::string_view line) {
  line = TrimView(line.substr(3));
  if (IStartsWith(line, "rcpt")) return "RCPT";
  if (IStartsWith(line, "mail")) return "MAIL";
  if (IStartsWith(line, "data") || line == ".") return "DATA";
  return {};
}

}  // namespace

std::string CommandForRecipient(std::string_view text, std::string_view address) {
  if (address.empty()) return {};
  for (std::size_t at = IFind(text, address); at != std::string_view::npos;
       at = IFind(text, address, at + address.size())) {
    std::size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view line = TrimView(text.substr(line_start, at - line_start));
    if (line.rfind("<<<", 0) == 0) {
      // A sendmail transcript: the reply answers the last command sent before it.
      std::size_t end = line_start;
      for (int lines = 0; end > 0 && lines < 50; ++lines) {
        std::size_t start = text.rfind('\n', end - 2 < end ? end - 2 : 0);
        start = (start == std::string_view::npos || end < 2) ? 0 : start + 1;
        std::string_view previous = TrimView(text.substr(start, end - start));
        if (previous.empty()) break;
        if (previous.rfind(">>>", 0) == 0) {
          std::string_view command = TranscriptCommand(previous);
          if (!command.empty()) return std::string(command);
          break;
        }
        if (start == 0) break;
        end = start;
      }
      continue;
    }
    // The rest of the address's paragraph, folded lines joined.
    std::size_t blank = text.find("\n\n", at);
    std::string_view paragraph = text.substr(at, blank == std::string_view::npos ? 1024 : blank - at);
    if (paragraph.size() > 1024) paragraph = paragraph.substr(0, 1024);
    // One buffer for every paragraph read (up to 1 KiB each).
    thread_local std::string joined;
    joined.assign(paragraph);
    SqueezeSpaceInPlace(&joined);
    static const PhraseFinder finder = [] {
      std::vector<std::string_view> phrases;
      for (const CommandWords& w : kCommandWords) phrases.push_back(w.phrase);
      return PhraseFinder(phrases);
    }();
    const PhraseFinder::Match m = finder.Find(joined);
    if (m.pos != std::string_view::npos) return std::string(kCommandWords[m.index].command);
  }
  return {};
}

std::size_t IFind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (from > haystack.size() || haystack.size() - from < needle.size()) return std::string_view::npos;
  // memchr for both cases of the first letter: this runs over every bounce's text for
  // every phrase of several tables, so it has to be fast.
  const char lo = Lower(needle[0]);
  const char up = (lo >= 'a' && lo <= 'z') ? static_cast<char>(lo - 'a' + 'A') : lo;
  const char* const base = haystack.data();
  const char* const last = base + (haystack.size() - needle.size()) + 1;  // one past the last start
  const char* p = base + from;
  const char* next_lo = nullptr;
  const char* next_up = nullptr;
  while (p < last) {
    if (next_lo == nullptr || next_lo < p) {
      next_lo = static_cast<const char*>(std::memchr(p, lo, static_cast<std::size_t>(last - p)));
      if (next_lo == nullptr) next_lo = last;
    }
    if (up == lo) {
      next_up = next_lo;
    } else if (next_up == nullptr || next_up < p) {
      next_up = static_cast<const char*>(std::memchr(p, up, static_cast<std::size_t>(last - p)));
      if (next_up == nullptr) next_up = last;
    }
    p = std::min(next_lo, next_up);
    if (p >= last) break;
    std::size_t k = 1;
    while (k < needle.size() && Lower(p[k]) == Lower(needle[k])) ++k;
    if (k == needle.size()) return static_cast<std::size_t>(p - base);
    ++p;
  }
  return std::string_view::npos;
}

// Two folded bytes hashed to the table's size; pairs that share a slot share the smaller
// shift, which costs a little speed and never a match.
std::uint16_t PhraseFinder::Slot(char a, char b) const {
  return static_cast<std::uint16_t>(((static_cast<unsigned>(static_cast<unsigned char>(Lower(a))) << 5) ^
                                     static_cast<unsigned char>(Lower(b))) & mask_);
}

PhraseFinder::PhraseFinder(std::span<const std::string_view> phrases) {
  if (phrases.empty()) return;
  std::size_t total = 0;
  std::size_t shortest = phrases[0].size();
  for (std::string_view p : phrases) {
    total += p.size();
    shortest = std::min(shortest, p.size());
  }
  text_.reserve(total);
  entries_.reserve(phrases.size());
  if (shortest >= 2) {
    window_ = std::min<std::size_t>(shortest, 255);
    // About sixteen slots per pair the phrases put in the table keeps most slots at the
    // full shift.
    const std::size_t pairs = phrases.size() * (window_ - 1);
    std::size_t slots = 256;
    while (slots < 16 * pairs && slots < 4096) slots *= 2;
    mask_ = static_cast<std::uint16_t>(slots - 1);
    shift_.assign(slots, static_cast<std::uint8_t>(window_ - 1));
  }
  for (std::string_view p : phrases) {
    Entry e{text_.size(), p.size(), 0, entries_.size()};
    text_.append(p);
    if (window_ != 0) {
      for (std::size_t q = 1; q < window_; ++q) {
        std::uint8_t& s = shift_[Slot(p[q - 1], p[q])];
        s = std::min<std::uint8_t>(s, static_cast<std::uint8_t>(window_ - 1 - q));
      }
      e.slot = Slot(p[window_ - 2], p[window_ - 1]);
    }
    entries_.push_back(e);
  }
  if (window_ != 0) {
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.slot < b.slot; });
  }
}

PhraseFinder::Match PhraseFinder::FindEach(std::string_view text) const {
  Match best;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const std::size_t at = IFind(text, Phrase(entries_[i]));
    if (at < best.pos) best = {at, i};
  }
  return best;
}

PhraseFinder::Match PhraseFinder::Find(std::string_view text) const {
  if (window_ == 0) return FindEach(text);
  std::size_t end = window_ - 1;  // index of the window's last byte
  while (end < text.size()) {
    const std::uint16_t slot = Slot(text[end - 1], text[end]);
    const std::uint8_t s = shift_[slot];
    if (s > 0) {
      end += s;
      continue;
    }
    const std::size_t start = end + 1 - window_;
    const std::string_view rest = text.substr(start);
    auto e = std::lower_bound(entries_.begin(), entries_.end(), slot,
                              [](const Entry& entry, std::uint16_t wanted) { return entry.slot < wanted; });
    for (; e != entries_.end() && e->slot == slot; ++e) {
      if (IStartsWith(rest, Phrase(*e))) return {start, e->index};
    }
    ++end;
  }
  return {};
}

bool EqualsNoCase(std::string_view a, std::string_view b) { return a.size() == b.size() && IStartsWith(a, b); }

bool IStartsWith(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(text[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) {
      lines.push_back(text.substr(pos));
      break;
    }
    lines.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

void CompleteRecord(RecipientRecord* r) {
  r->action = ToLower(TrimView(r->action));
  // "failed (bad destination mailbox address)": the first word is the action.
  std::size_t sp = FirstOf(r->action, " \t(");
  if (sp != std::string::npos) r->action.resize(sp);
  // Postfix's address verification reports (sendmail -bv) say deliverable/undeliverable.
  if (r->action == "deliverable") r->action = "delivered";
  if (r->action == "undeliverable") r->action = "failed";
  if (!r->diagnostic_code.empty()) {
    std::string_view d = TrimView(r->diagnostic_code);
    std::size_t semi = d.find(';');
    if (semi != std::string_view::npos && semi > 0 && semi < 24) {
      std::string_view type = TrimView(d.substr(0, semi));
      bool is_type = type.find(' ') == std::string_view::npos;
      for (char c : type) is_type &= (std::isalnum(static_cast<unsigned char>(c)) != 0) || c == '-' || c == '_';
      if (is_type) {
        if (r->diagnostic_type.empty()) r->diagnostic_type = ToLower(type);
        d = d.substr(semi + 1);
      }
    }
    // Cut to `d` and squeezed in place (d is a view into the string itself).
    const std::size_t off = static_cast<std::size_t>(d.data() - r->diagnostic_code.data());
    r->diagnostic_code.resize(off + d.size());
    r->diagnostic_code.erase(0, off);
    SqueezeSpaceInPlace(&r->diagnostic_code);
  }
  // The status is "5.1.1" possibly followed by a comment; keep the code only.
  if (!r->status.empty()) {
    std::string code = FindStatusCode(r->status);
    if (code.empty()) {
      // "5.1.10" style or malformed: keep the first token if it looks like a code.
      std::string_view s = TrimView(r->status);
      s = s.substr(0, FirstOf(s, " \t("));
      r->status = (s.size() >= 5 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && s[1] == '.') ? std::string(s) : "";
    } else {
      r->status = code;
    }
  }
  if (!r->diagnostic_code.empty()) {
    if (r->reply_code.empty()) r->reply_code = FindReplyCode(r->diagnostic_code);
    // The diagnostic's own code is searched for only where it can change the status: none
    // yet, or a generic "5.0.0" beside a precise code from the server's own words.
    if (r->status.empty()) {
      r->status = FindStatusCode(r->diagnostic_code);
    } else if (r->status.size() >= 4 && r->status.compare(1, 4, ".0.0") == 0) {
      std::string from_diag = FindStatusCode(r->diagnostic_code);
      if (!from_diag.empty() && from_diag[0] == r->status[0]) r->status = std::move(from_diag);
    }
  }
  if (!r->remote_mta.empty()) {
    std::string_view m = TrimView(r->remote_mta);
    std::size_t semi = m.find(';');
    if (semi != std::string_view::npos && semi < 12) m = TrimView(m.substr(semi + 1));
    m = m.substr(0, FirstOf(m, " \t"));
    while (!m.empty() && m.back() == '.') m.remove_suffix(1);
    r->remote_mta = std::string(m);
  }
  SqueezeSpaceInPlace(&r->last_attempt_date);
}

std::vector<RecipientRecord> ParseDeliveryStatusFields(std::string_view text, std::string* reporting_mta) {
  std::vector<RecipientRecord> out;
  // Group the fields: a blank line or a second Final-Recipient starts a new group. Fields
  // go to the last group only, so each group is a run of `fields`; names point into `text`
  // and the unfolded values are kept one after the other in `values` (never longer than
  // `text`: unfolding only shortens), so reading the fields allocates three times in all.
  struct Field {
    std::string_view name;
    std::size_t value_at = 0;
    std::size_t value_size = 0;
  };
  struct Group {
    std::size_t first = 0;  // index into fields
    std::size_t end = 0;
    bool has_final = false;
    bool has_original = false;
    bool has_action = false;
  };
  std::vector<Field> fields;
  std::vector<Group> groups(1);
  std::string values;
  values.reserve(text.size());
  std::string_view current_name;
  std::string current_value;
  auto flush_field = [&] {
    if (current_name.empty()) return;
    Group* g = &groups.back();
    bool is_final = IStartsWith(current_name, "final-recipient");
    bool is_orig = IStartsWith(current_name, "original-recipient");
    // Original-Recipient may come before or after Final-Recipient in its group.
    if ((is_final && g->has_final) || (is_orig && (g->has_original || (g->has_final && g->has_action)))) {
      groups.push_back(Group{fields.size(), fields.size()});
      g = &groups.back();
    }
    g->has_final |= is_final;
    g->has_original |= is_orig;
    g->has_action |= IStartsWith(current_name, "action");
    const std::string_view value = TrimView(current_value);
    fields.push_back(Field{current_name, values.size(), value.size()});
    values.append(value);
    g->end = fields.size();
    current_name = {};
    current_value.clear();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimView(line).empty()) {
      flush_field();
      if (groups.back().end != groups.back().first) groups.push_back(Group{fields.size(), fields.size()});
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t')) {
      if (!current_name.empty()) {
        current_value += ' ';
        current_value.append(TrimView(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view name = TrimView(line.substr(0, colon));
    if (name.find(' ') != std::string_view::npos) continue;
    flush_field();
    current_name = name;
    current_value.assign(line.substr(colon + 1));
  }
  flush_field();

  for (const Group& g : groups) {
    RecipientRecord r;
    std::string actual;
    bool any_recipient_field = false;
    bool source_routed = false;  // Final-Recipient is "@relay:user@host"
    for (std::size_t i = g.first; i < g.end; ++i) {
      const std::string_view name = fields[i].name;
      const std::string_view value = std::string_view(values).substr(fields[i].value_at, fields[i].value_size);
      // Compared in place: one lowered copy per field cost an allocation for most names.
      const auto is = [name](std::string_view lower_name) { return EqualsNoCase(name, lower_name); };
      if (is("reporting-mta")) {
        if (reporting_mta && reporting_mta->empty()) {
          RecipientRecord tmp;
          tmp.remote_mta = value;
          CompleteRecord(&tmp);
          *reporting_mta = tmp.remote_mta;
        }
      } else if (is("final-recipient")) {
        r.final_recipient = ExtractAddress(DecodeEncodedWords(value));
        std::string_view v = TrimView(value);
        if (std::size_t semi = v.find(';'); semi != std::string_view::npos) v = TrimView(v.substr(semi + 1));
        source_routed = !v.empty() && v.front() == '@' && v.find(':') != std::string_view::npos;
        any_recipient_field = true;
      } else if (is("original-recipient")) {
        r.original_recipient = ExtractAddress(DecodeEncodedWords(value));
        any_recipient_field = true;
      } else if (is("x-actual-recipient")) {
        actual = ExtractAddress(value);
      } else if (is("action")) {
        r.action = value;
        any_recipient_field = true;
      } else if (is("status")) {
        r.status = value;
        any_recipient_field = true;
      } else if (is("diagnostic-code")) {
        r.diagnostic_code = value;
      } else if (is("remote-mta")) {
        r.remote_mta = value;
      } else if (is("last-attempt-date")) {
        r.last_attempt_date = value;
      } else if (is("x-postfix-smtp-command") || is("x-smtp-command")) {
        r.smtp_command = ToLower(TrimView(value));
      } else if (is("x-powermta-bouncecategory")) {
        // PowerMTA's per-recipient class of the failure (its bounce-category patterns).
        r.bounce_category = ToLower(TrimView(value));
      }
    }
    if (!any_recipient_field) continue;
    // "Final-Recipient: rfc822;@smtp.example.net:user@server" (an RFC 821 source route to a
    // host inside the receiving site, Sun ONE Messaging Server): the address after the route
    // is internal; the Original-Recipient is the address the sender used.
    if (source_routed && !r.original_recipient.empty()) r.final_recipient = r.original_recipient;
    if (r.final_recipient.empty()) r.final_recipient = !r.original_recipient.empty() ? r.original_recipient : actual;
    if (r.final_recipient.empty()) continue;
    CompleteRecord(&r);
    out.push_back(std::move(r));
  }
  return out;
}

bool IsMailSystemSender(std::string_view from_value) {
  static constexpr std::string_view kNames[] = {
      "mailer-daemon", "postmaster", "mail delivery", "mail-daemon", "maildelivery", "mailerdaemon",
      "mail administrator", "mail system", "mdaemon", "double-bounce", "nobody@", "noreply-dmarc",
      "mail.delivery", "bounce@", "bounces@", "mailer@", "mail router", "mail transport",
      "e-mail delivery", "<>"};
  // All the names in one pass over the value, not a search per name: this runs for every
  // message that no earlier decoder claimed, ordinary mail above all.
  static const PhraseFinder kFinder(kNames);
  return kFinder.Contains(from_value);
}

bool IsBounceSubject(std::string_view subject) {
  // Subjects of NDRs as the common MTAs and providers write them, in the languages that
  // Exchange, Gmail and the big webmail providers localise them into.
  static constexpr std::string_view kSubjects[] = {
      "undeliver", "undelivered", "delivery status notification", "delivery failure", "delivery failed",
      "failure notice", "failure delivery", "returned mail", "mail delivery failed", "could not be delivered",
      "non-delivery", "nondeliverable", "non delivery", "not delivered", "delivery problem",
      "mail system error", "returned to sender", "message not delivered", "delivery notification",
      "undeliverable", "warning: could not send", "could not send message", "mail error",
      "unable to deliver", "delivery has failed", "delivery report", "failed delivery", "permanent error",
      "mail delivery system", "delivery final failure", "delivery error", "returned message",
      "bounced mail", "rejected:", "message delivery failure", "delivery notification: delivery has failed",
      "delayed mail", "delivery delay", "warning: message", "delivery status", "mail could not be delivered",
      "unzustellbar", "nicht zugestellt", "non remis", "non distribuable", "no se puede entregar",
      "no entregado", "não entregue", "nao entregue", "onbestelbaar", "niet bezorgd", "non recapitabile",
      "olevererbart", "kan ikke leveres", "ei voitu toimittaa", "niedostarczalna", "не доставлено",
      "недоставлено", "配信不能", "送信エラー", "未送達", "退信", "无法投递", "無法傳遞", "배달 실패",
      "không gửi được", "không thể gửi", "ส่งไม่สำเร็จ"};
  // One pass for all the subjects (see IsMailSystemSender): a subject that is none of them,
  // as most are, cost 67 searches.
  static const PhraseFinder kFinder(kSubjects);
  return kFinder.Contains(subject);
}

std::string_view TextBeforeQuotedOriginal(std::string_view text) {
  std::size_t after = AfterMarker(text);
  if (after == std::string_view::npos) return text;
  // Back to the start of the marker line.
  std::size_t line_start = after == 0 ? 0 : text.rfind('\n', after >= 2 ? after - 2 : 0);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  return text.substr(0, line_start);
}

OriginalMessage FindOriginalMessage(const Message& message) {
  OriginalMessage o;
  const auto& parts = message.parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    if ((p.content_type == "message/rfc822" || p.content_type == "message/global" ||
         p.content_type == "message/rfc822-headers") &&
        i + 1 < parts.size() && parts[i + 1].depth == p.depth + 1) {
      FillOriginal(parts[i + 1].headers, &o);
      if (!Empty(o)) return o;
    }
    if (p.content_type == "text/rfc822-headers" || p.content_type == "message/global-headers" ||
        p.content_type == "text/rfc822-header" || p.content_type == "message/rfc822-headers") {
      FillOriginal(ParseHeaderBlock(p.body), &o);
      if (!Empty(o)) return o;
    }
  }
  std::string_view text = message.MainText();
  std::size_t after = AfterMarker(text);
  if (after != std::string_view::npos) o = QuotedHeaders(text, after);
  return o;
}

}  // namespace bouncescan::mime
