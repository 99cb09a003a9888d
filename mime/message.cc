// ParseMessage: the only code in bouncescan that calls mimetic.
//
// Plain structure (a message of one part; a multipart whose headers and boundaries leave no
// doubt) is read in place by DirectTree, which follows mimetic's own reading and refuses
// everything else; mimetic, the parser of record, reads what it refuses. The Message is the
// same either way (mime/message_reader_test.cc, fuzz/message_reader_fuzzer.cc).
//
// mimetic 0.9.8 is used only the way that survived fuzzing (see mime/README.md and the
// fixtures in mime/testdata/hostile/): the input is normalised to LF line endings, cut to
// max_bytes and checked for nesting depth by our own scan before mimetic sees it; the
// entity is constructed empty and load()ed inside try/catch; address fields are never
// parsed by mimetic (Header::to() and friends double-free on some groups).
#include "mime/message.h"

#include <mimetic/mimetic.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <utility>

#include "base/ascii_word.h"
#include "mime/text.h"

namespace bouncescan::mime {
namespace {

// Equal but for the case of ASCII letters.
bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i], y = b[i];
    if (x == y) continue;  // most characters of a header name looked up as it is written
    // Different bytes are equal only as the two cases of one letter, 0x20 apart.
    const char lower = static_cast<char>(x | 0x20);
    if ((x ^ y) != 0x20 || lower < 'a' || lower > 'z') return false;
  }
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

// The first position of `needle` (lowercase) in `s` read with ASCII letters lowercased, as
// ToLower(s).find(needle) gives it, without the lowered copy; npos if absent.
std::size_t IFindAscii(std::string_view s, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (IEquals(s.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A field name is printable US-ASCII except ':' (RFC 5322 2.2). Lenient: space or tab
// between the name and the colon is accepted (seen in old mailers).
// Returns the position of the colon, or npos if `line` is not a field; `name_end`, if
// given, is set to the end of the name.
std::size_t FieldColon(std::string_view line, std::size_t* name_end = nullptr) {
  static constexpr auto kNameChar = [] {
    std::array<bool, 256> t{};
    for (int c = '!'; c < 127; ++c) t[static_cast<std::size_t>(c)] = c != ':';
    return t;
  }();
  std::size_t i = 0;
  // Eight bytes at a time (every line of every header block is read here): each byte of the
  // word flagged exactly (no sum below carries out of its byte) when it is below '!', DEL,
  // 8-bit or ':'; the lowest flag is where the name ends.
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t kSeven = ~kWordHigh;
    while (i + 8 <= line.size()) {
      std::uint64_t w;
      std::memcpy(&w, line.data() + i, 8);
      const std::uint64_t seven = w & kSeven;
      const std::uint64_t control = ~(seven + kWordOnes * (0x80 - '!'));  // below '!'
      const std::uint64_t del = seven + kWordOnes;                        // 0x7f
      const std::uint64_t x = w ^ (kWordOnes * ':');                      // zero where ':'
      const std::uint64_t colon = ~(((x & kSeven) + kSeven) | x);
      const std::uint64_t end = (control | del | w | colon) & kWordHigh;
      if (end != 0) {
        i += static_cast<std::size_t>(std::countr_zero(end)) / 8;
        break;
      }
      i += 8;
    }
  }
  while (i < line.size() && kNameChar[static_cast<unsigned char>(line[i])]) ++i;
  if (i == 0) return std::string_view::npos;
  if (name_end) *name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return std::string_view::npos;
  return i;
}

// The first position of `s` that is not a blank (space or tab), or npos. (string_view's
// find_first_not_of calls memchr over the two blanks for every character it passes.)
std::size_t FirstNonBlank(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ' ' && s[i] != '\t') return i;
  }
  return std::string_view::npos;
}

// Printable US-ASCII except the RFC 2045 tspecials, as a table (read for every byte of
// every Content-Type).
constexpr auto kTokenChar = [] {
  std::array<bool, 256> t{};
  for (int c = '!'; c < 127; ++c) t[static_cast<std::size_t>(c)] = true;
  for (char c : std::string_view("()<>@,;:\\\"/[]?=")) t[static_cast<unsigned char>(c)] = false;
  return t;
}();

bool IsTokenChar(char c) { return kTokenChar[static_cast<unsigned char>(c)]; }

// The "type/subtype" that `head` (a Content-Type value before its first ';', trimmed)
// starts with: two non-empty RFC 2045 tokens around a '/', ended by the end of `head` or by
// a blank or '(' ("text/plain (comment)"); empty when head does not start that way.
std::string_view TypeSlashSubtype(std::string_view head) {
  std::size_t i = 0;
  while (i < head.size() && IsTokenChar(head[i])) ++i;
  if (i == 0 || i == head.size() || head[i] != '/') return {};
  std::size_t j = i + 1;
  while (j < head.size() && IsTokenChar(head[j])) ++j;
  if (j == i + 1) return {};
  if (j < head.size() && head[j] != ' ' && head[j] != '\t' && head[j] != '(') return {};
  return head.substr(0, j);
}

// Content-Type split into its parts; all lowercase except parameter values.
struct ContentType {
  std::string type;  // "multipart/report"; empty if absent or unparsable
  std::string boundary;  // left empty unless asked for (ParseContentType's `with_boundary`)
  std::string charset;
  std::string report_type;
  std::string name;
  bool has_boundary = false;
};

// ASCII letters lowercased where they lie (no lowered copy).
void LowerInPlace(std::string* s) {
  for (char& c : *s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// A parameter's value as written after '=' (surrounding blanks trimmed): a quoted string
// unquoted and unescaped, or a token up to the first blank, into *out.
void AssignParameterValue(std::string_view v, std::string* out) {
  if (v.empty() || v.front() != '"') {
    out->assign(v.substr(0, FirstOf(v, " \t")));
    return;
  }
  // The closing quote, and whether a backslash comes before it: two searches in wide steps
  // rather than a test of both per byte (a boundary is tens of bytes).
  const std::size_t close = v.find('"', 1);
  const std::size_t before = close == std::string_view::npos ? v.size() : close;
  if (v.substr(1, before - 1).find('\\') == std::string_view::npos) {
    out->assign(v.substr(1, before - 1));
    return;
  }
  out->clear();
  for (std::size_t k = 1; k < v.size() && v[k] != '"'; ++k) {
    if (v[k] == '\\' && k + 1 < v.size()) ++k;
    out->push_back(v[k]);
  }
}

// The bytes that end a run of a parameter's text: ';' (between parameters), '"' and '\\'
// (quoting, within which ';' does not end the parameter).
constexpr auto kParameterSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(';')] = t[static_cast<unsigned char>('"')] = t[static_cast<unsigned char>('\\')] = true;
  return t;
}();

// `with_boundary`: whether ct.boundary is wanted (a part's walk never reads it, and a
// boundary is usually too long to be stored without an allocation).
ContentType ParseContentType(std::string_view value, bool with_boundary = true) {
  ContentType ct;
  std::size_t semi = value.find(';');
  // RFC 2045 5.2: a Content-Type that is not "type/subtype" made of token characters counts
  // as absent (text/plain). Otherwise a garbled "m\xefltipart/report" would be an opaque
  // part whose 8-bit bytes reach the decoders unconverted (fuzz/regressions/decode/).
  const std::string_view type = TypeSlashSubtype(Trim(value.substr(0, semi)));
  if (!type.empty()) {
    ct.type.assign(type);
    LowerInPlace(&ct.type);
  }
  const std::size_t n = value.size();
  while (semi != std::string_view::npos) {
    std::size_t start = semi + 1;
    // Find the end of this parameter, honouring quotes: a run of plain bytes at a time.
    std::size_t i = start;
    bool quoted = false;
    while (i < n) {
      while (i < n && !kParameterSpecial[static_cast<unsigned char>(value[i])]) ++i;
      if (i == n || (value[i] == ';' && !quoted)) break;
      if (value[i] == '"') quoted = !quoted;
      if (value[i] == '\\' && quoted) ++i;
      ++i;
    }
    std::string_view param = Trim(value.substr(start, std::min(i, n) - start));
    semi = i < n ? i : std::string_view::npos;
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = Trim(param.substr(0, eq));
    const std::string_view v = Trim(param.substr(eq + 1));
    if (IEquals(key, "boundary")) {
      if (!ct.has_boundary && with_boundary) AssignParameterValue(v, &ct.boundary);
      ct.has_boundary = true;
    } else if (IEquals(key, "charset")) {
      AssignParameterValue(v, &ct.charset);
      LowerInPlace(&ct.charset);
    } else if (IEquals(key, "report-type")) {
      AssignParameterValue(v, &ct.report_type);
      LowerInPlace(&ct.report_type);
    } else if ((IEquals(key, "name") || IEquals(key, "name*") || IEquals(key, "name*0")) && ct.name.empty()) {
      AssignParameterValue(v, &ct.name);
    }
  }
  return ct;
}

// What ReadHeaderFields saw besides the fields.
struct HeaderScan {
  int bad_lines = 0;        // lines that are neither fields nor continuations
  bool envelope = false;    // a leading mbox "From " line was skipped
  bool terminated = false;  // ended by an empty line, not by the end of the text
  bool nul = false;         // a NUL byte (mimetic cuts a field's value there)
  // kTrimmed values that FieldValues::kAsMimetic would write otherwise: a line ends in a blank,
  // or continues an empty value.
  bool trimmed_unlike_mimetic = false;
};

// How ReadHeaderFields writes a field's value.
enum class FieldValues {
  kTrimmed,  // surrounding blanks trimmed, continuation lines joined with one space
  // As mimetic's header reader (parser/itparser.h, loadHeader) writes it: blanks at the start
  // of the value and of each continuation line dropped, each continuation line joined with a
  // space (also to an empty value, also when the line is blank), trailing blanks kept.
  kAsMimetic,
};

// Reads the header block that starts at `pos` (LF line endings) and adds its fields to
// *out; leaves pos at the first byte of the body. Continuation lines belong to the fields
// of this block only.
void ReadHeaderFields(std::string_view text, std::size_t* pos, HeaderScan* scan, Headers::Builder* out,
                      FieldValues values = FieldValues::kTrimmed) {
  Headers::Builder& fields = *out;
  const std::size_t first_field = fields.size();
  const std::size_t start = *pos;
  // Room for most headers at once (a part's is a few hundred bytes); a message's longer
  // header grows twofold at a time from there. (Finding the blank line that ends the block
  // first, with memmem, cost more than the regrowths.)
  fields.Reserve(std::min<std::size_t>(text.size() - start, 1024));
  std::size_t p = start;
  bool first = true;
  while (p < text.size()) {
    const void* nl = std::memchr(text.data() + p, '\n', text.size() - p);
    const std::size_t eol = nl == nullptr ? text.size() : static_cast<std::size_t>(static_cast<const char*>(nl) - text.data());
    const std::size_t next = nl == nullptr ? text.size() : eol + 1;
    std::string_view line(text.data() + p, eol - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      p = next;
      scan->terminated = true;
      break;
    }
    if (line.back() == ' ' || line.back() == '\t') scan->trimmed_unlike_mimetic = true;
    if (line.front() == ' ' || line.front() == '\t') {
      const bool no_field = fields.size() == first_field;
      if (!no_field && fields.value(fields.size() - 1).empty()) scan->trimmed_unlike_mimetic = true;
      if (no_field) {
        ++scan->bad_lines;
      } else if (values == FieldValues::kAsMimetic) {
        std::size_t k = FirstNonBlank(line);
        fields.AppendToValue(' ');
        if (k != std::string_view::npos) fields.AppendToValue(line.substr(k));
      } else {
        std::string_view cont = Trim(line);
        if (!cont.empty()) {
          if (!fields.value(fields.size() - 1).empty()) fields.AppendToValue(' ');
          fields.AppendToValue(cont);
        }
      }
    } else if (first && line.rfind("From ", 0) == 0) {
      // mbox envelope line left in front of the message.
      scan->envelope = true;
    } else {
      std::size_t name_end = 0;
      std::size_t colon = FieldColon(line, &name_end);
      if (colon == std::string_view::npos) {
        ++scan->bad_lines;
      } else {
        std::string_view value = line.substr(colon + 1);
        if (values == FieldValues::kAsMimetic) {
          std::size_t k = FirstNonBlank(value);
          value.remove_prefix(k == std::string_view::npos ? value.size() : k);
        } else {
          value = Trim(value);
        }
        // One copy of the line up to the value's end, not one of the name and one of the value.
        fields.AddFromLine(line, name_end, static_cast<std::size_t>(value.data() - line.data()), value.size());
      }
    }
    first = false;
    p = next;
  }
  if (p > start && std::memchr(text.data() + start, '\0', p - start) != nullptr) scan->nul = true;
  *pos = p;
}

Headers ReadHeaderFields(std::string_view text, std::size_t* pos, HeaderScan* scan) {
  Headers::Builder fields;
  ReadHeaderFields(text, pos, scan, &fields);
  return std::move(fields).Build();
}

// Upper bound on how deep mimetic would recurse on `text`, found with the same boundary
// rules mimetic uses (a line that starts with "--boundary" of any open multipart closes
// everything inside it). Iterative, so it cannot overflow itself. Stops counting at
// limit + 1.
int NestingDepth(std::string_view text, int limit) {
  std::vector<std::string> open;  // "--boundary" per open multipart; "" for message/rfc822
  std::size_t pos = 0;
  int deepest = 0;
  bool in_header = true;
  while (pos < text.size()) {
    if (in_header) {
      HeaderScan scan;
      Headers h = ReadHeaderFields(text, &pos, &scan);
      ContentType ct = ParseContentType(h.Get("Content-Type"));
      if (ct.type.starts_with("multipart/")) {
        open.push_back("--" + ct.boundary);
        in_header = false;
      } else if (ct.type == "message/rfc822") {
        open.emplace_back();
        in_header = true;
      } else {
        in_header = false;
      }
      deepest = std::max(deepest, static_cast<int>(open.size()));
      if (deepest > limit) return deepest;
      continue;
    }
    std::size_t eol = text.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, next - pos);
    pos = next;
    if (line.empty() || line.front() != '-') continue;
    for (std::size_t k = open.size(); k-- > 0;) {
      const std::string& b = open[k];
      if (b.empty() || line.compare(0, b.size(), b) != 0) continue;
      open.resize(k + 1);
      bool closing = line.size() >= b.size() + 2 && line.compare(b.size(), 2, "--") == 0;
      if (closing) {
        open.pop_back();
      } else {
        in_header = true;
      }
      break;
    }
  }
  return deepest;
}

// Occurrences of "content-type" in any case (they cannot overlap). Found through their
// '-' with memchr, which crosses most of a body (base64 has no '-') in wide steps.
std::size_t CountContentTypes(std::string_view text) {
  constexpr std::string_view kBefore = "content";
  constexpr std::string_view kAfter = "type";
  std::size_t n = 0;
  if (text.size() <= kBefore.size()) return 0;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin + kBefore.size();
       (p = static_cast<const char*>(std::memchr(p, '-', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
    if (end - p < 1 + static_cast<std::ptrdiff_t>(kAfter.size())) break;
    if ((p[1] | 0x20) != 't') continue;  // most dashes, cheaply
    const std::size_t dash = static_cast<std::size_t>(p - begin);
    if (IEquals(text.substr(dash + 1, kAfter.size()), kAfter) &&
        IEquals(text.substr(dash - kBefore.size(), kBefore.size()), kBefore)) {
      ++n;
    }
  }
  return n;
}

// Whether a Content-Transfer-Encoding is one we undo (base64, quoted-printable): the others
// (7bit, 8bit, binary, unknown) leave the body as it is.
bool IsTransferEncoded(std::string_view cte) {
  cte = Trim(cte);
  return IEquals(cte, "base64") || IEquals(cte, "quoted-printable");
}

std::string DecodeTransfer(std::string_view body, std::string_view cte) {
  cte = Trim(cte);
  if (IEquals(cte, "base64")) return DecodeBase64(body);
  if (IEquals(cte, "quoted-printable")) return DecodeQuotedPrintable(body);
  return std::string(body);
}

// The HTML's text: tags removed, block elements as line breaks, common entities decoded.
std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      // The tag's name, compared without regard to case (no lowered copy, no search).
      const std::string_view tag = html.substr(i + 1, std::min<std::size_t>(end - i - 1, 10));
      const auto is = [tag](std::string_view name) { return IStartsWith(tag, name); };
      if (is("style") || is("script")) {
        const std::string_view close = is("style") ? "</style" : "</script";
        std::size_t k = i;
        std::size_t found = std::string_view::npos;
        while ((k = html.find("</", k + 1)) != std::string_view::npos) {
          if (IStartsWith(html.substr(k), close)) {
            found = k;
            break;
          }
        }
        if (found == std::string_view::npos) break;
        end = html.find('>', found);
        if (end == std::string_view::npos) break;
      } else if (is("br") || is("p") || is("/p") || is("div") || is("/div") || is("tr") || is("/tr") || is("li") ||
                 is("/h")) {
        out += '\n';
      } else if (is("td")) {
        out += ' ';
      }
      i = end + 1;
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
          {"&apos;", "'"}};
      bool done = false;
      for (const auto& [ent, rep] : kEntities) {
        if (html.compare(i, ent.size(), ent) == 0) {
          out += rep;
          i += ent.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    // Up to the next tag or entity at once.
    std::size_t run = i + 1;
    while (run < html.size() && html[run] != '<' && html[run] != '&') ++run;
    out.append(html.substr(i, run - i));
    i = run;
  }
  return out;
}

void AppendHeaders(const Headers& headers, std::string* out) {
  for (const HeaderField& f : headers.fields()) {
    out->append(f.name);
    out->append(": ");
    out->append(f.value);
    out->push_back('\n');
  }
}

// A Content-Type value as mimetic's ContentType reads it (contenttype.cxx, fieldparam.cxx
// and strutils.h of mimetic 0.9.8): no quoting, no comments, nothing trimmed but blanks
// around parameter names and values. `value` must outlive it.
struct MimeticContentType {
  std::string_view type;     // up to the first '/' of what precedes the first ';'
  std::string_view subtype;  // from there to the next '/'
  struct Param {
    std::string_view name;   // blanks around it removed; empty when the parameter has no '='
    std::string_view value;  // blanks around it removed, then one pair of enclosing quotes
  };
  std::string_view boundary;  // value of the first parameter named boundary (any case)

  explicit MimeticContentType(std::string_view value) {
    if (value.empty()) return;
    const std::size_t semi = value.find(';');
    const std::string_view main = value.substr(0, semi);
    const std::size_t slash = main.find('/');
    type = main.substr(0, slash);
    if (slash != std::string_view::npos) {
      subtype = main.substr(slash + 1);
      subtype = subtype.substr(0, subtype.find('/'));
    }
    if (semi == std::string_view::npos) return;
    // ';'-separated parameters; an empty one after a final ';' is not one.
    for (std::size_t pos = semi + 1; pos < value.size();) {
      std::size_t end = value.find(';', pos);
      if (end == std::string_view::npos) end = value.size();
      std::string_view text = value.substr(pos, end - pos);
      pos = end + 1;
      Param p;
      const std::size_t eq = text.find('=');
      if (eq != std::string_view::npos) {
        p.name = TrimBlanks(text.substr(0, eq));
        p.value = TrimBlanks(text.substr(eq + 1));
        if (p.value.size() >= 2 && p.value.front() == '"' && p.value.back() == '"') {
          p.value = p.value.substr(1, p.value.size() - 2);
        }
      }
      if (boundary.data() == nullptr && IEquals(p.name, "boundary")) boundary = p.value;
      if (count_ < kInline) {
        inline_[count_++] = p;
      } else {
        more_.push_back(p);
      }
    }
  }

  // ContentType::str(): what mimetic holds as the field's value once it has parsed it,
  // written over *out.
  void Rewrite(std::string* out) const {
    std::size_t size = type.size() + 1 + subtype.size();
    ForEachParam([&size](const Param& p) { size += 5 + p.name.size() + p.value.size(); });
    out->clear();
    out->reserve(size);
    out->append(type).append(1, '/').append(subtype);
    ForEachParam([out](const Param& p) { out->append("; ").append(p.name).append("=\"").append(p.value).append(1, '"'); });
  }

 private:
  // The parameters in order: the first few in place (a Content-Type has one to three),
  // any others in more_.
  template <class F>
  void ForEachParam(F f) const {
    for (std::size_t i = 0; i < count_; ++i) f(inline_[i]);
    for (const Param& p : more_) f(p);
  }
  static constexpr std::size_t kInline = 4;
  Param inline_[kInline];
  std::size_t count_ = 0;
  std::vector<Param> more_;

  static std::string_view TrimBlanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }
};

// The fields of a header that TreeWalker::MakePart reads (the first Content-Type,
// Content-Disposition and Content-Transfer-Encoding), copied.
Headers::Builder HeaderLookups(const Headers& headers) {
  Headers::Builder out;
  for (std::string_view name : {"Content-Type", "Content-Disposition", "Content-Transfer-Encoding"}) {
    for (const HeaderField& f : headers.fields()) {
      if (f.name.size() == name.size() && IEquals(f.name, name)) {
        out.Add(f.name, f.value);
        break;
      }
    }
  }
  return out;
}

// The tree mimetic builds for a well-formed message, read in place: the same header fields,
// bodies and children that mimetic's parser (parser/itparser.h, the random-access version
// that MimeEntity::load uses on our input) gives, with each body a view into the text
// instead of a copy. Load() refuses (returns false) everything but plain structure, and the
// caller then has mimetic read the message: this reader never decides what a message
// means, it only saves mimetic's copying where the reading is not in doubt.
//
// mimetic's reading, as followed here (LF line endings):
// - an entity is its header (up to an empty line) and then, by the first Content-Type
//   field as mimetic's ContentType parses it: a multipart's parts, message/rfc822's one
//   enclosed entity, or a body;
// - a body runs to the first occurrence, anywhere, of "--" + the boundary of the innermost
//   open multipart, minus the line break before it, or else to the end of the text (no
//   multipart is open, or the innermost one's boundary does not occur again: mimetic then
//   reads the rest of the text into the body and searches no outer boundary, so every open
//   multipart ends there, never closed); "--boundary--" closes that multipart, whose
//   epilogue then runs to its parent's next boundary, and the preamble before the first
//   boundary is dropped;
// - a multipart whose boundary does not occur again has no parts: the rest of the text is
//   its preamble (which the walker keeps as text), and every open multipart ends there.
// Refused: header lines that mimetic does not read as fields, a NUL byte or an mbox envelope
// line in a header, a header not ended by an empty line, several Content-Type fields, a
// multipart without a boundary parameter or without parts, a multipart whose text ends
// other than in a body (its preamble or epilogue, or right after a boundary), a boundary found
// within a line or followed by anything but a line break (mimetic would begin the next
// part's header there), nesting deeper than max_depth.
class DirectTree {
 public:
  struct Entity {
    Headers::Builder fields;  // as mimetic holds them: the first Content-Type rewritten by mimetic
    std::string_view body;            // leaves: the undecoded body, a view into the text
    std::string_view preamble;        // a multipart without parts: the rest of the text
    std::vector<std::size_t> children;
  };

  // `text` (LF line endings) must outlive the tree.
  DirectTree(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {
    entities_.reserve(8);  // a report and its parts, in one allocation
  }

  // Reads the entity whose header starts at `start`; it is entities()[0].
  bool Load(std::size_t start) {
    std::size_t pos = start;
    std::size_t root = 0;
    return LoadEntity(&pos, 0, &root);
  }

  // The same, for a header already read that ends at `body_start`: `fields` are those of its
  // fields that the walker reads (HeaderLookups), with their values as mimetic writes them.
  bool Load(Headers::Builder fields, std::size_t body_start) {
    std::size_t pos = body_start;
    std::size_t root = 0;
    return LoadBody(std::move(fields), &pos, 0, &root);
  }

  std::vector<Entity>& entities() { return entities_; }

 private:
  // kNone: the text ended in a body without a delimiter.
  enum class Delimiter { kBoundary, kClosing, kNone };

  bool LoadEntity(std::size_t* pos, int depth, std::size_t* index) {
    if (depth > max_depth_) return false;
    HeaderScan scan;
    Headers::Builder fields;
    ReadHeaderFields(text_, pos, &scan, &fields, FieldValues::kAsMimetic);
    if (scan.bad_lines > 0 || scan.envelope || scan.nul || !scan.terminated) return false;
    return LoadBody(std::move(fields), pos, depth, index);
  }

  // The entity whose header, `fields` as mimetic holds them, ends before `pos`.
  bool LoadBody(Headers::Builder fields, std::size_t* pos, int depth, std::size_t* index) {
    *index = entities_.size();
    entities_.emplace_back();
    enum class Kind { kLeaf, kMultipart, kRfc822 } kind = Kind::kLeaf;
    std::string boundary;
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t content_type = kNone;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string_view name = fields.name(i);
      if (name.size() != 12 || !IEquals(name, "Content-Type")) continue;
      if (content_type != kNone) return false;
      content_type = i;
    }
    if (content_type != kNone) {
      // mimetic replaces the field's value with its ContentType's rewriting of it (see
      // getField in mimetic/rfc822/header.h); the walker reads what mimetic holds.
      const MimeticContentType ct(fields.value(content_type));
      if (IEquals(ct.type, "multipart")) {
        kind = Kind::kMultipart;
        boundary = ct.boundary;
      } else if (IEquals(ct.type, "message") && IEquals(ct.subtype, "rfc822")) {
        kind = Kind::kRfc822;
      }
      // One buffer for every rewriting (the builder copies it).
      thread_local std::string rewritten;
      ct.Rewrite(&rewritten);
      fields.Replace(content_type, rewritten);  // ct's views into the old value end here
    }
    entities_[*index].fields = std::move(fields);

    if (kind == Kind::kLeaf) {
      std::string_view body;
      if (boundaries_.empty()) {
        body = text_.substr(*pos);
        *pos = text_.size();
      } else if (!CopyUntilBoundary(pos, &body)) {
        if (last_ != Delimiter::kNone) return false;
        body = text_.substr(*pos);  // the innermost boundary does not occur again
        *pos = text_.size();
      }
      entities_[*index].body = body;
      return true;
    }
    if (kind == Kind::kRfc822) {
      std::size_t child = 0;
      if (!LoadEntity(pos, depth + 1, &child)) return false;
      entities_[*index].children.push_back(child);
      return true;
    }
    if (boundary.empty()) return false;
    boundaries_.push_back("--" + boundary);
    const std::size_t level = boundaries_.size();
    std::string_view ignored;
    if (!CopyUntilBoundary(pos, &ignored)) {  // the preamble
      if (last_ != Delimiter::kNone) return false;
      // The boundary never occurs (a returned message cut short, a boundary misquoted):
      // mimetic reads the rest of the text into the preamble and searches no outer boundary.
      entities_[*index].preamble = text_.substr(*pos);
      *pos = text_.size();
      boundaries_.pop_back();
      return true;
    }
    while (*pos != text_.size()) {
      if (last_ == Delimiter::kBoundary) {
        std::size_t child = 0;
        if (!LoadEntity(pos, depth + 1, &child)) return false;
        entities_[*index].children.push_back(child);
        continue;
      }
      boundaries_.pop_back();
      if (boundaries_.empty()) {
        *pos = text_.size();  // the epilogue: the rest of the text
      } else if (!CopyUntilBoundary(pos, &ignored)) {
        return false;  // the epilogue: up to the parent's next boundary
      }
      return !entities_[*index].children.empty();
    }
    // The end of the text, reached within a body (this multipart and all that enclose it are
    // never closed: mimetic's tree has the parts read so far), right after this multipart's
    // closing delimiter (the same tree as a closed multipart) or elsewhere (refused).
    if (last_ == Delimiter::kNone) {
      boundaries_.pop_back();
      return !entities_[*index].children.empty();
    }
    if (last_ != Delimiter::kClosing || last_level_ != level) return false;
    boundaries_.pop_back();
    return !entities_[*index].children.empty();
  }

  // The text from `pos` up to the innermost open multipart's next delimiter line; leaves
  // pos after that line (after "--boundary--" only, when it closes the multipart). False
  // with last_ kNone only when the boundary does not occur again.
  bool CopyUntilBoundary(std::size_t* pos, std::string_view* block) {
    const std::string& b = boundaries_.back();
    const void* found = memmem(text_.data() + *pos, text_.size() - *pos, b.data(), b.size());
    if (found == nullptr) {
      last_ = Delimiter::kNone;  // mimetic: the rest of the text, and no delimiter
      return false;
    }
    const std::size_t off = static_cast<std::size_t>(static_cast<const char*>(found) - text_.data());
    if (off > 0 && text_[off - 1] != '\n') {
      last_ = Delimiter::kBoundary;  // not kNone: the boundary occurs, within a line
      return false;
    }
    *block = text_.substr(*pos, off - *pos);
    if (!block->empty()) block->remove_suffix(1);  // the line break before the delimiter
    const std::size_t end = text_.size();
    std::size_t after = off + b.size();
    last_level_ = boundaries_.size();
    if (after + 1 < end && text_[after] == '-' && text_[after + 1] == '-') {
      last_ = Delimiter::kClosing;
      after += 2;
      if (after + 1 < end && text_[after] == '\n') ++after;
      *pos = after;  // anything else on the line starts the epilogue
      return true;
    }
    last_ = Delimiter::kBoundary;
    // mimetic reads anything after the boundary (transport padding, the rest of a longer
    // boundary) as the start of the next part's header.
    if (after + 1 >= end || text_[after] != '\n') return false;
    *pos = after + 1;
    return true;
  }

  std::string_view text_;
  int max_depth_;
  std::vector<Entity> entities_;
  std::vector<std::string> boundaries_;  // "--boundary" of each open multipart, innermost last
  Delimiter last_ = Delimiter::kBoundary;  // the last delimiter found, and
  std::size_t last_level_ = 0;             // the boundaries_.size() it was found at
};

// What TreeWalker::Walk reads of an entity: of mimetic's tree, or of a DirectTree.
class MimeticNodes {
 public:
  using Node = mimetic::MimeEntity*;
  std::size_t Count() const { return 0; }  // not known in advance
  Headers TakeHeaders(Node n) {
    Headers::Builder fields;
    for (const mimetic::Field& f : n->header()) fields.Add(f.name(), f.value());
    return std::move(fields).Build();
  }
  std::string_view Body(Node n) { return n->body(); }
  bool HasChildren(Node n) { return !n->body().parts().empty(); }
  void ReleaseBody(Node n) { std::string().swap(n->body()); }
  std::string AllText(Node n) { return n->body().preamble() + n->body() + n->body().epilogue(); }
  template <class F>
  void ForEachChild(Node n, F f) {
    for (mimetic::MimeEntity* child : n->body().parts()) f(child);
  }
};

class DirectNodes {
 public:
  using Node = std::size_t;
  explicit DirectNodes(DirectTree* tree) : entities_(tree->entities()) {}
  std::size_t Count() const { return entities_.size(); }
  Headers TakeHeaders(Node n) { return std::move(entities_[n].fields).Build(); }
  std::string_view Body(Node n) { return entities_[n].body; }
  bool HasChildren(Node n) { return !entities_[n].children.empty(); }
  void ReleaseBody(Node) {}
  // A leaf's body, or the preamble of a multipart whose boundary never occurs (a DirectTree
  // keeps no other preamble, and no epilogue, of an entity without children).
  std::string AllText(Node n) { return std::string(entities_[n].preamble) + std::string(entities_[n].body); }
  template <class F>
  void ForEachChild(Node n, F f) {
    for (std::size_t child : entities_[n].children) f(child);
  }

 private:
  std::vector<DirectTree::Entity>& entities_;
};

class TreeWalker {
 public:
  TreeWalker(const ParseOptions& options, Message* message) : options_(options), message_(message) {}

  // Flattens the tree under `root` into message parts. Frees each leaf's undecoded body
  // once its part is made, so that a large part is not held twice.
  template <class Nodes>
  void Walk(Nodes& nodes, typename Nodes::Node root) {
    struct Item {
      typename Nodes::Node node;
      int depth;
      int parent;
      bool digest_child;
    };
    message_->parts.reserve(std::min(nodes.Count(), options_.max_parts));
    std::vector<Item> stack{{root, 0, -1, false}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      if (message_->parts.size() >= options_.max_parts) {
        message_->truncated = true;
        message_->problems.push_back("more than " + std::to_string(options_.max_parts) +
                                     " MIME parts; the rest were dropped");
        return;
      }
      int index = static_cast<int>(message_->parts.size());
      const bool has_children = nodes.HasChildren(item.node);
      // Made where it stays: a Part is a dozen members to move otherwise.
      MakePart(nodes.TakeHeaders(item.node), nodes.Body(item.node), has_children, item.depth, item.parent,
               item.digest_child, &message_->parts.emplace_back());
      const bool multipart = message_->parts.back().is_multipart();
      const bool digest = message_->parts.back().content_type == "multipart/digest";
      if (!has_children && !multipart) nodes.ReleaseBody(item.node);
      if (!has_children) {
        // A multipart whose boundary never occurs: its whole body is the preamble. Keep
        // it as a text part so that the words are not lost.
        // (A boundary parameter on an unindented line is lost to the header: mimetic then
        // leaves the words in the body and the epilogue; keep those too.)
        if (!multipart) continue;
        const std::string preamble = nodes.AllText(item.node);
        if (!Trim(preamble).empty() && message_->parts.size() < options_.max_parts) {
          Part text;
          text.content_type = "text/plain";
          text.depth = item.depth + 1;
          text.parent = index;
          text.body = NormalizeLineEndings(ToUtf8(preamble, ""));
          message_->parts.push_back(std::move(text));
          message_->problems.push_back("multipart body without its boundary; read as text");
        }
        continue;
      }
      if (item.depth + 1 > options_.max_depth) {
        message_->truncated = true;
        continue;
      }
      std::size_t first_child = stack.size();
      nodes.ForEachChild(item.node, [&](typename Nodes::Node child) {
        stack.push_back({child, item.depth + 1, index, digest});
      });
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first_child), stack.end());
    }
  }

  // Fills the text of message/rfc822 parts from their enclosed entity (parsed as the
  // following parts), so decoders can search an attached message as text.
  void FillEnclosedText() {
    auto& parts = message_->parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].content_type != "message/rfc822" || !parts[i].body.empty()) continue;
      // Its size first (a bound: one line break more per leaf at most), then one allocation.
      std::size_t size = 0;
      for (std::size_t k = i + 1; k < parts.size() && parts[k].depth > parts[i].depth; ++k) {
        if (parts[k].depth == parts[i].depth + 1) {
          for (const HeaderField& f : parts[k].headers.fields()) size += f.name.size() + f.value.size() + 3;
          size += 1;
        }
        if (!parts[k].is_multipart() && IsTextType(parts[k].content_type)) size += parts[k].body.size() + 2;
      }
      std::string text;
      text.reserve(size);
      for (std::size_t k = i + 1; k < parts.size() && parts[k].depth > parts[i].depth; ++k) {
        if (parts[k].depth == parts[i].depth + 1) {
          AppendHeaders(parts[k].headers, &text);
          text += '\n';
        }
        // An attachment of the returned message (an image, a PDF, an unknown type) is not
        // text: its decoded bytes would reach whatever searches this text.
        if (!parts[k].is_multipart() && IsTextType(parts[k].content_type)) {
          if (parts[k].depth > parts[i].depth + 1) text += '\n';
          text += parts[k].body;
          if (!text.empty() && text.back() != '\n') text += '\n';
        }
      }
      parts[i].body = std::move(text);
    }
  }

 private:
  // Makes *made (a new, empty part) from its header and undecoded body. `has_children`: the
  // body was read as parts.
  void MakePart(Headers headers, std::string_view raw, bool has_children, int depth, int parent,
                bool digest_child, Part* made) {
    Part& part = *made;
    part.headers = std::move(headers);
    part.depth = depth;
    part.parent = parent;
    // The three fields read here, found in one pass over the header (the first of each).
    std::string_view content_type, disposition, transfer_encoding;
    for (const HeaderField& f : part.headers.fields()) {
      const std::size_t n = f.name.size();
      if (n == 12 && content_type.data() == nullptr && IEquals(f.name, "Content-Type")) {
        content_type = f.value;
      } else if (n == 19 && disposition.data() == nullptr && IEquals(f.name, "Content-Disposition")) {
        disposition = f.value;
      } else if (n == 25 && transfer_encoding.data() == nullptr && IEquals(f.name, "Content-Transfer-Encoding")) {
        transfer_encoding = f.value;
      }
    }
    ContentType ct = ParseContentType(content_type, /*with_boundary=*/false);
    if (ct.type.empty()) {
      part.content_type = digest_child ? "message/rfc822" : "text/plain";
    } else {
      part.content_type = std::move(ct.type);
    }
    part.charset = std::move(ct.charset);
    part.report_type = std::move(ct.report_type);
    part.filename = std::move(ct.name);
    if (part.filename.empty()) {
      const std::string_view disp = disposition;
      std::size_t fn = IFindAscii(disp, "filename=");
      if (fn != std::string::npos) {
        std::string_view v = Trim(disp.substr(fn + 9));
        if (!v.empty() && v.front() == '"') v = v.substr(1, v.find('"', 1) - 1);
        part.filename = std::string(v.substr(0, v.find(';')));
      }
    }
    if (has_children || part.is_multipart() || part.content_type == "message/rfc822") {
      return;  // containers: the body is the children (rfc822 text is filled later)
    }
    bool textual = IsTextType(part.content_type);
    if (!textual && raw.size() > options_.max_opaque_body) {
      // A large attachment (an image, an archive, the returned copy of a big file): no
      // decoder reads such a body, so it is neither decoded nor copied.
      part.body_omitted = true;
      return;
    }
    const std::string_view cte = transfer_encoding;
    std::string decoded;
    if (!textual) {
      decoded = DecodeTransfer(raw, cte);
    } else {
      // One conversion at a time, each replacing the last, so that a large text part is
      // held at most twice while it is converted (and a 7bit/8bit one only once).
      if (IsTransferEncoded(cte)) {
        decoded = DecodeTransfer(raw, cte);
        ToUtf8InPlace(&decoded, part.charset);
      } else {
        decoded = ToUtf8(raw, part.charset);
      }
      NormalizeLineEndingsInPlace(&decoded);
    }
    part.body = std::move(decoded);
  }

  const ParseOptions& options_;
  Message* message_;
};

// The index of the part whose text is the message's own words, or -1.
void ChooseMainText(Message* message) {
  int html = -1;
  for (std::size_t i = 0; i < message->parts.size(); ++i) {
    const Part& p = message->parts[i];
    if (p.is_multipart()) continue;
    // Not inside an attached message.
    bool attached = false;
    for (int a = p.parent; a >= 0; a = message->parts[static_cast<std::size_t>(a)].parent) {
      const std::string& t = message->parts[static_cast<std::size_t>(a)].content_type;
      if (t == "message/rfc822") {
        attached = true;
        break;
      }
    }
    if (attached) continue;
    if (p.content_type == "text/plain" && !Trim(p.body).empty()) {
      message->main_text_part = static_cast<int>(i);
      return;
    }
    if (p.content_type == "text/html" && html < 0) html = static_cast<int>(i);
  }
  if (html >= 0) {
    message->main_text_part = html;
    message->html_main_text = HtmlToText(message->parts[static_cast<std::size_t>(html)].body);
  }
}

}  // namespace

bool IsTextType(std::string_view type) {
  return type.starts_with("text/") || type == "message/delivery-status" ||
         type == "message/global-delivery-status" || type == "message/feedback-report" ||
         type == "message/disposition-notification" || type == "message/global-headers" ||
         type == "message/rfc822-headers";
}

// (Never without a buffer once MakeRoom is called: a view of an empty name or value still
// points into the text, as views found by a search are told from "none" by a null data().)
void Headers::Builder::Grow(std::size_t more) {
  // Grown at least twofold, so that a block read paragraph by paragraph is not copied once
  // per paragraph; the views are moved to the new buffer while the old one still exists.
  std::vector<char> grown;
  grown.reserve(std::max({text_.size() + more, 2 * text_.capacity(), std::size_t{64}}));
  grown.insert(grown.end(), text_.begin(), text_.end());
  const char* const from = text_.data();
  const auto moved = [&grown, from](std::string_view v) {
    return std::string_view(grown.data() + (v.data() - from), v.size());
  };
  for (HeaderField& f : fields_) f = {moved(f.name), moved(f.value)};
  text_.swap(grown);
}

const char* Headers::Builder::Append(std::string_view bytes) {
  const std::size_t at = text_.size();
  text_.insert(text_.end(), bytes.begin(), bytes.end());
  return text_.data() + at;
}

void Headers::Builder::Add(std::string_view name, std::string_view value) {
  MakeRoom(name.size() + value.size());
  const char* const n = Append(name);
  const char* const v = Append(value);
  fields_.push_back({std::string_view(n, name.size()), std::string_view(v, value.size())});
}

void Headers::Builder::AddFromLine(std::string_view line, std::size_t name_size, std::size_t value_at,
                                   std::size_t value_size) {
  MakeRoom(value_at + value_size);
  const char* const at = Append(line.substr(0, value_at + value_size));
  fields_.push_back({std::string_view(at, name_size), std::string_view(at + value_at, value_size)});
}

void Headers::Builder::Reserve(std::size_t size) { MakeRoom(size); }

void Headers::Builder::AppendToValue(std::string_view more) {
  MakeRoom(more.size());
  Append(more);
  std::string_view& v = fields_.back().value;
  v = std::string_view(v.data(), v.size() + more.size());
}

void Headers::Builder::AppendToValue(char c) { AppendToValue(std::string_view(&c, 1)); }

void Headers::Builder::Replace(std::size_t i, std::string_view value) {
  MakeRoom(value.size());
  fields_[i].value = std::string_view(Append(value), value.size());
}

Headers Headers::Builder::Build() && {
  Headers headers;
  if (fields_.empty()) return headers;
  auto block = std::make_shared<Block>();
  block->text = std::move(text_);  // the bytes stay where the views point
  block->fields = std::move(fields_);
  headers.block_ = std::move(block);
  return headers;
}

const std::vector<HeaderField>& Headers::NoFields() {
  static const std::vector<HeaderField> none;
  return none;
}

// The size test is repeated before each IEquals call so that the fields of other lengths
// (most of them) cost no call: every decoder reads From and Subject of every message.
std::string_view Headers::Get(std::string_view name) const {
  for (const HeaderField& f : fields()) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) return f.value;
  }
  return {};
}

std::vector<std::string_view> Headers::GetAll(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const HeaderField& f : fields()) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) out.push_back(f.value);
  }
  return out;
}

bool Headers::Has(std::string_view name) const {
  for (const HeaderField& f : fields()) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) return true;
  }
  return false;
}

std::string Headers::GetDecoded(std::string_view name) const { return DecodeEncodedWords(Get(name)); }

Headers ParseHeaderBlock(std::string_view text) {
  std::string normalised;
  if (text.find('\r') != std::string_view::npos) {
    normalised = NormalizeLineEndings(text);
    text = normalised;
  }
  // Unlike a message header, a block of report fields may contain blank lines; parse
  // every paragraph.
  Headers::Builder fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    HeaderScan scan;
    ReadHeaderFields(text, &pos, &scan, &fields);
  }
  return std::move(fields).Build();
}

const Part* Message::Find(std::string_view content_type) const {
  for (const Part& p : parts) {
    if (p.content_type == content_type) return &p;
  }
  return nullptr;
}

std::string_view Message::MainText() const {
  if (main_text_part < 0 || static_cast<std::size_t>(main_text_part) >= parts.size()) return {};
  const Part& p = parts[static_cast<std::size_t>(main_text_part)];
  if (p.content_type == "text/html") return html_main_text;
  return p.body;
}

Result<Message> ParseMessage(std::string_view raw, const ParseOptions& options) {
  Message message;
  if (raw.size() > options.max_bytes) {
    std::size_t cut = raw.rfind('\n', options.max_bytes);
    raw = raw.substr(0, cut == std::string_view::npos ? options.max_bytes : cut + 1);
    message.truncated = true;
    message.problems.push_back("message larger than " + std::to_string(options.max_bytes) +
                               " bytes; only the start was read");
  }
  // Input with LF line endings (the usual case) is read in place; only input carrying CR
  // is copied, once, with its line endings normalised.
  std::string normalised;
  std::string_view text = raw;
  if (raw.find('\r') != std::string_view::npos) {
    normalised = NormalizeLineEndings(raw);
    text = normalised;
  }
  if (Trim(text).empty()) return Status::Malformed("empty message");

  // Our own look at the top-level header first: mimetic accepts anything.
  std::size_t body_pos = 0;
  HeaderScan top_scan;
  Headers top = ReadHeaderFields(text, &body_pos, &top_scan);
  if (top.fields().empty()) return Status::Malformed("no header fields at the start of the message");
  if (top_scan.bad_lines > 0) {
    return Status::Malformed(std::to_string(top_scan.bad_lines) +
                             " line(s) in the message header are not header fields");
  }
  // Only a multipart needs its parameters read here: its type is the start of the value.
  const std::string_view top_type = top.Get("Content-Type");
  if (IStartsWith(Trim(top_type), "multipart/")) {
    const ContentType top_ct = ParseContentType(top_type);
    if (top_ct.type.starts_with("multipart/") && top_ct.boundary.empty()) {
      return Status::Malformed("multipart message without a boundary parameter");
    }
  }
  // mimetic's parser recurses once per nesting level; a deep enough message overflows the
  // stack. Every level needs its own Content-Type field, so when there are few of them
  // the full scan is not needed.
  std::size_t content_types = CountContentTypes(text);
  if (content_types > static_cast<std::size_t>(options.max_depth)) {
    int depth = NestingDepth(text, options.max_depth);
    if (depth > options.max_depth) {
      return Status::Malformed("MIME parts nested more than " + std::to_string(options.max_depth) + " levels deep");
    }
    // Belt and braces for inputs our scan and mimetic might read differently.
    if (content_types > 4 * options.max_parts) {
      return Status::Malformed("more than " + std::to_string(4 * options.max_parts) + " MIME parts");
    }
  }

  // Skip an mbox envelope line: mimetic would take it for a (broken) field.
  std::string_view input = text;
  if (input.rfind("From ", 0) == 0) {
    std::size_t eol = input.find('\n');
    input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
  }
  using Reader = ParseOptions::Reader;
  try {
    // Plain structure (a message of one part, most often) is read in place, as mimetic
    // would read it (DirectTree); anything else is left to mimetic.
    std::optional<DirectTree> direct;
    if (options.reader != Reader::kMimeticOnly) {
      direct.emplace(text, options.max_depth);
      // The header read above serves when mimetic would read the same fields from it.
      std::size_t top_content_types = 0;
      for (const HeaderField& f : top.fields()) {
        if (f.name.size() == 12 && IEquals(f.name, "Content-Type")) ++top_content_types;
      }
      const bool top_as_mimetic =
          !top_scan.trimmed_unlike_mimetic && !top_scan.nul && top_scan.terminated && top_content_types <= 1;
      const bool loaded = top_as_mimetic ? direct->Load(HeaderLookups(top), body_pos)
                                         : direct->Load(static_cast<std::size_t>(input.data() - text.data()));
      if (!loaded) direct.reset();
    }
    if (!direct && options.reader == Reader::kDirectOnly) {
      return Status::Malformed("MIME structure left to mimetic (ParseOptions::Reader::kDirectOnly)");
    }
    if (direct) {
      DirectNodes nodes(&*direct);
      TreeWalker walker(options, &message);
      walker.Walk(nodes, 0);
      walker.FillEnclosedText();
    } else {
      mimetic::MimeEntity entity;
      entity.load(input.begin(), input.end());
      // mimetic holds its own copy now.
      std::string().swap(normalised);
      text = input = {};
      MimeticNodes nodes;
      TreeWalker walker(options, &message);
      walker.Walk(nodes, &entity);
      walker.FillEnclosedText();
    }
  } catch (const std::exception& e) {
    return Status::Malformed(std::string("MIME structure could not be parsed: ") + e.what());
  } catch (...) {
    return Status::Malformed("MIME structure could not be parsed");
  }
  if (message.parts.empty()) return Status::Malformed("no MIME entity could be read");
  // Our own header parse keeps fields exactly as written (mimetic rewrites Content-Type).
  message.parts[0].headers = top;
  message.headers = std::move(top);
  ChooseMainText(&message);
  return message;
}

}  // namespace bouncescan::mime
