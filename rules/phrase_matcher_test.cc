#include "rules/phrase_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

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

TEST(PhraseMatcher, RepeatedPhraseReportsEveryId) {
  PhraseMatcher m({"quota", "over quota", "quota"});
  EXPECT_EQ(Found(m, "user is over quota"), (std::vector<int>{0, 1, 2}));
}

// Deep phrases that share long prefixes and suffixes make the match run past the states with
// full rows and fall back along failure links; every answer is checked against a plain
// search of the text for each phrase.
TEST(PhraseMatcher, AgreesWithPlainSearchOnRandomText) {
  std::mt19937 rng(20261129);
  auto random_text = [&rng](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back("abcab x"[rng() % 7]);
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> phrases;
    const std::size_t count = 1 + rng() % 40;
    for (std::size_t i = 0; i < count; ++i) phrases.push_back(random_text(1 + rng() % 9));
    PhraseMatcher m(phrases);
    std::string text = random_text(rng() % 300);
    // A byte no phrase holds sends the automaton back to its root.
    for (char& c : text) {
      if (rng() % 16 == 0) c = 'z';
    }
    std::vector<std::uint32_t> found;
    std::vector<std::uint32_t> hits;
    m.Match(text, &found, &hits);
    ASSERT_EQ(found.size(), phrases.size());
    // hits: every id found, once, in the order of the end of its first occurrence.
    std::vector<std::uint32_t> want_hits;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      if (found[i] != 0) want_hits.push_back(static_cast<std::uint32_t>(i));
    }
    std::vector<std::uint32_t> sorted_hits = hits;
    std::sort(sorted_hits.begin(), sorted_hits.end());
    ASSERT_EQ(sorted_hits, want_hits);
    for (std::size_t i = 1; i < hits.size(); ++i) {
      ASSERT_LE(found[hits[i - 1]] + phrases[hits[i - 1]].size(), found[hits[i]] + phrases[hits[i]].size());
    }
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      const std::size_t at = text.find(phrases[i]);
      const std::uint32_t want = at == std::string::npos ? 0u : static_cast<std::uint32_t>(at + 1);
      ASSERT_EQ(found[i], want) << "phrase \"" << phrases[i] << "\" in \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace bouncescan::rules
