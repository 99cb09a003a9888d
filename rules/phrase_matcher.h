// PhraseMatcher: finds which of a fixed set of phrases occur in a text, in one pass.
//
// An Aho-Corasick automaton over the bytes that occur in the phrases (every other byte is
// one class), shared read-only between threads. Matching costs about one step per byte of
// text however many phrases there are, which keeps `classify` fast. Phrases and text must
// already be lowercased the same way (rules/codes.h). No I/O.
//
// The states near the root, where the text keeps the automaton most of the time, get full
// transition rows; deeper states keep only their trie edges and fall back along failure
// links, which keeps the tables small (one row per state would be several megabytes for
// the built-in phrases). The built-in matcher is built when bouncescan is compiled; a rule
// set with the user's rules builds its own at start.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bouncescan::rules {

class PhraseMatcher {
 public:
  // The automaton as flat arrays, indexed by state unless noted. State 0 is the root. A
  // literal type, so that the built-in matcher can be written out as constant arrays at
  // build time (rules/generate_built_in.cc) and used in place by every process.
  struct Tables {
    std::uint32_t phrase_count = 0;
    std::uint32_t classes = 1;
    std::array<std::uint8_t, 256> class_of = {};  // byte -> class; 0: no phrase uses the byte
    std::span<const std::int32_t> first_child;    // trie edges as sibling lists; -1 ends a list
    std::span<const std::int32_t> next_sibling;
    std::span<const std::uint8_t> label;          // the byte class of the edge into the state
    std::span<const std::int32_t> fail;           // longest proper suffix that is a trie state
    std::span<const std::int32_t> phrase;         // phrase id ending exactly here, or -1
    std::span<const std::int32_t> next_output;    // nearest state down the failure chain with a phrase, or -1
    std::span<const std::int32_t> first_output;   // the state itself if it ends a phrase, else next_output
    // Full transition rows, state * classes + class -> state, for the states near the root.
    // States are numbered breadth first, so those are states 0 .. rows.size() / classes - 1;
    // the others are sparse.
    std::span<const std::int32_t> rows;
    std::span<const std::uint32_t> lengths;       // per phrase id
    std::span<const std::int32_t> same_text;      // per phrase id: an earlier id of the same text, or -1
  };

  // Builds the automaton, in storage of its own. Phrase ids are indexes into `phrases`.
  // Empty phrases never match.
  explicit PhraseMatcher(const std::vector<std::string>& phrases);
  // Uses tables that outlive the matcher (the generated built-in ones) as they are.
  explicit PhraseMatcher(const Tables& tables) : t_(tables) {}
  PhraseMatcher(PhraseMatcher&&) = default;
  PhraseMatcher& operator=(PhraseMatcher&&) = default;

  // For every phrase that occurs in `text`, sets (*found)[id] to 1 + the byte offset where
  // its first occurrence starts; 0 for the others. Resizes *found to phrase_count(). When
  // `hits` is given, it is set to the ids found, in the order they were first seen, so a
  // caller need not read all of *found.
  // REQUIRES: found != nullptr.
  void Match(std::string_view text, std::vector<std::uint32_t>* found,
             std::vector<std::uint32_t>* hits = nullptr) const;

  std::size_t phrase_count() const { return t_.phrase_count; }
  const Tables& tables() const { return t_; }

 private:
  struct Storage;

  std::shared_ptr<const Storage> storage_;  // what t_ points into, when built here
  Tables t_;
};

}  // namespace bouncescan::rules
