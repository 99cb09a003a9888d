#include "rules/phrase_matcher.h"

#include <gtest/gtest.h>

namespace bouncescan::rules {
namespace {

std::vector<int> Found(const PhraseMatcher& m, std::string_view text) {
  std::vector<std::uint32_t> found;
  m.Match(text, &found);
  std::vector<int> ids;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i]) ids.push_back(static_cast<int>(i));
  }
  return ids;
}

TEST(PhraseMatcher, FindsOverlappingAndNestedPhrases) {
  PhraseMatcher m({"user unknown", "unknown", "he", "she", "hers", "", "relay access denied", "access denied"});
  EXPECT_EQ(Found(m, "550 user unknown"), (std::vector<int>{0, 1}));
  EXPECT_EQ(Found(m, "ushers"), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(Found(m, "554 relay access denied"), (std::vector<int>{6, 7}));
  EXPECT_EQ(Found(m, "nothing to see"), (std::vector<int>{}));
  EXPECT_EQ(Found(m, ""), (std::vector<int>{}));
}

TEST(PhraseMatcher, ReportsWhereTheFirstOccurrenceStarts) {
  PhraseMatcher m({"full", "mailbox is full", "retry timeout exceeded"});
  std::vector<std::uint32_t> found;
  m.Match("x mailbox is full: retry timeout exceeded; full", &found);
  EXPECT_EQ(found[0], 1u + 13);
  EXPECT_EQ(found[1], 1u + 2);
  EXPECT_EQ(found[2], 1u + 19);
}

TEST(PhraseMatcher, NonAsciiBytes) {
  PhraseMatcher m({"hộp thư đầy", "đầy"});
  EXPECT_EQ(Found(m, "lỗi: hộp thư đầy rồi"), (std::vector<int>{0, 1}));
  EXPECT_EQ(Found(m, "hộp thư"), (std::vector<int>{}));
}

}  // namespace
}  // namespace bouncescan::rules
