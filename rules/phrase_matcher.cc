#include "rules/phrase_matcher.h"

#include <algorithm>

namespace bouncescan::rules {
namespace {

// States this close to the root get a full transition row. At depth 2 the built-in phrases
// have a few hundred such states; the text seldom goes deeper before a mismatch.
constexpr int kFullRowDepth = 2;

}  // namespace

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases) : phrase_count_(phrases.size()) {
  lengths_.reserve(phrases.size());
  std::size_t bytes = 0;
  for (const std::string& p : phrases) {
    lengths_.push_back(static_cast<std::uint32_t>(p.size()));
    bytes += p.size();
    // Byte classes: each byte used by some phrase gets its own class; all others share 0.
    for (unsigned char c : p) {
      if (class_of_[c] == 0) class_of_[c] = static_cast<std::uint8_t>(classes_++);
    }
  }

  // The trie, with each state's children in a sibling list.
  auto add_state = [this](std::uint8_t label) {
    first_child_.push_back(-1);
    next_sibling_.push_back(-1);
    label_.push_back(label);
    phrase_.push_back(-1);
    return static_cast<std::int32_t>(phrase_.size() - 1);
  };
  first_child_.reserve(bytes + 1);
  next_sibling_.reserve(bytes + 1);
  label_.reserve(bytes + 1);
  phrase_.reserve(bytes + 1);
  add_state(0);
  same_text_.assign(phrases.size(), -1);
  for (std::size_t id = 0; id < phrases.size(); ++id) {
    if (phrases[id].empty()) continue;
    std::int32_t s = 0;
    for (unsigned char c : phrases[id]) {
      const std::uint8_t k = class_of_[c];
      std::int32_t t = Child(s, k);
      if (t < 0) {
        t = add_state(k);
        next_sibling_[static_cast<std::size_t>(t)] = first_child_[static_cast<std::size_t>(s)];
        first_child_[static_cast<std::size_t>(s)] = t;
      }
      s = t;
    }
    // A repeated phrase takes the state and is chained to the id it displaces.
    same_text_[id] = phrase_[static_cast<std::size_t>(s)];
    phrase_[static_cast<std::size_t>(s)] = static_cast<std::int32_t>(id);
  }

  // Failure links and output chains, breadth first so that a state's failure target (always
  // shallower) is finished before the state itself. Full rows are filled in the same order.
  const std::size_t states = phrase_.size();
  fail_.assign(states, 0);
  next_output_.assign(states, -1);
  row_.assign(states, -1);
  std::vector<std::int32_t> depth(states, 0);
  std::vector<std::int32_t> queue;
  queue.reserve(states);
  queue.push_back(0);
  const std::size_t width = static_cast<std::size_t>(classes_);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::int32_t s = queue[head];
    const std::size_t su = static_cast<std::size_t>(s);
    if (depth[su] <= kFullRowDepth) {
      const std::size_t at = rows_.size();
      rows_.resize(at + width, 0);
      if (s != 0) {
        // A missing edge goes where the failure state's row goes (that row exists: the
        // failure state is shallower).
        const std::size_t from = static_cast<std::size_t>(row_[static_cast<std::size_t>(fail_[su])]) * width;
        std::copy_n(rows_.begin() + static_cast<std::ptrdiff_t>(from), width,
                    rows_.begin() + static_cast<std::ptrdiff_t>(at));
      }
      row_[su] = static_cast<std::int32_t>(at / width);
    }
    for (std::int32_t t = first_child_[su]; t >= 0; t = next_sibling_[static_cast<std::size_t>(t)]) {
      const std::size_t tu = static_cast<std::size_t>(t);
      if (row_[su] >= 0) rows_[static_cast<std::size_t>(row_[su]) * width + label_[tu]] = t;
      depth[tu] = depth[su] + 1;
      fail_[tu] = s == 0 ? 0 : Step(fail_[su], label_[tu]);
      const std::size_t f = static_cast<std::size_t>(fail_[tu]);
      next_output_[tu] = phrase_[f] >= 0 ? fail_[tu] : next_output_[f];
      queue.push_back(t);
    }
  }
  first_output_.resize(states);
  for (std::size_t s = 0; s < states; ++s) {
    first_output_[s] = phrase_[s] >= 0 ? static_cast<std::int32_t>(s) : next_output_[s];
  }
}

std::int32_t PhraseMatcher::Child(std::int32_t state, int k) const {
  for (std::int32_t t = first_child_[static_cast<std::size_t>(state)]; t >= 0;
       t = next_sibling_[static_cast<std::size_t>(t)]) {
    if (label_[static_cast<std::size_t>(t)] == k) return t;
  }
  return -1;
}

std::int32_t PhraseMatcher::Step(std::int32_t state, int k) const {
  // Class 0 is no phrase's byte: nothing read so far can continue a match.
  if (k == 0) return 0;
  for (;;) {
    const std::int32_t row = row_[static_cast<std::size_t>(state)];
    if (row >= 0) {
      return rows_[static_cast<std::size_t>(row) * static_cast<std::size_t>(classes_) + static_cast<std::size_t>(k)];
    }
    const std::int32_t t = Child(state, k);
    if (t >= 0) return t;
    state = fail_[static_cast<std::size_t>(state)];
  }
}

void PhraseMatcher::Match(std::string_view text, std::vector<std::uint32_t>* found,
                          std::vector<std::uint32_t>* hits) const {
  found->assign(phrase_count_, 0);
  if (hits != nullptr) hits->clear();
  const std::size_t width = static_cast<std::size_t>(classes_);
  std::int32_t s = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const int k = class_of_[static_cast<unsigned char>(text[pos])];
    if (k == 0) {
      // No phrase's byte: back to the root, which ends no phrase (empty ones never match).
      s = 0;
      continue;
    }
    const std::int32_t row = row_[static_cast<std::size_t>(s)];
    s = row >= 0 ? rows_[static_cast<std::size_t>(row) * width + static_cast<std::size_t>(k)] : Step(s, k);
    for (std::int32_t o = first_output_[static_cast<std::size_t>(s)]; o >= 0;
         o = next_output_[static_cast<std::size_t>(o)]) {
      for (std::int32_t id = phrase_[static_cast<std::size_t>(o)]; id >= 0;
           id = same_text_[static_cast<std::size_t>(id)]) {
        const std::size_t i = static_cast<std::size_t>(id);
        // Occurrences are reported in order of their end; the first one also starts first.
        if ((*found)[i] == 0) {
          (*found)[i] = static_cast<std::uint32_t>(pos + 2 - lengths_[i]);
          if (hits != nullptr) hits->push_back(static_cast<std::uint32_t>(id));
        }
      }
    }
  }
}

}  // namespace bouncescan::rules
