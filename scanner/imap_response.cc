#include "scanner/imap_response.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <span>

namespace bouncescan::scanner {
namespace {

// What a bounce looks like from the outside. Sources: RFC 3464 / RFC 6522 (multipart/report),
// RFC 5321 4.5.5 and common MTA practice (MAILER-DAEMON, postmaster senders), and the
// subjects real servers put on NDRs (Postfix, Exim, qmail, Sendmail, Exchange/Office 365,
// Gmail, Yahoo, Domino). IMAP SEARCH is a case-insensitive substring match.
struct SearchTerm {
  std::string_view key;     // IMAP search key taking the value(s) below
  std::string_view header;  // header name for HEADER, empty otherwise
  std::string_view value;
};
constexpr std::array kBounceSearchTerms{
    SearchTerm{"FROM", "", "mailer-daemon"},
    SearchTerm{"FROM", "", "postmaster"},
    SearchTerm{"FROM", "", "Mail Delivery"},            // "Mail Delivery Subsystem", "Mail Delivery System"
    SearchTerm{"HEADER", "Content-Type", "multipart/report"},
    SearchTerm{"SUBJECT", "", "Undeliverable"},         // Exchange / Office 365
    SearchTerm{"SUBJECT", "", "Undelivered Mail"},      // Postfix
    SearchTerm{"SUBJECT", "", "Delivery Status Notification"},  // Gmail, Sendmail
    SearchTerm{"SUBJECT", "", "Mail delivery failed"},  // Exim
    SearchTerm{"SUBJECT", "", "failure notice"},        // qmail, Yahoo
    SearchTerm{"SUBJECT", "", "Returned mail"},         // Sendmail
    SearchTerm{"SUBJECT", "", "Delivery failure"},
    SearchTerm{"SUBJECT", "", "Delivery has failed"},   // Domino
    SearchTerm{"SUBJECT", "", "Non-delivery"},
    SearchTerm{"SUBJECT", "", "Nondeliverable"},
    SearchTerm{"SUBJECT", "", "could not be delivered"},
    SearchTerm{"SUBJECT", "", "Mail System Error"},
    SearchTerm{"SUBJECT", "", "Delayed Mail"},           // Postfix delay warning
    SearchTerm{"SUBJECT", "", "Warning: could not send message"},  // Sendmail delay warning
};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(s[i])) != std::toupper(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::uint32_t> ToNumber(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > 0xFFFFFFFFull) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

// Number right after `code` (e.g. "UIDVALIDITY ") in `line`, if present.
std::optional<std::uint32_t> NumberAfter(std::string_view line, std::string_view code) {
  std::string upper = Upper(line);
  std::size_t at = upper.find(code);
  if (at == std::string::npos) return std::nullopt;
  std::size_t start = at + code.size();
  std::size_t end = start;
  while (end < line.size() && std::isdigit(static_cast<unsigned char>(line[end]))) ++end;
  return ToNumber(line.substr(start, end - start));
}

// Splits on spaces, keeping parenthesised groups and quoted strings as single tokens.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    std::size_t start = i;
    if (s[i] == '(') {
      int depth = 0;
      bool quoted = false;
      for (; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
          if (c == '\\') ++i;
          else if (c == '"') quoted = false;
        } else if (c == '"') {
          quoted = true;
        } else if (c == '(') {
          ++depth;
        } else if (c == ')') {
          if (--depth == 0) {
            ++i;
            break;
          }
        }
      }
    } else if (s[i] == '"') {
      for (++i; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '"') {
          ++i;
          break;
        }
      }
    } else {
      while (i < s.size() && s[i] != ' ') ++i;
    }
    out.push_back(s.substr(start, std::min(i, s.size()) - start));
  }
  return out;
}

std::string Unquote(std::string_view token) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::string(token);
  std::string out;
  for (std::size_t i = 1; i + 1 < token.size(); ++i) {
    if (token[i] == '\\' && i + 2 < token.size()) ++i;
    out += token[i];
  }
  return out;
}

constexpr std::string_view kModifiedBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

std::string BuildOr(std::span<const SearchTerm> terms) {
  if (terms.size() == 1) {
    const SearchTerm& t = terms[0];
    std::string key(t.key);
    if (!t.header.empty()) key += " " + std::string(t.header);
    return key + " " + QuoteString(t.value);
  }
  std::size_t half = terms.size() / 2;
  return "OR (" + BuildOr(terms.subspan(0, half)) + ") (" + BuildOr(terms.subspan(half)) + ")";
}

}  // namespace

std::vector<std::string_view> UntaggedLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() >= 2 && line[0] == '*' && line[1] == ' ') lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

MailboxInfo ParseMailboxInfo(std::string_view text) {
  MailboxInfo info;
  for (std::string_view line : UntaggedLines(text)) {
    std::string_view rest = line.substr(2);
    std::string upper = Upper(rest);
    if (upper.starts_with("OK [") || upper.starts_with("NO [")) {
      if (auto v = NumberAfter(rest, "[UIDVALIDITY ")) info.uidvalidity = *v;
      if (auto v = NumberAfter(rest, "[UIDNEXT ")) info.uidnext = *v;
      if (upper.starts_with("OK [PERMANENTFLAGS ()]")) info.read_only = true;
      if (upper.starts_with("OK [READ-ONLY]")) info.read_only = true;
    } else if (upper.starts_with("STATUS ")) {
      std::size_t open = rest.rfind('(');
      if (open == std::string_view::npos) continue;
      std::string_view items = rest.substr(open);
      if (auto v = NumberAfter(items, "UIDVALIDITY ")) info.uidvalidity = *v;
      if (auto v = NumberAfter(items, "UIDNEXT ")) info.uidnext = *v;
      if (auto v = NumberAfter(items, "MESSAGES ")) info.exists = *v;
    } else {
      std::size_t sp = rest.find(' ');
      if (sp == std::string_view::npos) continue;
      auto n = ToNumber(rest.substr(0, sp));
      if (n && Upper(rest.substr(sp + 1)) == "EXISTS") info.exists = *n;
    }
  }
  return info;
}

std::set<std::string> ParseCapabilities(std::string_view text) {
  std::set<std::string> caps;
  auto add_all = [&](std::string_view list) {
    for (std::string_view t : Tokens(list)) {
      if (!t.empty() && t.front() != '(' && t.front() != '"') caps.insert(Upper(t));
    }
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (StartsWithNoCase(line, "* CAPABILITY ")) {
      add_all(line.substr(13));
      continue;
    }
    std::string upper = Upper(line);
    std::size_t code = upper.find("[CAPABILITY ");
    if (code != std::string::npos) {
      std::size_t close = line.find(']', code);
      if (close != std::string_view::npos) add_all(line.substr(code + 12, close - code - 12));
    }
  }
  return caps;
}

Result<std::vector<std::uint32_t>> ParseSequenceSet(std::string_view set, std::size_t limit) {
  std::vector<std::uint32_t> out;
  std::size_t pos = 0;
  if (set.empty()) return Status::Malformed("empty sequence set");
  while (pos <= set.size()) {
    std::size_t comma = set.find(',', pos);
    std::size_t end = comma == std::string_view::npos ? set.size() : comma;
    std::string_view item = set.substr(pos, end - pos);
    std::size_t colon = item.find(':');
    std::optional<std::uint32_t> lo = ToNumber(item.substr(0, colon));
    std::optional<std::uint32_t> hi = colon == std::string_view::npos ? lo : ToNumber(item.substr(colon + 1));
    if (!lo || !hi || *lo == 0 || *hi == 0) {
      return Status::Malformed("bad sequence set item '" + std::string(item.substr(0, 40)) + "'");
    }
    if (*lo > *hi) std::swap(lo, hi);
    if (out.size() + (std::uint64_t{*hi} - *lo + 1) > limit) {
      return Status::Malformed("sequence set larger than " + std::to_string(limit));
    }
    for (std::uint64_t v = *lo; v <= *hi; ++v) out.push_back(static_cast<std::uint32_t>(v));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<std::vector<std::uint32_t>> ParseSearch(std::string_view text) {
  std::vector<std::uint32_t> out;
  for (std::string_view line : UntaggedLines(text)) {
    if (!StartsWithNoCase(line, "* SEARCH")) continue;
    std::string_view rest = line.substr(8);
    if (!rest.empty() && rest[0] != ' ') continue;  // "* SEARCHRES..." is not ours
    for (std::string_view t : Tokens(rest)) {
      if (t.front() == '(') continue;  // e.g. CONDSTORE's (MODSEQ n)
      auto n = ToNumber(t);
      if (!n) return Status::Malformed("bad number in SEARCH answer: '" + std::string(t.substr(0, 40)) + "'");
      out.push_back(*n);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// At most this many UIDs in one ESEARCH answer (ParseSequenceSet's default limit).
constexpr std::size_t kMaxESearchAll = 10'000'000;

Result<ESearchResult> ParseESearch(std::string_view text) {
  ESearchResult result;
  for (std::string_view line : UntaggedLines(text)) {
    if (!StartsWithNoCase(line, "* ESEARCH")) continue;
    std::vector<std::string_view> tokens = Tokens(line.substr(9));
    std::size_t i = 0;
    if (i < tokens.size() && tokens[i].front() == '(') ++i;  // (TAG "A5")
    if (i < tokens.size() && Upper(tokens[i]) == "UID") {
      result.uid = true;
      ++i;
    }
    for (; i + 1 < tokens.size(); i += 2) {
      std::string name = Upper(tokens[i]);
      std::string_view value = tokens[i + 1];
      if (name == "ALL") {
        // The cap holds for the whole answer, not per line: a server repeating
        // "ALL 1:9999999" must not make us allocate gigabytes.
        Result<std::vector<std::uint32_t>> set = ParseSequenceSet(value, kMaxESearchAll - result.all.size());
        if (!set.ok()) return set.status();
        result.all.insert(result.all.end(), set->begin(), set->end());
      } else if (name == "COUNT") {
        auto n = ToNumber(value);
        if (!n) return Status::Malformed("bad COUNT in ESEARCH answer");
        result.count = *n;
      }
    }
    if (i < tokens.size()) return Status::Malformed("ESEARCH answer ends in a name without a value");
  }
  std::sort(result.all.begin(), result.all.end());
  result.all.erase(std::unique(result.all.begin(), result.all.end()), result.all.end());
  return result;
}

std::vector<FetchFlags> ParseFetchFlags(std::string_view text) {
  std::vector<FetchFlags> out;
  for (std::string_view line : UntaggedLines(text)) {
    std::vector<std::string_view> head = Tokens(line.substr(2));
    if (head.size() < 3 || Upper(head[1]) != "FETCH" || head[2].front() != '(' || head[2].size() < 2) continue;
    std::vector<std::string_view> items = Tokens(head[2].substr(1, head[2].size() - 2));
    FetchFlags f;
    bool have_uid = false;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
      std::string name = Upper(items[i]);
      if (name == "UID") {
        if (auto n = ToNumber(items[i + 1])) {
          f.uid = *n;
          have_uid = true;
        }
      } else if (name == "RFC822.SIZE") {
        if (auto n = ToNumber(items[i + 1])) f.size = *n;
      } else if (name == "FLAGS" && items[i + 1].front() == '(' && items[i + 1].size() >= 2) {
        std::string_view inner = items[i + 1].substr(1, items[i + 1].size() - 2);
        for (std::string_view flag : Tokens(inner)) f.flags.emplace_back(flag);
      }
    }
    if (have_uid) out.push_back(std::move(f));
  }
  return out;
}

namespace {

// A cursor over a FETCH answer's byte stream (see ParseFetchBodies).
class FetchStream {
 public:
  explicit FetchStream(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool Eat(std::string_view text) {
    if (s_.substr(pos_, text.size()) != text) return false;
    pos_ += text.size();
    return true;
  }
  void SkipSpaces() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  // An atom-ish token: up to a space, parenthesis, CR or LF; brackets and their contents
  // (BODY[HEADER.FIELDS (A B)]) and a partial suffix <0> are part of it.
  std::string_view Atom() {
    std::size_t start = pos_;
    int bracket = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '[') ++bracket;
      if (c == ']' && bracket > 0) --bracket;
      if (bracket == 0 && (c == ' ' || c == '(' || c == ')' || c == '\r' || c == '\n')) break;
      ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }
  std::optional<std::uint64_t> Number() {
    std::size_t start = pos_;
    std::uint64_t n = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9' && pos_ - start < 19) {
      n = n * 10 + static_cast<std::uint64_t>(s_[pos_] - '0');
      ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    return n;
  }
  // A string value: literal {n}CRLF + n bytes ({n+} too), quoted string, or NIL.
  std::optional<std::string> String() {
    if (Eat("{")) {
      std::optional<std::uint64_t> n = Number();
      Eat("+");
      if (!n || !Eat("}\r\n") || *n > s_.size() - pos_) return std::nullopt;
      std::string out(s_.substr(pos_, static_cast<std::size_t>(*n)));
      pos_ += static_cast<std::size_t>(*n);
      return out;
    }
    if (Eat("\"")) {
      std::string out;
      while (pos_ < s_.size() && s_[pos_] != '"') {
        if (s_[pos_] == '\r' || s_[pos_] == '\n') return std::nullopt;
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
        out += s_[pos_++];
      }
      if (!Eat("\"")) return std::nullopt;
      return out;
    }
    std::string_view atom = Atom();
    if (atom.empty()) return std::nullopt;
    return std::string(atom);  // NIL or another atom
  }
  // Skips one value of any shape (atom, number, string, literal, parenthesised list).
  bool SkipValue(int depth = 0) {
    if (depth > 50) return false;
    if (Eat("(")) {
      while (true) {
        SkipSpaces();
        if (Eat(")")) return true;
        if (done() || Peek('\r') || Peek('\n') || !SkipValue(depth + 1)) return false;
      }
    }
    return String().has_value();
  }
  // Skips the rest of a line that is not understood, with any literals it announces.
  bool SkipLine() {
    while (pos_ < s_.size()) {
      std::size_t nl = s_.find('\n', pos_);
      if (nl == std::string_view::npos) {
        pos_ = s_.size();
        return false;
      }
      std::string_view line = s_.substr(pos_, nl + 1 - pos_);
      pos_ = nl + 1;
      std::size_t end = line.size() - 1;
      if (end > 0 && line[end - 1] == '\r') --end;
      if (end == 0 || line[end - 1] != '}') return true;
      std::size_t open = line.rfind('{', end);
      if (open == std::string_view::npos) return true;
      std::string_view digits = line.substr(open + 1, end - 1 - open);
      if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
      std::optional<std::uint32_t> n = ToNumber(digits);
      if (!n) return true;
      if (*n > s_.size() - pos_) {
        pos_ = s_.size();
        return false;
      }
      pos_ += *n;  // the literal; the response goes on after it
    }
    return false;
  }
  bool EatLineEnd() { return Eat("\r\n") || Eat("\n"); }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

FetchBodiesAnswer ParseFetchBodies(std::string_view stream) {
  FetchBodiesAnswer answer;
  FetchStream in(stream);
  while (!in.done()) {
    if (!in.Eat("* ")) {
      // The tagged completion: "TAG OK ...", which must be the last line.
      std::string_view tag = in.Atom();
      in.SkipSpaces();
      std::string_view status = in.Atom();
      if (tag.empty() || tag == "+" || !in.SkipLine() || !in.done()) return answer;
      answer.complete = true;
      answer.tagged_ok = Upper(status) == "OK";
      return answer;
    }
    std::optional<std::uint64_t> seq = in.Number();
    bool fetch = false;
    if (seq && in.Eat(" ")) {
      std::string_view word = in.Atom();
      fetch = Upper(word) == "FETCH" && in.Eat(" (");
    }
    if (!fetch) {
      if (!in.SkipLine()) return answer;
      continue;
    }
    FetchedBody m;
    bool have_uid = false;
    bool have_body = false;
    while (true) {
      in.SkipSpaces();
      if (in.Eat(")")) break;
      std::string name = Upper(in.Atom());
      if (name.empty()) return answer;
      in.SkipSpaces();
      if (name == "UID") {
        std::optional<std::uint64_t> n = in.Number();
        if (!n || *n == 0 || *n > 0xFFFFFFFFull) return answer;
        m.uid = static_cast<std::uint32_t>(*n);
        have_uid = true;
      } else if (name == "RFC822.SIZE") {
        m.size = in.Number();
        if (!m.size) return answer;
      } else if ((name == "BODY[]" || name == "BODY[]<0>") && (in.Peek('{') || in.Peek('"'))) {
        std::optional<std::string> body = in.String();
        if (!body) return answer;
        m.body = std::move(*body);
        have_body = true;
      } else if (!in.SkipValue()) {
        return answer;
      }
    }
    if (!in.EatLineEnd()) return answer;
    if (have_uid && have_body) answer.messages.push_back(std::move(m));
  }
  return answer;  // no tagged line: incomplete
}

std::vector<std::string> ParseListNames(std::string_view text) {
  std::vector<std::string> names;
  for (std::string_view line : UntaggedLines(text)) {
    if (!StartsWithNoCase(line, "* LIST ")) continue;
    std::vector<std::string_view> t = Tokens(line.substr(7));
    if (t.size() < 3 || t[0].front() != '(') continue;
    std::string_view name = t[2];
    if (name.front() == '{') continue;  // literal; libcurl does not give us its text here
    names.push_back(Unquote(name));
  }
  return names;
}

Result<std::string> EncodeMailboxName(std::string_view utf8) {
  std::string out;
  std::u16string pending;
  auto flush = [&]() {
    if (pending.empty()) return;
    out += '&';
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char16_t unit : pending) {
      buffer = (buffer << 16) | unit;
      bits += 16;
      while (bits >= 6) {
        bits -= 6;
        out += kModifiedBase64[(buffer >> bits) & 0x3F];
      }
      buffer &= (1u << bits) - 1;
    }
    if (bits > 0) out += kModifiedBase64[(buffer << (6 - bits)) & 0x3F];
    out += '-';
    pending.clear();
  };
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c <= 0x7E) {
      flush();
      out += c == '&' ? std::string("&-") : std::string(1, static_cast<char>(c));
      ++i;
      continue;
    }
    std::uint32_t cp;
    int extra;
    if (c < 0x80) return Status::InvalidArgument("mailbox name contains a control character");
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      return Status::InvalidArgument("mailbox name is not valid UTF-8");
    }
    if (i + static_cast<std::size_t>(extra) >= utf8.size()) {
      return Status::InvalidArgument("mailbox name is not valid UTF-8");
    }
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return Status::InvalidArgument("mailbox name is not valid UTF-8");
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (extra == 1 && cp < 0x80) ||
        (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)) {
      return Status::InvalidArgument("mailbox name is not valid UTF-8");
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      pending += static_cast<char16_t>(0xD800 + (cp >> 10));
      pending += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      pending += static_cast<char16_t>(cp);
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  flush();
  return out;
}

std::string QuoteString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string UrlEncodePath(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '&' || c == ',' || c == '+') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string FormatSequenceSet(const std::vector<std::uint32_t>& n) {
  std::string out;
  for (std::size_t i = 0; i < n.size();) {
    std::size_t j = i;
    while (j + 1 < n.size() && n[j + 1] == n[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(n[i]);
    if (j > i) out += ":" + std::to_string(n[j]);
    i = j + 1;
  }
  return out;
}

std::string BounceSearchKey() { return "(" + BuildOr(kBounceSearchTerms) + ")"; }

std::string RedactClientLine(std::string_view line) {
  std::string_view body = line;
  std::string_view eol;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  eol = line.substr(body.size());
  // "TAG COMMAND ..." where TAG is an atom of letters and digits.
  std::size_t sp = body.find(' ');
  bool tagged = sp != std::string_view::npos && sp > 0 &&
                std::all_of(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(sp),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }) &&
                sp + 1 < body.size() && std::isalpha(static_cast<unsigned char>(body[sp + 1]));
  if (!tagged) return body.empty() ? std::string(line) : "<redacted>" + std::string(eol);
  std::string_view rest = body.substr(sp + 1);
  if (StartsWithNoCase(rest, "LOGIN ")) {
    return std::string(body.substr(0, sp + 1 + 6)) + "<redacted>" + std::string(eol);
  }
  if (StartsWithNoCase(rest, "AUTHENTICATE ")) {
    std::size_t mech_end = rest.find(' ', 13);
    if (mech_end == std::string_view::npos) return std::string(line);  // no initial response
    return std::string(body.substr(0, sp + 1 + mech_end)) + " <redacted>" + std::string(eol);
  }
  return std::string(line);
}

}  // namespace bouncescan::scanner
