#include "rules/verdict.h"

#include <array>
#include <utility>

namespace bouncescan::rules {
namespace {
constexpr std::array<std::pair<Fixer, std::string_view>, 5> kFixers{{
    {Fixer::kNone, "none"},
    {Fixer::kSender, "sender"},
    {Fixer::kSenderAdmin, "sender_admin"},
    {Fixer::kRecipient, "recipient"},
    {Fixer::kRecipientAdmin, "recipient_admin"},
}};
}  // namespace

std::string_view FixerName(Fixer fixer) {
  for (const auto& [f, n] : kFixers) {
    if (f == fixer) return n;
  }
  return "none";
}

std::optional<Fixer> ParseFixer(std::string_view name) {
  for (const auto& [f, n] : kFixers) {
    if (n == name) return f;
  }
  return std::nullopt;
}

}  // namespace bouncescan::rules
