#include "digest/mime_writer.h"

#include <sys/random.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <ctime>

namespace bouncescan::digest {
namespace {

constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Decodes one UTF-8 sequence at text[i]; returns the code point and advances i. Invalid
// or overlong sequences and surrogates yield U+FFFD and advance one byte.
char32_t NextCodePoint(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > text.size()) {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

std::string Base64(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                      (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += rest == 2 ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool IsPlainAscii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out;
}

// Folds an unstructured ASCII value at spaces so that lines stay within 78 octets where
// a space allows it. `used` is the length of "Name: ".
std::string FoldAscii(std::string_view value, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t space = value.find(' ', i + 1);
    std::size_t end = space == std::string_view::npos ? value.size() : space;
    std::string_view word = value.substr(i, end - i);  // starts with the space, except the first
    if (line + word.size() > 78 && line > used && !word.empty() && word[0] == ' ') {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    i = end;
  }
  return out;
}

}  // namespace

std::size_t CodePoints(std::string_view utf8) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    NextCodePoint(utf8, i);
    ++n;
  }
  return n;
}

std::string CleanLine(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(text.size());
  std::size_t chars = 0;
  bool pending_space = false;
  bool cut = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = NextCodePoint(text, i);
    if (cp == '\r' || cp == '\n' || cp == '\t' || cp == ' ' || cp == 0x85 || cp == 0x2028 ||
        cp == 0x2029 || cp == 0xA0) {
      pending_space = !out.empty();
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || IsBidiControl(cp) || cp == 0xFEFF) {
      continue;
    }
    std::size_t need = pending_space ? 2 : 1;
    if (max_chars && chars + need > max_chars) {
      cut = true;
      break;
    }
    if (pending_space) {
      out += ' ';
      ++chars;
      pending_space = false;
    }
    AppendUtf8(out, cp);
    ++chars;
  }
  if (cut) out += "\u2026";
  return out;
}

std::string EncodeHeader(std::string_view name, std::string_view value) {
  std::string clean = CleanLine(value);
  std::string out = std::string(name) + ": ";
  if (IsPlainAscii(clean)) {
    out += FoldAscii(clean, out.size());
    out += "\r\n";
    return out;
  }
  // Encoded-words of at most 75 octets: "=?UTF-8?B?" + base64 + "?=" leaves 63 base64
  // characters, i.e. 45 bytes of UTF-8. Each word holds whole characters only.
  constexpr std::size_t kMaxBytes = 45;
  std::size_t first_limit = out.size() + 12 + 60 > 78 ? (78 - out.size() - 12) / 4 * 3 : kMaxBytes;
  if (first_limit < 6) first_limit = 6;
  std::size_t limit = first_limit;
  std::size_t i = 0;
  bool first = true;
  while (i < clean.size()) {
    std::size_t start = i;
    std::size_t end = i;
    while (end < clean.size()) {
      std::size_t next = end;
      NextCodePoint(clean, next);
      if (next - start > limit && end > start) break;
      end = next;
    }
    if (!first) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(clean).substr(start, end - start)) + "?=";
    first = false;
    limit = kMaxBytes;
    i = end;
  }
  out += "\r\n";
  return out;
}

Result<std::vector<std::string>> ParseAddressList(std::string_view addresses) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= addresses.size()) {
    std::size_t comma = addresses.find(',', i);
    if (comma == std::string_view::npos) comma = addresses.size();
    std::string_view a = addresses.substr(i, comma - i);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    i = comma + 1;
    if (a.empty()) continue;
    int ats = 0;
    for (char c : a) {
      auto u = static_cast<unsigned char>(c);
      if (c == '@') ++ats;
      if (u <= 0x20 || u == 0x7F || std::string_view("<>()[],;:\\\"").find(c) != std::string_view::npos) {
        return Status::InvalidArgument("'" + CleanLine(a, 80) + "' is not a plain mail address");
      }
    }
    std::size_t at = a.find('@');
    if (ats != 1 || at == 0 || at + 1 == a.size()) {
      return Status::InvalidArgument("'" + CleanLine(a, 80) + "' is not a plain mail address");
    }
    out.emplace_back(a);
  }
  if (out.empty()) return Status::InvalidArgument("no mail address given");
  return out;
}

Result<std::string> EncodeAddressHeader(std::string_view name, std::string_view display_name,
                                        std::string_view addresses) {
  Result<std::vector<std::string>> list = ParseAddressList(addresses);
  if (!list.ok()) return list.status();
  std::string out = std::string(name) + ": ";
  std::string clean = CleanLine(display_name, 60);
  bool first = true;
  for (const std::string& a : *list) {
    if (!first) out += ",\r\n ";
    if (first && !clean.empty()) {
      bool simple = true;
      for (char c : clean) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '.')) simple = false;
      }
      if (simple) {
        out += "\"" + clean + "\"";
      } else {
        // The encoded-word alone, without the "Name: " prefix and trailing CRLF.
        std::string h = EncodeHeader("X", clean);
        out += h.substr(3, h.size() - 5);
      }
      out += " ";
    }
    out += "<" + a + ">";
    first = false;
  }
  out += "\r\n";
  return out;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  std::string line;  // the current output line, without its CRLF
  auto flush_line = [&] {
    out += line;
    out += "\r\n";
    line.clear();
  };
  // Appends one encoded unit, breaking the line softly first if it would pass 76.
  auto put = [&](std::string_view unit) {
    if (line.size() + unit.size() > 75) {
      line += "=";
      flush_line();
    }
    line += unit;
  };
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t nl = text.find('\n', i);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view src = text.substr(i, end - i);
    if (!src.empty() && src.back() == '\r') src.remove_suffix(1);
    for (std::size_t k = 0; k < src.size(); ++k) {
      auto u = static_cast<unsigned char>(src[k]);
      bool at_start = line.empty() && k == 0;
      bool last = k + 1 == src.size();
      bool encode = u == '=' || u > 0x7E || (u < 0x20 && u != '\t') || ((u == ' ' || u == '\t') && last) ||
                    (at_start && u == '.') || (at_start && src.substr(k, 5) == "From ");
      if (encode) {
        char buf[4] = {'=', "0123456789ABCDEF"[u >> 4], "0123456789ABCDEF"[u & 15], 0};
        put(std::string_view(buf, 3));
      } else {
        char c = static_cast<char>(u);
        put(std::string_view(&c, 1));
      }
    }
    if (nl == std::string_view::npos) {
      if (!line.empty()) flush_line();
      break;
    }
    flush_line();
    i = nl + 1;
  }
  return out;
}

std::string FormatRfc5322Date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string MakeBoundary(std::string_view random_bytes) {
  return "=_bouncescan_" + Hex(random_bytes.substr(0, 16));
}

std::string MakeMessageId(std::string_view random_bytes, std::int64_t unix_seconds, std::string_view from) {
  std::string domain = "bouncescan.invalid";
  std::size_t at = from.rfind('@');
  if (at != std::string_view::npos) {
    std::string d;
    for (char c : from.substr(at + 1)) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') d += c;
    }
    if (!d.empty()) domain = d;
  }
  return "<" + Hex(random_bytes.substr(0, 16)) + "." + std::to_string(unix_seconds) + "@" + domain + ">";
}

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(out.data() + got, n - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    got += static_cast<std::size_t>(r);
  }
  return out;
}

}  // namespace bouncescan::digest
