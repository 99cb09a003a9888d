#include "rules/codes.h"

#include <cstdint>
#include <cstring>

#include "base/ascii_word.h"

namespace bouncescan::rules {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at text[*i]; returns -1 if there are none or too many.
int ReadNumber(std::string_view text, std::size_t* i, std::size_t max_digits) {
  std::size_t start = *i;
  int value = 0;
  while (*i < text.size() && IsDigit(text[*i])) {
    if (*i - start == max_digits) return -1;
    value = value * 10 + (text[*i] - '0');
    ++*i;
  }
  return *i == start ? -1 : value;
}

}  // namespace

std::optional<StatusCode> ParseStatusCode(std::string_view text) {
  std::size_t i = 0;
  StatusCode code;
  code.klass = ReadNumber(text, &i, 1);
  if (code.klass != 2 && code.klass != 4 && code.klass != 5) return std::nullopt;
  if (i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  code.subject = ReadNumber(text, &i, 3);
  if (code.subject < 0 || i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  code.detail = ReadNumber(text, &i, 3);
  if (code.detail < 0 || i != text.size()) return std::nullopt;
  return code;
}

std::string FindStatusInText(std::string_view text) {
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == '.')) continue;
    std::size_t end = i + 1;
    int dots = 0;
    while (end < text.size() && (IsDigit(text[end]) || text[end] == '.')) {
      dots += text[end] == '.';
      ++end;
    }
    std::size_t len = end - i;
    // A trailing full stop ends a sentence, not the code.
    if (text[end - 1] == '.') {
      --len;
      --dots;
    }
    if (dots != 2) continue;
    std::string_view candidate = text.substr(i, len);
    if (ParseStatusCode(candidate)) return std::string(candidate);
  }
  return {};
}

std::string FindReplyInText(std::string_view text) {
  auto code_at = [&](std::size_t i) -> std::string {
    if (i + 3 > text.size()) return {};
    char c = text[i];
    if (c < '2' || c > '5' || !IsDigit(text[i + 1]) || !IsDigit(text[i + 2])) return {};
    if (i + 3 < text.size()) {
      char after = text[i + 3];
      if (!(after == ' ' || after == '-' || after == '\t')) return {};
    }
    return std::string(text.substr(i, 3));
  };
  std::size_t i = 0;
  while (i < text.size() && IsAsciiSpace(text[i])) ++i;
  // "smtp; 550 ..." (a Diagnostic-Code with its type still on).
  std::size_t semi = text.find(';');
  if (semi != std::string_view::npos && semi < 16) {
    std::size_t j = semi + 1;
    while (j < text.size() && IsAsciiSpace(text[j])) ++j;
    if (std::string r = code_at(j); !r.empty()) return r;
  }
  if (std::string r = code_at(i); !r.empty()) return r;
  // "... said: 550 ...", "...: 550 ...", "smtp;530 ..." further on.
  for (std::size_t k = 0; k + 1 < text.size(); ++k) {
    if (text[k] != ':' && text[k] != ';') continue;
    std::size_t j = k + 1;
    while (j < text.size() && IsAsciiSpace(text[j])) ++j;
    if (std::string r = code_at(j); !r.empty()) return r;
  }
  return {};
}

std::string StripContinuationCodes(std::string_view text, std::string_view reply, std::string_view status) {
  std::string out(text);
  StripContinuationCodes(reply, status, &out);
  return out;
}

void StripContinuationCodes(std::string_view reply, std::string_view status, std::string* text) {
  if (reply.empty()) return;
  // Every pattern below starts with " REPLY": most diagnostics do not repeat their code, and
  // a search for the code (whose first digit is rarer than a space) tells so without
  // building the patterns.
  {
    const std::string_view t = *text;
    std::size_t at = t.find(reply, 1);
    while (at != std::string_view::npos && t[at - 1] != ' ') at = t.find(reply, at + 1);
    if (at == std::string_view::npos) return;
  }
  std::string& out = *text;
  std::string patterns[4];
  int n = 0;
  if (!status.empty()) {
    patterns[n++] = " " + std::string(reply) + "-" + std::string(status) + " ";
    patterns[n++] = " " + std::string(reply) + " " + std::string(status) + " ";
  }
  patterns[n++] = " " + std::string(reply) + "-";
  for (int i = 0; i < n; ++i) {
    const std::string& p = patterns[i];
    for (std::size_t at = out.find(p); at != std::string::npos; at = out.find(p, at)) {
      out.erase(at + 1, p.size() - 1);
      if (at + 1 < out.size() && out[at + 1] == ' ') out.erase(at + 1, 1);
    }
  }
}

std::string NormalizeForMatch(std::string_view text) {
  std::string out;
  NormalizeForMatch(text, &out);
  return out;
}

void NormalizeForMatch(std::string_view text, std::string* out) {
  // Into a string of the input's size (the output is never longer); every recipient's
  // diagnostic goes through here.
  out->resize(text.size());
  char* const end = SqueezeAsciiSpace<true>(text.data(), text.data() + text.size(), out->data());
  out->resize(static_cast<std::size_t>(end - out->data()));
}

}  // namespace bouncescan::rules
