// Reading a received digest back in tests: headers, the two MIME parts, quoted-printable
// and RFC 2047 decoding. Deliberately written apart from digest/mime_writer.cc, so that
// the tests do not check the encoder against itself. Header-only; tests/ only.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::testing {

struct MimePart {
  std::string headers;  // as received, CRLF line ends
  std::string body;     // as received (encoded)
  std::string decoded;  // body after Content-Transfer-Encoding
};

struct ParsedDigest {
  std::string headers;       // the top-level header block, unfolded lines joined by CRLF
  std::string boundary;
  int boundary_lines = 0;    // lines of the body that start with "--" + boundary
  std::vector<MimePart> parts;
};

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2045 6.7; soft line breaks removed, CRLF kept.
inline std::string DecodeQp(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
      continue;
    }
    if (in.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

inline std::string DecodeBase64(std::string_view in) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, value = 0;
  for (char c : in) {
    std::size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;
    value = (value << 6) | static_cast<int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

// The value of header `name` (case-insensitive), unfolded; empty when absent.
inline std::string HeaderValue(const std::string& headers, std::string_view name) {
  std::string lower_name;
  for (char c : name) lower_name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t pos = 0;
  while (pos < headers.size()) {
    std::size_t eol = headers.find("\r\n", pos);
    if (eol == std::string::npos) eol = headers.size();
    std::string line = headers.substr(pos, eol - pos);
    pos = eol + 2;
    while (pos < headers.size() && (headers[pos] == ' ' || headers[pos] == '\t')) {
      std::size_t next = headers.find("\r\n", pos);
      if (next == std::string::npos) next = headers.size();
      line += headers.substr(pos, next - pos);
      pos = next + 2;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key;
    for (char c : line.substr(0, colon)) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key != lower_name) continue;
    std::size_t start = colon + 1;
    while (start < line.size() && line[start] == ' ') ++start;
    return line.substr(start);
  }
  return "";
}

// RFC 2047 "B" and "Q" encoded-words of UTF-8; whitespace between adjacent words dropped.
inline std::string DecodeEncodedWords(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  while (pos < value.size()) {
    std::size_t start = value.find("=?", pos);
    if (start == std::string::npos) {
      out += value.substr(pos);
      break;
    }
    std::string between = value.substr(pos, start - pos);
    bool blank = between.find_first_not_of(" \t") == std::string::npos;
    if (!(last_was_word && blank)) out += between;
    std::size_t q1 = value.find('?', start + 2);
    std::size_t q2 = q1 == std::string::npos ? q1 : value.find('?', q1 + 1);
    std::size_t end = q2 == std::string::npos ? q2 : value.find("?=", q2 + 1);
    if (end == std::string::npos) {
      out += value.substr(start);
      break;
    }
    char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    std::string text = value.substr(q2 + 1, end - q2 - 1);
    if (encoding == 'B') {
      out += DecodeBase64(text);
    } else {
      for (char& c : text) {
        if (c == '_') c = ' ';
      }
      out += DecodeQp(text);
    }
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

inline ParsedDigest ParseDigest(const std::string& message) {
  ParsedDigest d;
  std::size_t split = message.find("\r\n\r\n");
  if (split == std::string::npos) return d;
  d.headers = message.substr(0, split + 2);
  std::string body = message.substr(split + 4);
  std::string type = HeaderValue(d.headers, "Content-Type");
  std::size_t b = type.find("boundary=\"");
  if (b == std::string::npos) return d;
  d.boundary = type.substr(b + 10, type.find('"', b + 10) - b - 10);
  const std::string delimiter = "--" + d.boundary;
  // Every line that starts with the delimiter counts, whatever follows it.
  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos < body.size();) {
    std::size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) eol = body.size();
    if (body.compare(pos, delimiter.size(), delimiter) == 0) {
      ++d.boundary_lines;
      starts.push_back(pos);
    }
    pos = eol + 2;
  }
  for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
    std::size_t from = body.find("\r\n", starts[i]) + 2;
    std::size_t to = starts[i + 1] - 2;  // the CRLF before the delimiter belongs to it
    std::string part = body.substr(from, to - from);
    std::size_t hs = part.find("\r\n\r\n");
    MimePart p;
    p.headers = part.substr(0, hs + 2);
    p.body = part.substr(hs + 4);
    std::string cte = HeaderValue(p.headers, "Content-Transfer-Encoding");
    p.decoded = cte == "quoted-printable" ? DecodeQp(p.body) : cte == "base64" ? DecodeBase64(p.body) : p.body;
    d.parts.push_back(std::move(p));
  }
  return d;
}

}  // namespace bouncescan::testing
