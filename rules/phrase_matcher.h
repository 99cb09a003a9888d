// PhraseMatcher: finds which of a fixed set of phrases occur in a text, in one pass.
//
// An Aho-Corasick automaton over the bytes that occur in the phrases (every other byte is
// one class), built once per RuleSet and shared read-only between threads. Matching costs
// one table step per byte of text however many phrases there are, which keeps `classify`
// fast. Phrases and text must already be lowercased the same way (rules/codes.h). No I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::rules {

class PhraseMatcher {
 public:
  // Phrase ids are indexes into `phrases`. Empty phrases never match.
  explicit PhraseMatcher(const std::vector<std::string>& phrases);

  // For every phrase that occurs in `text`, sets (*found)[id] to 1 + the byte offset where
  // its first occurrence starts; 0 for the others. Resizes *found to phrase_count().
  // REQUIRES: found != nullptr.
  void Match(std::string_view text, std::vector<std::uint32_t>* found) const;

  std::size_t phrase_count() const { return phrase_count_; }

 private:
  std::size_t phrase_count_ = 0;
  int classes_ = 1;
  std::uint8_t class_of_[256] = {};
  std::vector<std::int32_t> next_;          // state * classes_ + class -> state
  std::vector<std::int32_t> output_begin_;  // per state: range in outputs_ (after failure links)
  std::vector<std::int32_t> outputs_;       // phrase ids
  std::vector<std::uint32_t> lengths_;      // per phrase id
};

}  // namespace bouncescan::rules
