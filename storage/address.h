// Address normalisation: the one place that decides when two spellings of an e-mail
// address are the same address, for the suppression list and for contact-list cleaning.
//
// Rule (issue 4): surrounding whitespace, angle brackets and a "mailto:" prefix are removed;
// the domain compares case-insensitively, and an internationalised domain compares equal to
// its punycode (IDNA2008 via libidn2, UTS #46 mapping). The local part is kept as written.
// Pure: no I/O, no globals beyond libidn2's tables. Thread-safe. Never throws.
#pragma once

#include <string>
#include <string_view>

namespace bouncescan::storage {

// The canonical form of `address`: "Local@xn--domain.example". Returns an empty string when
// the input holds no "@" with something on both sides (not an address).
std::string NormalizeAddress(std::string_view address);

// True if `text` is, after trimming, a single plausible address (one "@", no spaces, a dot or
// a bracketed literal in the domain is not required). Used to find address columns in a CSV.
bool LooksLikeAddress(std::string_view text);

}  // namespace bouncescan::storage
