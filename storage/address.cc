#include "storage/address.h"

#include <idn2.h>

#include <cstdlib>
#include <memory>
#include <optional>

#include "base/ascii_word.h"
#include "dynlib/shared_library.h"

namespace bouncescan::storage {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  // A UTF-8 no-break space (C2 A0) pasted from a web page or a spreadsheet.
  while (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) {
    s.remove_prefix(2);
  }
  while (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
         static_cast<unsigned char>(s.back()) == 0xA0) {
    s.remove_suffix(2);
  }
  return s;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// libidn2 (and libunistring under it) is opened the first time a domain is not ASCII, not at
// every start of the program: most runs never see such a domain. Null when it cannot be
// loaded; the library stays loaded once it is.
struct Idn2 {
  std::optional<dynlib::SharedLibrary> library;  // kept open: the functions point into it
  decltype(&::idn2_to_ascii_8z) to_ascii_8z = nullptr;
  decltype(&::idn2_free) free = nullptr;
};

const Idn2* LoadIdn2() {
  static const Idn2* const idn2 = []() -> const Idn2* {
    Result<dynlib::SharedLibrary> library = dynlib::SharedLibrary::Open(kIdn2Soname, kIdn2Package);
    if (!library.ok()) return nullptr;
    auto loaded = std::make_unique<Idn2>();
    if (!library->Bind("idn2_to_ascii_8z", &loaded->to_ascii_8z).ok() ||
        !library->Bind("idn2_free", &loaded->free).ok()) {
      return nullptr;
    }
    loaded->library.emplace(std::move(*library));
    return loaded.release();  // never destroyed, like the library it holds
  }();
  return idn2;
}

// The ASCII (punycode) form of a domain; the lowercased input when libidn2 refuses it (an
// invalid label is still better compared by bytes than dropped) or is not installed (the
// package depends on it).
std::string DomainToAscii(std::string_view domain) {
  std::string lowered = Lower(domain);
  if (IsAscii(lowered)) {
    // "xn--" labels are already ASCII; validating them would only reject odd but real domains.
    return lowered;
  }
  const Idn2* idn2 = LoadIdn2();
  if (!idn2) return lowered;
  const std::string input(lowered);
  for (int flags : {IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL, IDN2_NFC_INPUT | IDN2_TRANSITIONAL}) {
    char* out = nullptr;
    if (idn2->to_ascii_8z(input.c_str(), &out, flags) == IDN2_OK && out != nullptr) {
      std::string result = Lower(out);
      idn2->free(out);
      return result;
    }
    idn2->free(out);
  }
  return lowered;
}

}  // namespace

std::string NormalizeAddress(std::string_view address) {
  std::string_view s = Trim(address);
  if (s.size() >= 7 && Lower(s.substr(0, 7)) == "mailto:") s = Trim(s.substr(7));
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = Trim(s.substr(1, s.size() - 2));
  const std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return {};
  std::string_view local = Trim(s.substr(0, at));
  std::string_view domain = Trim(s.substr(at + 1));
  while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);  // root label
  if (local.empty() || domain.empty()) return {};
  return std::string(local) + "@" + DomainToAscii(domain);
}

bool LooksLikeAddress(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  const std::size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  if (s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s) {
    if (IsAsciiSpace(c) || c == ',' || c == ';') return false;
  }
  return true;
}

}  // namespace bouncescan::storage
