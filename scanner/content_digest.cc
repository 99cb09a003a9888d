#include "scanner/content_digest.h"

#include <array>
#include <cstdint>

namespace bouncescan::scanner {
namespace {

constexpr std::string_view kQuoted = ">From ";

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

void BodyHasher::Update(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes[i] == '\n') {  // the LF of a CRLF cut between two pieces
        ++i;
        continue;
      }
    }
    std::size_t end = i;
    while (end < bytes.size() && !IsLineEnd(bytes[end])) ++end;
    Content(bytes.substr(i, end - i));
    if (end == bytes.size()) return;
    EndLine();
    after_cr_ = bytes[end] == '\r';
    i = end + 1;
  }
}

void BodyHasher::Content(std::string_view part) {
  // ">From x" is hashed as "From x", but ">From " followed only by blanks is hashed as
  // ">From" (the blanks go first, then the line is too short to be quoting).
  while (!decided_ && !part.empty()) {
    head_ += part.front();
    part.remove_prefix(1);
    if (head_.size() <= kQuoted.size()) {
      if (kQuoted.substr(0, head_.size()) == head_) continue;
      decided_ = true;
      Emit(head_);
    } else if (!IsBlank(head_.back())) {
      decided_ = true;
      Emit(std::string_view(head_).substr(1));
    }
  }
  if (!part.empty()) Emit(part);
}

void BodyHasher::Emit(std::string_view part) {
  std::size_t last = part.size();
  while (last > 0 && IsBlank(part[last - 1])) --last;
  if (last == 0) {
    blanks_.append(part);
    return;
  }
  if (newlines_ > 0) {
    hash_.Update(std::string(newlines_, '\n'));
    newlines_ = 0;
  }
  hash_.Update(blanks_);
  hash_.Update(part.substr(0, last));
  blanks_.assign(part.substr(last));
}

void BodyHasher::EndLine() {
  if (!decided_) Emit(head_);  // a short line, or ">From " and blanks: hashed as it is
  head_.clear();
  decided_ = false;
  blanks_.clear();
  ++newlines_;
}

std::string BodyHasher::Finish() {
  if (!decided_) Emit(head_);  // the last line, without a line end
  return DigestHex(hash_.Finish(), 16);
}

ContentDigester::ContentDigester() : from_start_(std::in_place) {}

void ContentDigester::Update(std::string_view bytes) {
  whole_.Update(bytes);
  if (state_ == State::kHeader) from_start_->Update(bytes);
  std::size_t i = 0;
  if (state_ == State::kHeader) {
    // The body starts after the first line end that another line end follows at once:
    // LF or CR then LF or CR, except CR LF, which is one line end. A CR that ends the
    // empty line takes the LF after it along.
    for (; i < bytes.size() && state_ == State::kHeader; ++i) {
      const char c = bytes[i];
      if (IsLineEnd(c) && IsLineEnd(previous_) && !(previous_ == '\r' && c == '\n')) {
        state_ = c == '\r' ? State::kBoundaryCr : State::kBody;
      }
      previous_ = c;
    }
  }
  if (state_ == State::kBoundaryCr && i < bytes.size()) {
    if (bytes[i] == '\n') ++i;
    state_ = State::kBody;
  }
  if (state_ != State::kHeader) from_start_.reset();
  if (state_ == State::kBody) body_.Update(bytes.substr(i));
}

ContentDigests ContentDigester::Finish() {
  ContentDigests d;
  d.whole = DigestHex(whole_.Finish(), 64);
  d.body = state_ == State::kHeader ? from_start_->Finish() : body_.Finish();
  return d;
}

}  // namespace bouncescan::scanner
