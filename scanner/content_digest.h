// The two digests a message's content identity is made of (scanner::ContentIdentity in
// pipeline.h), computed while the message's bytes stream past instead of over the message
// held whole.
//
// Used by the mbox and standard-input readers (local_source.cc) for messages larger than
// what decoding reads: `scan` keeps only their start in memory but must record them under
// the identity of all of their bytes, exactly as when the whole message was kept (a
// changed identity would make every existing database record the message again). Pure,
// no I/O; one object per message, not thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scanner/sha256.h"

namespace bouncescan::scanner {

struct ContentDigests {
  std::string whole;  // SHA-256 of all the bytes, 64 lowercase hex digits
  std::string body;   // ContentIdentity's normalised body hash, 16 lowercase hex digits
};

// The body hash over lines: CRLF, CR and LF end a line; each line loses its trailing
// blanks and one level of ">From " quoting; empty lines count only before a later
// non-empty one. ContentDigester's part; a class of its own (not nested) so that
// std::optional<BodyHasher> can be declared inside ContentDigester with every compiler.
class BodyHasher {
 public:
  void Update(std::string_view bytes);
  std::string Finish();

 private:
  void Content(std::string_view part);  // bytes inside a line, no line end
  void Emit(std::string_view part);     // bytes of the line as hashed (after unquoting)
  void EndLine();
  Sha256 hash_;
  std::size_t newlines_ = 0;  // line ends not hashed yet: wait for a non-empty line
  std::string head_;          // the line's start while it may still be ">From " quoting
  bool decided_ = false;      // head_ is settled (hashed or dropped) for this line
  std::string blanks_;        // trailing blanks seen, hashed only if more text follows
  bool after_cr_ = false;     // the last byte was CR: a LF next belongs to it
};

class ContentDigester {
 public:
  ContentDigester();

  // Consecutive bytes of the message, cut into pieces anywhere (even inside a CRLF).
  void Update(std::string_view bytes);

  // The digests of everything given to Update. REQUIRES: called once; the object is spent.
  ContentDigests Finish();

 private:
  // Header/body boundary (the first empty line, any line-end convention), as
  // ContentIdentity's Body() finds it.
  enum class State { kHeader, kBoundaryCr, kBody };
  Sha256 whole_;
  State state_ = State::kHeader;
  char previous_ = 0;  // the previous byte while in kHeader
  // The body hash of a message with no empty line is that of all its bytes.
  std::optional<BodyHasher> from_start_;
  BodyHasher body_;
};

}  // namespace bouncescan::scanner
