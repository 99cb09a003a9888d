#include "rules/judge.h"
#include "rules/tables/fixes.h"

namespace bouncescan::rules {

std::string_view FixText(std::string_view fix_key, Language language) {
  for (const tables::FixText& f : tables::kFixes) {
    if (f.key == fix_key) return language == Language::kVietnamese ? f.vietnamese : f.english;
  }
  return {};
}

}  // namespace bouncescan::rules
