#include "rules/phrase_matcher.h"

#include <algorithm>
#include <cassert>

namespace bouncescan::rules {
namespace {

// States this close to the root get a full transition row. At depth 2 the built-in phrases
// have a few hundred such states; the text seldom goes deeper before a mismatch.
constexpr int kFullRowDepth = 2;

// The automaton's transition from `state` on a byte of class `k`: the longest phrase prefix
// that is a suffix of the text read so far followed by that byte. `t` is a
// PhraseMatcher::Tables or, while building, the vectors it will view (the same names).
// States are numbered breadth first, so the states with a full row are 0, 1, 2, ... and a
// state's row is its own number (while building, the rows made so far).
template <typename T>
std::int32_t Transition(const T& t, std::size_t width, std::int32_t state, std::uint32_t k) {
  // Class 0 is no phrase's byte: nothing read so far can continue a match.
  if (k == 0) return 0;
  const std::size_t full = t.rows.size() / width;
  for (;;) {
    const std::size_t su = static_cast<std::size_t>(state);
    if (su < full) return t.rows[su * width + k];
    for (std::int32_t c = t.first_child[static_cast<std::size_t>(state)]; c >= 0;
         c = t.next_sibling[static_cast<std::size_t>(c)]) {
      if (t.label[static_cast<std::size_t>(c)] == k) return c;
    }
    state = t.fail[static_cast<std::size_t>(state)];
  }
}

}  // namespace

struct PhraseMatcher::Storage {
  std::vector<std::int32_t> first_child;
  std::vector<std::int32_t> next_sibling;
  std::vector<std::uint8_t> label;
  std::vector<std::int32_t> fail;
  std::vector<std::int32_t> phrase;
  std::vector<std::int32_t> next_output;
  std::vector<std::int32_t> first_output;
  std::vector<std::int32_t> rows;
  std::vector<std::uint32_t> lengths;
  std::vector<std::int32_t> same_text;

  // The trie child of `state` for byte class `k`, or -1.
  std::int32_t Child(std::int32_t state, std::uint32_t k) const {
    for (std::int32_t t = first_child[static_cast<std::size_t>(state)]; t >= 0;
         t = next_sibling[static_cast<std::size_t>(t)]) {
      if (label[static_cast<std::size_t>(t)] == k) return t;
    }
    return -1;
  }
};

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases) {
  auto own = std::make_shared<Storage>();
  Storage& st = *own;
  t_.phrase_count = static_cast<std::uint32_t>(phrases.size());
  st.lengths.reserve(phrases.size());
  std::size_t bytes = 0;
  for (const std::string& p : phrases) {
    st.lengths.push_back(static_cast<std::uint32_t>(p.size()));
    bytes += p.size();
    // Byte classes: each byte used by some phrase gets its own class; all others share 0.
    for (unsigned char c : p) {
      if (t_.class_of[c] == 0) t_.class_of[c] = static_cast<std::uint8_t>(t_.classes++);
    }
  }

  // The trie, with each state's children in a sibling list.
  auto add_state = [&st](std::uint8_t label) {
    st.first_child.push_back(-1);
    st.next_sibling.push_back(-1);
    st.label.push_back(label);
    st.phrase.push_back(-1);
    return static_cast<std::int32_t>(st.phrase.size() - 1);
  };
  st.first_child.reserve(bytes + 1);
  st.next_sibling.reserve(bytes + 1);
  st.label.reserve(bytes + 1);
  st.phrase.reserve(bytes + 1);
  add_state(0);
  st.same_text.assign(phrases.size(), -1);
  for (std::size_t id = 0; id < phrases.size(); ++id) {
    if (phrases[id].empty()) continue;
    std::int32_t s = 0;
    for (unsigned char c : phrases[id]) {
      const std::uint8_t k = t_.class_of[c];
      std::int32_t t = st.Child(s, k);
      if (t < 0) {
        t = add_state(k);
        st.next_sibling[static_cast<std::size_t>(t)] = st.first_child[static_cast<std::size_t>(s)];
        st.first_child[static_cast<std::size_t>(s)] = t;
      }
      s = t;
    }
    // A repeated phrase takes the state and is chained to the id it displaces.
    st.same_text[id] = st.phrase[static_cast<std::size_t>(s)];
    st.phrase[static_cast<std::size_t>(s)] = static_cast<std::int32_t>(id);
  }

  // The states renumbered breadth first, in the order the loop below visits them: those
  // given full rows (within kFullRowDepth of the root) are then the first ones, and each
  // one's row is its own number: no table says which row a state has.
  const std::size_t states = st.phrase.size();
  {
    std::vector<std::int32_t> order;
    order.reserve(states);
    order.push_back(0);
    for (std::size_t head = 0; head < order.size(); ++head) {
      for (std::int32_t c = st.first_child[static_cast<std::size_t>(order[head])]; c >= 0;
           c = st.next_sibling[static_cast<std::size_t>(c)]) {
        order.push_back(c);
      }
    }
    std::vector<std::int32_t> number(states);
    for (std::size_t i = 0; i < states; ++i) number[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
    const auto renumbered = [&number](std::int32_t state) {
      return state < 0 ? state : number[static_cast<std::size_t>(state)];
    };
    std::vector<std::int32_t> first_child(states), next_sibling(states), phrase(states);
    std::vector<std::uint8_t> label(states);
    for (std::size_t i = 0; i < states; ++i) {
      const std::size_t was = static_cast<std::size_t>(order[i]);
      first_child[i] = renumbered(st.first_child[was]);
      next_sibling[i] = renumbered(st.next_sibling[was]);
      label[i] = st.label[was];
      phrase[i] = st.phrase[was];
    }
    st.first_child = std::move(first_child);
    st.next_sibling = std::move(next_sibling);
    st.label = std::move(label);
    st.phrase = std::move(phrase);
  }

  // Failure links and output chains, breadth first so that a state's failure target (always
  // shallower) is finished before the state itself. Full rows are filled in the same order.
  st.fail.assign(states, 0);
  st.next_output.assign(states, -1);
  std::vector<std::int32_t> depth(states, 0);
  std::vector<std::int32_t> queue;
  queue.reserve(states);
  queue.push_back(0);
  const std::size_t width = t_.classes;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::int32_t s = queue[head];
    const std::size_t su = static_cast<std::size_t>(s);
    const bool full_row = depth[su] <= kFullRowDepth;
    if (full_row) {
      const std::size_t at = st.rows.size();
      // Breadth first, the states with rows are 0, 1, 2, ... (see the numbering above), and
      // a state's row is its own number.
      assert(at / width == su);
      st.rows.resize(at + width, 0);
      if (s != 0) {
        // A missing edge goes where the failure state's row goes (that row exists: the
        // failure state is shallower).
        const std::size_t from = static_cast<std::size_t>(st.fail[su]) * width;
        std::copy_n(st.rows.begin() + static_cast<std::ptrdiff_t>(from), width,
                    st.rows.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
    for (std::int32_t t = st.first_child[su]; t >= 0; t = st.next_sibling[static_cast<std::size_t>(t)]) {
      const std::size_t tu = static_cast<std::size_t>(t);
      if (full_row) st.rows[su * width + st.label[tu]] = t;
      depth[tu] = depth[su] + 1;
      st.fail[tu] = s == 0 ? 0 : Transition(st, width, st.fail[su], st.label[tu]);
      const std::size_t f = static_cast<std::size_t>(st.fail[tu]);
      st.next_output[tu] = st.phrase[f] >= 0 ? st.fail[tu] : st.next_output[f];
      queue.push_back(t);
    }
  }
  st.first_output.resize(states);
  for (std::size_t s = 0; s < states; ++s) {
    st.first_output[s] = st.phrase[s] >= 0 ? static_cast<std::int32_t>(s) : st.next_output[s];
  }

  t_.first_child = st.first_child;
  t_.next_sibling = st.next_sibling;
  t_.label = st.label;
  t_.fail = st.fail;
  t_.phrase = st.phrase;
  t_.next_output = st.next_output;
  t_.first_output = st.first_output;
  t_.rows = st.rows;
  t_.lengths = st.lengths;
  t_.same_text = st.same_text;
  storage_ = std::move(own);
}

void PhraseMatcher::Match(std::string_view text, std::vector<std::uint32_t>* found,
                          std::vector<std::uint32_t>* hits) const {
  found->assign(t_.phrase_count, 0);
  if (hits != nullptr) hits->clear();
  const std::size_t width = t_.classes;
  // States 0 .. full - 1 have full rows, each at its own number (see the constructor).
  const std::size_t full = t_.rows.size() / width;
  std::int32_t s = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const std::uint32_t k = t_.class_of[static_cast<unsigned char>(text[pos])];
    if (k == 0) {
      // No phrase's byte: back to the root, which ends no phrase (empty ones never match).
      s = 0;
      continue;
    }
    const std::size_t su = static_cast<std::size_t>(s);
    s = su < full ? t_.rows[su * width + k] : Transition(t_, width, s, k);
    for (std::int32_t o = t_.first_output[static_cast<std::size_t>(s)]; o >= 0;
         o = t_.next_output[static_cast<std::size_t>(o)]) {
      for (std::int32_t id = t_.phrase[static_cast<std::size_t>(o)]; id >= 0;
           id = t_.same_text[static_cast<std::size_t>(id)]) {
        const std::size_t i = static_cast<std::size_t>(id);
        // Occurrences are reported in order of their end; the first one also starts first.
        if ((*found)[i] == 0) {
          (*found)[i] = static_cast<std::uint32_t>(pos + 2 - t_.lengths[i]);
          if (hits != nullptr) hits->push_back(static_cast<std::uint32_t>(id));
        }
      }
    }
  }
}

}  // namespace bouncescan::rules
