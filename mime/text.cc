#include "mime/text.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "base/ascii_word.h"

namespace bouncescan::mime {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char LowerChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len;
  std::uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  std::uint32_t cp = b0 & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}


// True when no byte is 8-bit or ESC (which starts ISO-2022 shifts): such text is the same
// in every charset ToUtf8 knows. It runs over every text part: 32 bytes at a time, as four
// words whose tests are joined before one branch, then eight at a time.
bool IsAsciiWithoutEscape(std::string_view s) {
  constexpr std::uint64_t kHigh = kWordHigh;
  constexpr std::uint64_t kOnes = kWordOnes;
  constexpr std::uint64_t kEsc = 0x1b1b1b1b1b1b1b1bull;
  // Nonzero when a byte of w is ESC, given that none is 8-bit (the zero-byte test on w ^ ESC).
  const auto escape = [](std::uint64_t w) {
    const std::uint64_t x = w ^ kEsc;
    return (x - kOnes) & ~x;
  };
  std::size_t i = 0;
  for (; i + 32 <= s.size(); i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, s.data() + i, 32);
    if (((w[0] | w[1] | w[2] | w[3]) & kHigh) != 0) return false;
    if (((escape(w[0]) | escape(w[1]) | escape(w[2]) | escape(w[3])) & kHigh) != 0) return false;
  }
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & kHigh) return false;
    std::uint64_t x = w ^ kEsc;  // a zero byte where w holds ESC
    if ((x - kOnes) & ~x & kHigh) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80 || s[i] == '\x1b') return false;
  }
  return true;
}

// Invalid bytes become U+FFFD.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// windows-1252 is what mislabelled or unlabelled 8-bit Western text almost always is.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void AppendCodePoint(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Cp1252ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out += ch;
    } else if (b < 0xA0) {
      AppendCodePoint(out, kCp1252High[b - 0x80]);
    } else {
      AppendCodePoint(out, b);
    }
  }
  return out;
}

// Charset labels seen in mail mapped to the names glibc's iconv knows; the superset
// is used where one exists (WHATWG Encoding Standard does the same).
struct CharsetAlias {
  std::string_view label;
  std::string_view iconv_name;
};
constexpr CharsetAlias kCharsetAliases[] = {
    {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},   {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},      {"gb2312", "GB18030"},        {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},           {"ks_c_5601-1987", "CP949"},  {"euc-kr", "CP949"},
    {"shift_jis", "CP932"},         {"shift-jis", "CP932"},       {"x-sjis", "CP932"},
    {"sjis", "CP932"},              {"windows-31j", "CP932"},     {"iso-2022-jp", "ISO-2022-JP-3"},
    {"iso-2022-jp-2", "ISO-2022-JP-2"}, {"euc-jp", "EUC-JP-MS"},  {"big5", "BIG5-HKSCS"},
    {"windows-874", "CP874"},       {"tis-620", "CP874"},         {"unicode-1-1-utf-7", "UTF-7"},
    {"iso-8859-9", "WINDOWS-1254"}, {"ks_c_5601", "CP949"},
};

// One iconv descriptor per charset per thread, opened on first use and kept: opening
// costs far more than a conversion of a typical diagnostic line.
class IconvCache {
 public:
  IconvCache() = default;
  IconvCache(const IconvCache&) = delete;
  IconvCache& operator=(const IconvCache&) = delete;
  ~IconvCache() {
    for (auto& [name, cd] : cds_) {
      if (cd != kInvalid) iconv_close(cd);
    }
  }
  // kInvalid when iconv does not know the charset.
  iconv_t Get(const std::string& name) {
    auto it = cds_.find(name);
    if (it != cds_.end()) return it->second;
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    cds_.emplace(name, cd);
    return cd;
  }
  static inline const iconv_t kInvalid = reinterpret_cast<iconv_t>(-1);

 private:
  std::unordered_map<std::string, iconv_t> cds_;
};

IconvCache& ThreadIconvCache() {
  thread_local IconvCache cache;
  return cache;
}

// Converts with iconv; invalid input bytes become U+FFFD. Returns false if the charset
// is unknown.
bool IconvToUtf8(std::string_view text, const std::string& name, std::string* out) {
  iconv_t cd = ThreadIconvCache().Get(name);
  if (cd == IconvCache::kInvalid) return false;
  // (Names are the upper-case ones of kCharsetAliases or a lowered label.)
  const bool seven_bit = name.starts_with("ISO-2022-") || name.starts_with("iso-2022-");
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  out->clear();
  out->reserve(text.size() * 2 + 16);
  // iconv(3) takes char** for its input but never writes through it: no copy is needed.
  char* inp = const_cast<char*>(text.data());
  std::size_t inleft = text.size();
  char buf[4096];
  while (inleft > 0) {
    char* outp = buf;
    std::size_t outleft = sizeof buf;
    std::size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
    out->append(buf, static_cast<std::size_t>(outp - buf));
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ (invalid sequence) or EINVAL (truncated at the end): skip one byte.
    *out += kReplacement;
    ++inp;
    --inleft;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    // In a 7-bit encoding (ISO 2022) no byte from 0x80 is valid in any state, so iconv,
    // called again from the initial state, would stop at each such byte that follows and
    // the loop would replace it: replaced here, without the two calls per byte (mislabelled
    // 8-bit text, UTF-8 under an ISO-2022-JP label, is a run of them).
    if (seven_bit) {
      while (inleft > 0 && static_cast<unsigned char>(*inp) >= 0x80) {
        *out += kReplacement;
        ++inp;
        --inleft;
      }
    }
  }
  // Flush any pending shift state (stateful encodings).
  char* outp = buf;
  std::size_t outleft = sizeof buf;
  iconv(cd, nullptr, nullptr, &outp, &outleft);
  out->append(buf, static_cast<std::size_t>(outp - buf));
  // glibc's converters let some invalid input through unchanged (its UTF-8 decoder passes
  // F4 A2 8A AC, a code point above U+10FFFF): the result is checked, not trusted.
  if (!IsValidUtf8(*out)) *out = RepairUtf8(*out);
  return true;
}

bool HasIso2022Escape(std::string_view text) {
  return text.find("\x1b$B") != std::string_view::npos || text.find("\x1b$@") != std::string_view::npos ||
         text.find("\x1b(J") != std::string_view::npos;
}

// RFC 5322 atext plus '.', as a table: address scans call this for every byte of every
// local part (a strchr per byte cost a third of ExtractAddress).
constexpr std::array<bool, 256> kAtext = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (char c : std::string_view("!#$%&'*+-/=?^_`{|}~.")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool IsAtext(char c) { return kAtext[static_cast<unsigned char>(c)]; }

bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' || c == '.' ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Validates and normalises local@domain: the domain lowercased, surrounding dots removed.
std::string NormaliseAddress(std::string_view local, std::string_view domain) {
  while (!local.empty() && (local.front() == '.' || local.front() == '\'')) {
    local.remove_prefix(1);
  }
  while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) domain.remove_suffix(1);
  if (local.empty() || domain.empty()) return {};
  bool bracket = domain.front() == '[';
  if (!bracket) {
    if (domain.find('.') == std::string_view::npos && domain != "localhost") {
      // A bare host name is still an address (local delivery), but only if it is a name.
      bool alpha = false;
      for (char c : domain) alpha |= !IsDigit(c);
      if (!alpha) return {};
    }
    if (domain.front() == '.' || domain.find("..") != std::string_view::npos) return {};
  }
  std::string out(local);
  out += '@';
  out += ToLower(domain);
  return out;
}

// Scans an address around the '@' at position at; returns it and sets [*begin, *end).
std::string AddressAt(std::string_view text, std::size_t at, std::size_t* begin, std::size_t* end) {
  std::size_t b = at;
  if (b > 0 && text[b - 1] == '"') {
    // Quoted local part: "john doe"@example.com
    std::size_t q = text.rfind('"', b - 2 < text.size() ? b - 2 : 0);
    if (q != std::string_view::npos && b >= 2 && q < b - 1) b = q;
  } else {
    while (b > 0 && IsAtext(text[b - 1])) --b;
  }
  std::size_t e = at + 1;
  if (e < text.size() && text[e] == '[') {
    std::size_t close = text.find(']', e);
    if (close == std::string_view::npos || close - e > 64) return {};
    e = close + 1;
  } else {
    while (e < text.size() && IsDomainChar(text[e])) ++e;
  }
  *begin = b;
  *end = e;
  std::string_view local = text.substr(b, at - b);
  // "/home/user/mbox/user@example.com" (a file delivery in an MTA's words): the path is
  // not part of the address. A quoted local part is taken whole (RFC 5321 4.1.2): a '/'
  // inside the quotes is one of its characters.
  if (local.empty() || local.front() != '"') {
    std::size_t slash = local.rfind('/');
    if (slash != std::string_view::npos) local.remove_prefix(slash + 1);
  }
  std::string_view domain = text.substr(at + 1, e - at - 1);
  // A quoted local part or a domain literal may not hold a line break or a NUL
  // (RFC 5322 qtext, dtext); what does is not an address, and must not reach one output line.
  constexpr std::string_view kNotInAddress("\r\n\0", 3);
  if (FirstOf(local, kNotInAddress) != std::string_view::npos ||
      FirstOf(domain, kNotInAddress) != std::string_view::npos) {
    return {};
  }
  // Trailing non-ASCII bytes are usually punctuation of the surrounding text (full-width
  // brackets in Japanese messages), not part of the host name.
  while (!domain.empty() && static_cast<unsigned char>(domain.back()) >= 0x80) domain.remove_suffix(1);
  return NormaliseAddress(local, domain);
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // Eight ASCII bytes at a time: most of what is checked (every JSON string written,
    // every text part) is ASCII.
    std::uint64_t w;
    if (i + 8 <= s.size() && (std::memcpy(&w, s.data() + i, 8), (w & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // Two- and three-byte sequences (accented Latin, CJK) checked here, the rest in
    // Utf8SequenceLength, with the same rules: no overlong form, no surrogate.
    if ((b0 & 0xE0) == 0xC0 && i + 2 <= s.size()) {
      if (b0 < 0xC2 || (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80) return false;
      i += 2;
      continue;
    }
    if ((b0 & 0xF0) == 0xE0 && i + 3 <= s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
      const std::uint32_t cp = (static_cast<std::uint32_t>(b0 & 0x0F) << 12) | (static_cast<std::uint32_t>(b1 & 0x3F) << 6);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += 3;
      continue;
    }
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ToLower(std::string_view text) {
  // Eight bytes at a time (base/ascii_word.h).
  std::string out(text);
  char* const p = out.data();
  const std::size_t n = out.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    w = LowerAsciiWord(w);
    std::memcpy(p + i, &w, 8);
  }
  for (; i < n; ++i) p[i] = LowerChar(p[i]);
  return out;
}

void NormalizeLineEndingsInPlace(std::string* text) {
  std::size_t cr = text->find('\r');
  if (cr == std::string::npos) return;
  // The output is never longer: bytes move down over each CR of a CRLF, a run at a time.
  char* const data = text->data();
  const std::size_t size = text->size();
  std::size_t out = cr;
  std::size_t in = cr;
  while (true) {
    data[out++] = '\n';
    in = cr + 1;
    if (in < size && data[in] == '\n') ++in;
    const void* next = in < size ? std::memchr(data + in, '\r', size - in) : nullptr;
    cr = next == nullptr ? size : static_cast<std::size_t>(static_cast<const char*>(next) - data);
    if (out != in) std::memmove(data + out, data + in, cr - in);
    out += cr - in;
    if (cr == size) break;
  }
  text->resize(out);
}

std::string NormalizeLineEndings(std::string_view text) {
  std::size_t cr = text.find('\r');
  if (cr == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  // Line by line (memchr), not byte by byte: most of a message has no CR to change.
  std::size_t start = 0;
  while (cr != std::string_view::npos) {
    out.append(text.substr(start, cr - start));
    out.push_back('\n');
    start = cr + 1;
    if (start < text.size() && text[start] == '\n') ++start;
    cr = text.find('\r', start);
  }
  out.append(text.substr(start));
  return out;
}

std::size_t FirstOf(std::string_view text, std::string_view set) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (char c : set) {
      if (text[i] == c) return i;
    }
  }
  return std::string_view::npos;
}

std::string SqueezeSpace(std::string_view text) {
  // A copy squeezed where it lies: the copy is one memcpy, and the squeezing below moves
  // bytes only once the output has fallen behind the input (at the first run of spaces).
  std::string out(text);
  SqueezeSpaceInPlace(&out);
  return out;
}

void SqueezeSpaceInPlace(std::string* text) {
  // In place (the output never gets ahead of the input); this runs over every diagnostic
  // and every paragraph searched for an SMTP command.
  char* const begin = text->data();
  char* const end = SqueezeAsciiSpace<false>(begin, begin + text->size(), begin);
  text->resize(static_cast<std::size_t>(end - begin));
}

namespace {

// ToUtf8's work: false when `text` is already its own answer (ASCII, valid UTF-8 where
// that is what it is taken for), else true with the converted text in *out.
bool ConvertToUtf8(std::string_view text, std::string_view charset, std::string* out) {
  if (IsAsciiWithoutEscape(text)) return false;
  std::string cs = ToLower(charset);
  while (!cs.empty() && (cs.back() == ' ' || cs.back() == '"')) cs.pop_back();
  std::size_t star = cs.find('*');  // RFC 2231 language suffix
  if (star != std::string::npos) cs.resize(star);
  if (cs == "utf8") cs = "utf-8";
  // Unlabelled or ASCII-labelled text: UTF-8 if it is valid UTF-8, ISO-2022-JP if it
  // carries its escapes, windows-1252 otherwise.
  if (cs.empty() || cs == "us-ascii" || cs == "ascii") {
    if (HasIso2022Escape(text)) {
      cs = "iso-2022-jp";
    } else if (IsValidUtf8(text)) {
      return false;
    }
  }
  if (cs == "utf-8") {
    if (IsValidUtf8(text)) return false;
    *out = RepairUtf8(text);
    return true;
  }
  std::string name;
  for (const CharsetAlias& a : kCharsetAliases) {
    if (a.label == cs) {
      name = a.iconv_name;
      break;
    }
  }
  if (name.empty()) name = cs;
  if (name == "WINDOWS-1252" || name == "windows-1252") {
    *out = Cp1252ToUtf8(text);
    return true;
  }
  if (!name.empty() && IconvToUtf8(text, name, out)) return true;
  // Unknown charset: UTF-8 if it is, windows-1252 otherwise.
  if (IsValidUtf8(text)) return false;
  *out = Cp1252ToUtf8(text);
  return true;
}

}  // namespace

std::string ToUtf8(std::string_view text, std::string_view charset) {
  std::string out;
  if (!ConvertToUtf8(text, charset, &out)) return std::string(text);
  return out;
}

void ToUtf8InPlace(std::string* text, std::string_view charset) {
  std::string out;
  if (ConvertToUtf8(*text, charset, &out)) *text = std::move(out);
}

std::string DecodeBase64(std::string_view text) {
  static constexpr auto kTable = [] {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    // URL-safe variants appear in the wild too.
    t[static_cast<unsigned char>('-')] = 62;
    t[static_cast<unsigned char>('_')] = 63;
    return t;
  }();
  // Written through a pointer into a string as long as the output can be (three bytes per
  // four letters), four letters at a time where a line's letters line up with quanta (they
  // do in every well-formed body: 76 letters a line are 57 whole bytes).
  std::string out(text.size() / 4 * 3 + 3, '\0');
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  std::uint32_t acc = 0;
  int bits = 0;
  while (p < end) {
    if (bits == 0 && end - p >= 4) {
      const int a = kTable[p[0]], b = kTable[p[1]], c = kTable[p[2]], d = kTable[p[3]];
      if ((a | b | c | d) >= 0) {
        // Only the bits not yet written are ever read back from acc, and there are none.
        acc = static_cast<std::uint32_t>(a << 18 | b << 12 | c << 6 | d);
        o[0] = static_cast<char>((acc >> 16) & 0xFF);
        o[1] = static_cast<char>((acc >> 8) & 0xFF);
        o[2] = static_cast<char>(acc & 0xFF);
        o += 3;
        p += 4;
        continue;
      }
    }
    const unsigned char c = *p++;
    if (c == '=') {
      // Padding ends a quantum; tolerate concatenated encodings by resetting.
      acc = 0;
      bits = 0;
      continue;
    }
    int v = kTable[c];
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *o++ = static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  // Written through a pointer into a string as long as the input (every input byte gives
  // at most one output byte), cut to size at the end.
  std::string out(text.size(), '\0');
  char* o = out.data();
  const char* const s = text.data();
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // One line at a time, so that trailing whitespace can be dropped (RFC 2045 6.7 (3))
    // while the line break itself is kept.
    std::size_t eol = text.find('\n', i);
    bool has_nl = eol != std::string_view::npos;
    std::size_t line_end = has_nl ? eol : n;
    std::size_t content_end = line_end;
    if (content_end > i && s[content_end - 1] == '\r') --content_end;
    std::size_t trimmed = content_end;
    while (trimmed > i && (s[trimmed - 1] == ' ' || s[trimmed - 1] == '\t')) --trimmed;
    bool soft = trimmed > i && s[trimmed - 1] == '=';
    std::size_t last = soft ? trimmed - 1 : trimmed;
    std::size_t k = i;
    while (k < last) {
      // Runs without '=' are copied whole; an escape right after another (most of an
      // encoded non-ASCII text) is read without searching for it.
      if (s[k] != '=') {
        const void* found = std::memchr(s + k, '=', last - k);
        const std::size_t eq = found == nullptr ? last : static_cast<std::size_t>(static_cast<const char*>(found) - s);
        std::memcpy(o, s + k, eq - k);
        o += eq - k;
        k = eq;
        if (k == last) break;
      }
      int hi = k + 2 < last ? HexValue(s[k + 1]) : -1;
      int lo = k + 2 < last ? HexValue(s[k + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        *o++ = static_cast<char>(hi * 16 + lo);
        k += 3;
      } else {
        *o++ = '=';
        k += 1;
      }
    }
    if (has_nl && !soft) *o++ = '\n';
    i = has_nl ? eol + 1 : n;
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::string DecodeEncodedWords(std::string_view text) {
  // Raw 8-bit header text (RFC 6532 UTF-8, or a legacy mailer's Latin-1) gets ToUtf8's
  // rule for unlabelled text, so that the result is UTF-8 as promised.
  if (text.find("=?") == std::string_view::npos) return ToUtf8(text, "");
  std::string out;
  out.reserve(text.size());
  std::string pending_bytes;    // decoded bytes of adjacent words with the same charset
  std::string pending_charset;
  std::string gap;              // whitespace after the last encoded word
  auto flush = [&] {
    if (!pending_charset.empty() || !pending_bytes.empty()) {
      out += ToUtf8(pending_bytes, pending_charset);
      pending_bytes.clear();
      pending_charset.clear();
    }
  };
  std::size_t i = 0;
  bool last_was_word = false;
  while (i < text.size()) {
    if (text.compare(i, 2, "=?") == 0) {
      // =?charset?enc?text?=
      std::size_t q1 = text.find('?', i + 2);
      if (q1 != std::string_view::npos && q1 + 2 < text.size() && text[q1 + 2] == '?') {
        char enc = LowerChar(text[q1 + 1]);
        std::size_t end = text.find("?=", q1 + 3);
        std::string_view charset = text.substr(i + 2, q1 - i - 2);
        if (end != std::string_view::npos && (enc == 'b' || enc == 'q') && !charset.empty() &&
            charset.find_first_of(" \t\n") == std::string_view::npos) {
          std::string_view payload = text.substr(q1 + 3, end - q1 - 3);
          if (payload.find_first_of(" \t\n") == std::string_view::npos || enc == 'b') {
            std::string bytes;
            if (enc == 'b') {
              bytes = DecodeBase64(payload);
            } else {
              for (std::size_t k = 0; k < payload.size(); ++k) {
                char c = payload[k];
                if (c == '_') {
                  bytes += ' ';
                } else if (c == '=' && k + 2 < payload.size() && HexValue(payload[k + 1]) >= 0 &&
                           HexValue(payload[k + 2]) >= 0) {
                  bytes += static_cast<char>(HexValue(payload[k + 1]) * 16 + HexValue(payload[k + 2]));
                  k += 2;
                } else {
                  bytes += c;
                }
              }
            }
            std::string cs = ToLower(charset);
            std::size_t star = cs.find('*');
            if (star != std::string::npos) cs.resize(star);
            // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
            if (!last_was_word) {
              flush();
              out += gap;
            } else if (cs != pending_charset) {
              flush();
            }
            gap.clear();
            pending_charset = cs;
            pending_bytes += bytes;
            last_was_word = true;
            i = end + 2;
            continue;
          }
        }
      }
    }
    char c = text[i];
    if (last_was_word && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      gap += c;
      ++i;
      continue;
    }
    if (last_was_word) {
      flush();
      out += gap;
      gap.clear();
      last_was_word = false;
    } else {
      out += gap;
      gap.clear();
    }
    out += c;
    ++i;
  }
  flush();
  out += gap;
  // Raw 8-bit bytes between encoded words.
  if (!IsValidUtf8(out)) out = RepairUtf8(out);
  return out;
}

std::string ExtractAddress(std::string_view text) {
  // "rfc822; user@example.com": drop the address type.
  std::size_t semi = text.find(';');
  if (semi != std::string_view::npos && semi < 16) {
    std::string_view type = text.substr(0, semi);
    bool is_type = !type.empty();
    for (char c : type) {
      if (!(IsAtext(c) || c == ' ')) is_type = false;
    }
    if (is_type && type.find('@') == std::string_view::npos) text.remove_prefix(semi + 1);
  }
  // Prefer the angle-bracketed address.
  std::size_t lt = text.find('<');
  if (lt != std::string_view::npos) {
    std::size_t gt = text.find('>', lt);
    std::string_view inner = text.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
    std::size_t at = inner.rfind('@');
    if (at != std::string_view::npos) {
      std::size_t b = 0, e = 0;
      std::string a = AddressAt(inner, at, &b, &e);
      if (!a.empty()) return a;
    }
  }
  std::size_t at = text.find('@');
  while (at != std::string_view::npos) {
    std::size_t b = 0, e = 0;
    std::string a = AddressAt(text, at, &b, &e);
    if (!a.empty()) return a;
    at = text.find('@', at + 1);
  }
  return {};
}

std::vector<std::string> FindAddresses(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = text.find('@');
  while (at != std::string_view::npos) {
    std::size_t b = 0, e = 0;
    std::string a = AddressAt(text, at, &b, &e);
    if (!a.empty()) {
      bool seen = false;
      for (const std::string& x : out) {
        if (x.size() == a.size() && ToLower(x) == ToLower(a)) {
          seen = true;
          break;
        }
      }
      if (!seen) out.push_back(std::move(a));
      at = text.find('@', std::max(e, at + 1));
    } else {
      at = text.find('@', at + 1);
    }
  }
  return out;
}

namespace {

// The position of the first '2', '4' or '5' in text[from, limit), or limit. Eight bytes at
// a time: the codes are looked for in every diagnostic, most of whose bytes are letters.
// In each "has a zero byte" word the lowest flagged byte is exact, so the lowest flag of
// the three together is the first such digit.
std::size_t NextCodeDigit(std::string_view text, std::size_t from, std::size_t limit) {
  constexpr std::uint64_t kOnes = kWordOnes;
  constexpr std::uint64_t kHigh = kWordHigh;
  const auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  std::size_t i = from;
  if constexpr (std::endian::native == std::endian::little) {
    while (i + 8 <= limit) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      const std::uint64_t hits =
          zero_bytes(w ^ (kOnes * '2')) | zero_bytes(w ^ (kOnes * '4')) | zero_bytes(w ^ (kOnes * '5'));
      if (hits != 0) return i + static_cast<std::size_t>(std::countr_zero(hits)) / 8;
      i += 8;
    }
  }
  for (; i < limit; ++i) {
    const char c = text[i];
    if (c == '2' || c == '4' || c == '5') return i;
  }
  return limit;
}

}  // namespace

std::string FindStatusCode(std::string_view text) {
  const std::size_t n = text.size();
  if (n < 5) return {};
  for (std::size_t i = NextCodeDigit(text, 0, n - 4); i + 4 < n; i = NextCodeDigit(text, i + 1, n - 4)) {
    if (i > 0) {
      char p = text[i - 1];
      if (IsDigit(p) || p == '.' || p == '-' || p == '/' || p == ':' || (p >= 'a' && p <= 'z') ||
          (p >= 'A' && p <= 'Z')) {
        continue;
      }
    }
    if (i + 1 >= n || text[i + 1] != '.') continue;
    std::size_t k = i + 2;
    std::size_t d1 = k;
    while (k < n && IsDigit(text[k]) && k - d1 < 3) ++k;
    if (k == d1 || k >= n || text[k] != '.') continue;
    std::size_t d2 = ++k;
    while (k < n && IsDigit(text[k]) && k - d2 < 3) ++k;
    if (k == d2) continue;
    // Not a longer dotted number (an IP address or a version).
    if (k < n && (IsDigit(text[k]) || (text[k] == '.' && k + 1 < n && IsDigit(text[k + 1])))) continue;
    return std::string(text.substr(i, k - i));
  }
  return {};
}

std::string FindReplyCode(std::string_view text) {
  const std::size_t n = text.size();
  if (n < 3) return {};
  for (std::size_t i = NextCodeDigit(text, 0, n - 2); i + 2 < n; i = NextCodeDigit(text, i + 1, n - 2)) {
    if (!IsDigit(text[i + 1]) || !IsDigit(text[i + 2])) continue;
    if (text[i + 1] > '5') continue;
    if (i > 0) {
      char p = text[i - 1];
      if (!(p == ' ' || p == '\t' || p == '\n' || p == ':' || p == ';' || p == '(' || p == '"' || p == '#' ||
            p == '<' || p == '\'' || p == '=')) {
        continue;
      }
    }
    std::size_t k = i + 3;
    if (k < n) {
      char f = text[k];
      if (!(f == ' ' || f == '-' || f == '\t' || f == '\n' || f == ')' || f == ',' || f == '"' || f == '>' ||
            f == '.' || f == ']')) {
        continue;
      }
      if (f == '.' && k + 1 < n && IsDigit(text[k + 1])) continue;  // 421.5 is not a code
      if (f == '-' && k + 1 < n && IsDigit(text[k + 1]) && k + 2 < n && text[k + 2] != '.') continue;
    }
    return std::string(text.substr(i, 3));
  }
  return {};
}

}  // namespace bouncescan::mime
