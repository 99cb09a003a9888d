// PhraseMatcher: finds which of a fixed set of phrases occur in a text, in one pass.
//
// An Aho-Corasick automaton over the bytes that occur in the phrases (every other byte is
// one class), built once per RuleSet and shared read-only between threads. Matching costs
// about one step per byte of text however many phrases there are, which keeps `classify`
// fast. Phrases and text must already be lowercased the same way (rules/codes.h). No I/O.
//
// The states near the root, where the text keeps the automaton most of the time, get full
// transition rows; deeper states keep only their trie edges and fall back along failure
// links. Every `bouncescan` process builds the built-in matcher once, so building is kept
// to one pass over the phrases and a table of a few hundred rows instead of one row per
// state (several megabytes of fresh pages for the built-in phrases).
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
  // its first occurrence starts; 0 for the others. Resizes *found to phrase_count(). When
  // `hits` is given, it is set to the ids found, in the order they were first seen, so a
  // caller need not read all of *found.
  // REQUIRES: found != nullptr.
  void Match(std::string_view text, std::vector<std::uint32_t>* found,
             std::vector<std::uint32_t>* hits = nullptr) const;

  std::size_t phrase_count() const { return phrase_count_; }

 private:
  // The trie child of `state` for byte class `k`, or -1.
  std::int32_t Child(std::int32_t state, int k) const;
  // The automaton's transition: the longest phrase prefix that is a suffix of the text
  // read so far followed by a byte of class `k`.
  std::int32_t Step(std::int32_t state, int k) const;

  std::size_t phrase_count_ = 0;
  int classes_ = 1;
  std::uint8_t class_of_[256] = {};
  // Per state. State 0 is the root.
  std::vector<std::int32_t> first_child_;   // trie edges as sibling lists; -1 ends a list
  std::vector<std::int32_t> next_sibling_;
  std::vector<std::uint8_t> label_;         // the byte class of the edge into the state
  std::vector<std::int32_t> fail_;          // longest proper suffix that is a trie state
  std::vector<std::int32_t> phrase_;        // phrase id ending exactly here, or -1
  std::vector<std::int32_t> next_output_;   // nearest state down the failure chain with a phrase, or -1
  std::vector<std::int32_t> first_output_;  // the state itself if it ends a phrase, else next_output_
  std::vector<std::int32_t> row_;           // index into rows_, or -1 for a sparse state
  std::vector<std::int32_t> rows_;          // row * classes_ + class -> state
  std::vector<std::uint32_t> lengths_;      // per phrase id
  std::vector<std::int32_t> same_text_;     // per phrase id: an earlier id of the same text, or -1
};

}  // namespace bouncescan::rules
