#include "storage/contact_csv.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "storage/address.h"

namespace bouncescan::storage {
namespace {

// --- UTF-16 <-> UTF-8, lossless for any sequence of code units -----------------------------

void AppendUtf8(std::string& out, std::uint32_t cp) {
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

std::string Utf16ToUtf8(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size()) {
      std::uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo < 0xE000) {
        AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    AppendUtf8(out, u);  // a lone surrogate becomes a 3-byte sequence and comes back as itself
  }
  return out;  // an odd trailing byte is not a code unit: ParseCsv keeps it in CsvDocument::tail
}

std::string Utf8ToUtf16(std::string_view text, bool little_endian) {
  std::string out;
  out.reserve(text.size() * 2);
  auto put = [&](std::uint32_t u) {
    const char hi = static_cast<char>((u >> 8) & 0xFF);
    const char lo = static_cast<char>(u & 0xFF);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t n = 0;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      n = 4;
    }
    if (n == 0 || i + n > text.size()) {
      put(c);  // not produced by Utf16ToUtf8; keep something rather than nothing
      ++i;
      continue;
    }
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
    i += n;
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// An address field from a file in an 8-bit encoding, as UTF-8 (read as Windows-1252's
// Latin-1 part) so that an IDN domain can be normalised.
std::string AsUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (char ch : s) AppendUtf8(out, static_cast<unsigned char>(ch));
  return out;
}

char GuessDelimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};
  constexpr std::array<char, 3> kCandidates{',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t k = 0; k < kCandidates.size(); ++k) {
      if (c == kCandidates[k]) ++counts[k];
    }
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < kCandidates.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return kCandidates[best];
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<CsvDocument> ParseCsv(std::string_view bytes) {
  CsvDocument doc;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    doc.encoding = CsvEncoding::kUtf8Bom;
    doc.text = std::string(bytes.substr(3));
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    doc.encoding = CsvEncoding::kUtf16Le;
    doc.text = Utf16ToUtf8(bytes.substr(2), true);
    if (bytes.size() % 2 == 1) doc.tail = std::string(1, bytes.back());
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    doc.encoding = CsvEncoding::kUtf16Be;
    doc.text = Utf16ToUtf8(bytes.substr(2), false);
    if (bytes.size() % 2 == 1) doc.tail = std::string(1, bytes.back());
  } else {
    doc.text = std::string(bytes);
  }
  const std::string& t = doc.text;
  doc.delimiter = GuessDelimiter(t);
  const char d = doc.delimiter;
  std::size_t pos = 0;
  std::size_t line = 1;
  const std::size_t n = t.size();
  // Consumes a line break at pos if there is one; returns its length.
  auto line_break = [&](std::size_t p) -> std::size_t {
    if (p < n && t[p] == '\r') return (p + 1 < n && t[p + 1] == '\n') ? 2 : 1;
    if (p < n && t[p] == '\n') return 1;
    return 0;
  };
  while (pos < n) {
    CsvRecord rec;
    rec.begin = pos;
    rec.line = line;
    rec.all_quoted = true;
    while (true) {
      std::string value;
      if (pos < n && t[pos] == '"') {
        const std::size_t open_line = line;
        ++pos;
        while (true) {
          if (pos >= n) {
            return Status::Malformed("line " + std::to_string(open_line) +
                                     ": a quoted field opened here never closes (unbalanced \")");
          }
          if (t[pos] == '"') {
            if (pos + 1 < n && t[pos + 1] == '"') {
              value += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          if (std::size_t lb = line_break(pos)) {
            value.append(t, pos, lb);
            pos += lb;
            ++line;
            continue;
          }
          value += t[pos++];
        }
        while (pos < n && (t[pos] == ' ' || t[pos] == '\t') && t[pos] != d) ++pos;
        if (pos < n && t[pos] != d && !line_break(pos)) {
          return Status::Malformed("line " + std::to_string(line) +
                                   ": text after a closing quote (a quote inside a quoted field must be doubled)");
        }
      } else {
        rec.all_quoted = false;
        const std::size_t start = pos;
        while (pos < n && t[pos] != d && t[pos] != '\r' && t[pos] != '\n') ++pos;
        value.assign(t, start, pos - start);
      }
      rec.fields.push_back(std::move(value));
      if (pos < n && t[pos] == d) {
        ++pos;
        continue;
      }
      break;
    }
    if (std::size_t lb = line_break(pos)) {
      pos += lb;
      rec.terminator = lb;
      ++line;
    }
    rec.end = pos;
    doc.records.push_back(std::move(rec));
  }
  return doc;
}

std::string Encode(const CsvDocument& doc, std::string_view text, bool with_bom) {
  switch (doc.encoding) {
    case CsvEncoding::kBytes:
      return std::string(text);
    case CsvEncoding::kUtf8Bom:
      return (with_bom ? std::string("\xEF\xBB\xBF") : std::string()) + std::string(text);
    case CsvEncoding::kUtf16Le:
      return (with_bom ? std::string("\xFF\xFE") : std::string()) + Utf8ToUtf16(text, true);
    case CsvEncoding::kUtf16Be:
      return (with_bom ? std::string("\xFE\xFF") : std::string()) + Utf8ToUtf16(text, false);
  }
  return std::string(text);
}

std::string QuoteField(std::string_view value, char delimiter, bool always) {
  bool needs = always || value.find_first_of(std::string{'"', '\r', '\n', delimiter}) != std::string_view::npos ||
               (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::string> AddressesInField(std::string_view field) {
  std::vector<std::string> out;
  std::string s(field);
  // Google Contacts joins several values of one field with " ::: ".
  for (std::size_t p; (p = s.find(":::")) != std::string::npos;) s.replace(p, 3, ";");
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find_first_of(";,", start);
    if (end == std::string::npos) end = s.size();
    std::string_view piece = TrimView(std::string_view(s).substr(start, end - start));
    const std::size_t lt = piece.rfind('<');
    const std::size_t gt = piece.rfind('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
      piece = piece.substr(lt + 1, gt - lt - 1);  // "Name <a@example.com>"
    }
    if (LooksLikeAddress(piece)) {
      std::string a = NormalizeAddress(AsUtf8(piece));
      if (!a.empty()) out.push_back(std::move(a));
    }
    start = end + 1;
  }
  return out;
}

AddressColumns FindAddressColumns(const CsvDocument& doc) {
  AddressColumns result;
  if (doc.records.empty()) return result;
  const CsvRecord& first = doc.records[0];
  // A file whose first row already holds an address has no header.
  for (const std::string& f : first.fields) {
    if (LooksLikeAddress(f)) result.has_header = false;
  }
  const std::size_t first_data = result.has_header ? 1 : 0;
  std::size_t width = 0;
  for (const CsvRecord& r : doc.records) width = std::max(width, r.fields.size());
  std::vector<std::size_t> filled(width), addresses(width);
  for (std::size_t i = first_data; i < doc.records.size(); ++i) {
    const CsvRecord& r = doc.records[i];
    for (std::size_t c = 0; c < r.fields.size(); ++c) {
      std::string_view v = TrimView(r.fields[c]);
      if (v.empty()) continue;
      ++filled[c];
      if (!AddressesInField(v).empty()) ++addresses[c];
    }
  }
  auto mostly_addresses = [&](std::size_t c) { return addresses[c] * 2 > filled[c]; };
  if (result.has_header) {
    for (std::size_t c = 0; c < first.fields.size(); ++c) {
      const std::string h = Lower(first.fields[c]);
      const bool names_mail = h.find("mail") != std::string::npos || h.find("courriel") != std::string::npos;
      if (names_mail && (filled[c] == 0 || mostly_addresses(c))) result.columns.push_back(c);
    }
  }
  if (result.columns.empty()) {
    for (std::size_t c = 0; c < width; ++c) {
      if (filled[c] > 0 && mostly_addresses(c)) result.columns.push_back(c);
    }
  }
  return result;
}

Result<CleanResult> CleanContacts(std::string_view bytes, const SuppressedLookup& lookup, const CleanOptions& options) {
  Result<CsvDocument> parsed = ParseCsv(bytes);
  if (!parsed.ok()) return parsed.status();
  const CsvDocument& doc = *parsed;
  if (doc.records.empty()) return Status::InvalidArgument("the file is empty");
  AddressColumns cols = FindAddressColumns(doc);
  if (cols.columns.empty()) {
    return Status::InvalidArgument("no column of e-mail addresses found (looked for a header such as \"E-mail "
                                   "Address\", \"Primary Email\" or \"E-mail 1 - Value\", and for a column of addresses)");
  }
  CleanResult out;
  for (std::size_t c : cols.columns) {
    out.address_columns.push_back(cols.has_header && c < doc.records[0].fields.size() ? doc.records[0].fields[c]
                                                                                    : "column " + std::to_string(c + 1));
  }
  const std::string_view t = doc.text;
  const char d = doc.delimiter;
  const bool quote_all = doc.records[0].all_quoted;
  // A record's text with one more field before its line terminator.
  auto with_field = [&](const CsvRecord& r, std::string_view value) {
    std::string s(t.substr(r.begin, r.end - r.begin - r.terminator));
    s += d;
    s += QuoteField(value, d, quote_all);
    s += t.substr(r.end - r.terminator, r.terminator);
    return s;
  };
  // Line end for a record that had none (the last line), when something follows it.
  const std::string eol = doc.records[0].terminator == 2 ? "\r\n" : (doc.records[0].terminator == 1 ? std::string(1, t[doc.records[0].end - 1]) : "\r\n");
  std::string clean, removed;
  auto append = [&](std::string& to, std::string piece) {
    if (!to.empty() && to.back() != '\n' && to.back() != '\r') to += eol;
    to += piece;
  };
  std::size_t first_data = 0;
  if (cols.has_header) {
    const CsvRecord& h = doc.records[0];
    append(clean, options.mark ? with_field(h, options.mark_column) : std::string(t.substr(h.begin, h.end - h.begin)));
    append(removed, with_field(h, options.mark_column));
    first_data = 1;
  }
  for (std::size_t i = first_data; i < doc.records.size(); ++i) {
    const CsvRecord& r = doc.records[i];
    const std::string_view raw = t.substr(r.begin, r.end - r.begin);
    const bool blank = r.fields.size() == 1 && TrimView(r.fields[0]).empty();
    if (blank) {
      append(clean, std::string(raw));
      continue;
    }
    ++out.rows;
    std::optional<std::string> reason;
    for (std::size_t c : cols.columns) {
      if (c >= r.fields.size()) continue;
      for (const std::string& a : AddressesInField(r.fields[c])) {
        if (auto why = lookup(a)) {
          reason = *why + " (" + a + ")";
          out.by_reason[*why]++;
          break;
        }
      }
      if (reason) break;
    }
    if (!reason) {
      append(clean, options.mark ? with_field(r, "") : std::string(raw));
      continue;
    }
    ++out.flagged;
    append(removed, with_field(r, *reason));
    if (options.mark) append(clean, with_field(r, *reason));
  }
  const bool bom = doc.encoding != CsvEncoding::kBytes;
  out.clean = Encode(doc, clean, bom) + doc.tail;
  out.removed = Encode(doc, removed, bom);
  return out;
}

}  // namespace bouncescan::storage
