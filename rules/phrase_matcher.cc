#include "rules/phrase_matcher.h"

#include <deque>

namespace bouncescan::rules {

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases) : phrase_count_(phrases.size()) {
  for (const std::string& p : phrases) lengths_.push_back(static_cast<std::uint32_t>(p.size()));
  // Byte classes: each byte used by some phrase gets its own class; all others share 0.
  for (const std::string& p : phrases) {
    for (unsigned char c : p) {
      if (class_of_[c] == 0) class_of_[c] = static_cast<std::uint8_t>(classes_++);
    }
  }
  // The trie. goto_ uses -1 for "no edge" while building.
  std::vector<std::int32_t> go(static_cast<std::size_t>(classes_), -1);
  std::vector<std::vector<std::int32_t>> out(1);
  for (std::size_t id = 0; id < phrases.size(); ++id) {
    if (phrases[id].empty()) continue;
    std::int32_t s = 0;
    for (unsigned char c : phrases[id]) {
      std::size_t slot = static_cast<std::size_t>(s) * classes_ + class_of_[c];
      if (go[slot] < 0) {
        go[slot] = static_cast<std::int32_t>(out.size());
        out.emplace_back();
        go.resize(go.size() + static_cast<std::size_t>(classes_), -1);
      }
      s = go[slot];
    }
    out[static_cast<std::size_t>(s)].push_back(static_cast<std::int32_t>(id));
  }
  // Failure links, breadth first, turning the trie into a full transition table.
  const std::size_t states = out.size();
  std::vector<std::int32_t> fail(states, 0);
  std::deque<std::int32_t> queue;
  for (int k = 0; k < classes_; ++k) {
    std::int32_t& t = go[static_cast<std::size_t>(k)];
    if (t < 0) {
      t = 0;
    } else {
      fail[static_cast<std::size_t>(t)] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    std::int32_t s = queue.front();
    queue.pop_front();
    const std::vector<std::int32_t>& inherited = out[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)])];
    out[static_cast<std::size_t>(s)].insert(out[static_cast<std::size_t>(s)].end(), inherited.begin(), inherited.end());
    for (int k = 0; k < classes_; ++k) {
      std::size_t slot = static_cast<std::size_t>(s) * classes_ + static_cast<std::size_t>(k);
      std::int32_t t = go[slot];
      std::int32_t via_fail = go[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)]) * classes_ + static_cast<std::size_t>(k)];
      if (t < 0) {
        go[slot] = via_fail;
      } else {
        fail[static_cast<std::size_t>(t)] = via_fail;
        queue.push_back(t);
      }
    }
  }
  next_ = std::move(go);
  output_begin_.reserve(states + 1);
  for (const std::vector<std::int32_t>& o : out) {
    output_begin_.push_back(static_cast<std::int32_t>(outputs_.size()));
    outputs_.insert(outputs_.end(), o.begin(), o.end());
  }
  output_begin_.push_back(static_cast<std::int32_t>(outputs_.size()));
}

void PhraseMatcher::Match(std::string_view text, std::vector<std::uint32_t>* found) const {
  found->assign(phrase_count_, 0);
  std::size_t s = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    s = static_cast<std::size_t>(next_[s * static_cast<std::size_t>(classes_) + class_of_[c]]);
    for (std::int32_t i = output_begin_[s]; i < output_begin_[s + 1]; ++i) {
      std::size_t id = static_cast<std::size_t>(outputs_[static_cast<std::size_t>(i)]);
      // Occurrences are reported in order of their end; the first one also starts first.
      if ((*found)[id] == 0) (*found)[id] = static_cast<std::uint32_t>(pos + 2 - lengths_[id]);
    }
  }
}

}  // namespace bouncescan::rules
