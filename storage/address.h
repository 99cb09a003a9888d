// Address normalisation: the one place that decides when two spellings of an e-mail
// address are the same address, for the suppression list and for contact-list cleaning.
//
// Rule (issue 4): surrounding whitespace, angle brackets and a "mailto:" prefix are removed;
// the domain compares case-insensitively, and an internationalised domain compares equal to
// its punycode (IDNA2008 via libidn2, UTS #46 mapping). The local part is kept as written.
// Pure: no I/O, no globals beyond libidn2's tables (libidn2 is opened at run time, the first
// time a domain is not ASCII). Thread-safe. Never throws.
#pragma once

#include <string>
#include <string_view>

namespace bouncescan::storage {

// The libidn2 that NormalizeAddress opens, and the Debian package that ships it.
inline constexpr char kIdn2Soname[] = "libidn2.so.0";
inline constexpr char kIdn2Package[] = "libidn2-0";

// The canonical form of `address`: "Local@xn--domain.example". Returns an empty string when
// the input holds no "@" with something on both sides (not an address).
std::string NormalizeAddress(std::string_view address);

// True if `text` is, after trimming, a single plausible address (one "@", no spaces, a dot or
// a bracketed literal in the domain is not required). Used to find address columns in a CSV.
bool LooksLikeAddress(std::string_view text);

}  // namespace bouncescan::storage
