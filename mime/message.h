// Message: a parsed MIME message, flattened for decoders.
//
// ParseMessage (mime/message.cc) is the only place that touches mimetic. It normalises
// line endings, caps size and depth, never throws, and turns every body into something a
// decoder can read without knowing about transfer encodings or charsets. Pure: no I/O.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bouncescan::mime {

// One field of a Headers: views into the text that the Headers owns, valid while that
// Headers (or a copy of it, which shares the text) lives.
struct HeaderField {
  std::string_view name;   // as written, e.g. "Content-Type"
  std::string_view value;  // unfolded (CRLF+WSP joined with a space), surrounding space trimmed, not decoded
};

// An ordered header block. Lookups are case-insensitive on the name. Immutable, so copies
// share the fields (a message's header is both Message::headers and parts[0].headers).
// The names and values of a block live in one buffer: a header costs a few allocations,
// not two per field.
class Headers {
 public:
  // Collects the fields of a block, names and values appended to one buffer. The fields
  // are kept as the views the Headers will hold (re-pointed when the buffer grows), so
  // that Build() hands both over as they are.
  class Builder {
   public:
    Builder() { fields_.reserve(16); }  // a message header has a dozen or more fields
    void Add(std::string_view name, std::string_view value);
    // The same for a field read from `line`: its name is line.substr(0, name_size), its value
    // line.substr(value_at, value_size). The line is copied up to the value's end in one
    // piece, the bytes between name and value included. REQUIRES: value_at >= name_size.
    void AddFromLine(std::string_view line, std::size_t name_size, std::size_t value_at, std::size_t value_size);
    // Makes room for `size` more bytes of names and values (growing at least twofold, so
    // that a block read paragraph by paragraph is not copied once per paragraph).
    void Reserve(std::size_t size);
    // Appends to the value of the last field added. REQUIRES: size() > 0, and no Replace
    // since that Add (the value must end the text so far).
    void AppendToValue(std::string_view more);
    void AppendToValue(char c);
    // Gives field i a new value (its old bytes stay unused in the text).
    void Replace(std::size_t i, std::string_view value);
    std::size_t size() const { return fields_.size(); }
    std::string_view name(std::size_t i) const { return fields_[i].name; }
    std::string_view value(std::size_t i) const { return fields_[i].value; }
    // The Headers, owning the text; the builder is spent.
    Headers Build() &&;

   private:
    // Room for `more` bytes after the text, the fields re-pointed if the buffer moves. (The
    // test here, inline: it runs for every field added.)
    void MakeRoom(std::size_t more) {
      if (text_.capacity() - text_.size() < more || text_.capacity() == 0) Grow(more);
    }
    void Grow(std::size_t more);
    // Appends `bytes` (there must be room); returns where they start in the text.
    const char* Append(std::string_view bytes);
    // A vector, not a string: moving it (a builder is moved, and Build moves the text into
    // the Headers) keeps its bytes where they are, so the views stay valid.
    std::vector<char> text_;
    std::vector<HeaderField> fields_;  // views into text_
  };

  Headers() = default;

  // Value of the first field with this name, or empty.
  std::string_view Get(std::string_view name) const;
  // Values of every field with this name, in order.
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Get() with RFC 2047 encoded words decoded to UTF-8.
  std::string GetDecoded(std::string_view name) const;

  const std::vector<HeaderField>& fields() const { return block_ ? block_->fields : NoFields(); }

 private:
  struct Block {
    std::vector<char> text;           // every name and value, one after the other
    std::vector<HeaderField> fields;  // views into text
  };
  static const std::vector<HeaderField>& NoFields();
  std::shared_ptr<const Block> block_;  // null when there are no fields
};

// Parses a block of "Name: value" lines (RFC 5322 fields; also the per-message and
// per-recipient groups of message/delivery-status, RFC 3464 section 2.1), unfolding
// continuation lines. Lenient: lines that are not fields are skipped.
Headers ParseHeaderBlock(std::string_view text);

// One node of the MIME tree, in document order (depth-first).
struct Part {
  Headers headers;
  std::string content_type;  // lowercase "type/subtype"; "text/plain" when absent (RFC 2045 5.2)
  std::string charset;       // lowercase charset parameter, if any
  std::string report_type;   // lowercase report-type parameter of multipart/report, if any
  std::string filename;      // name/filename parameter, if any
  int depth = 0;             // 0 for the top-level entity
  int parent = -1;           // index in Message::parts of the enclosing part; -1 for the top
  // Leaf parts: the body with its Content-Transfer-Encoding undone; text/* and
  // message/delivery-status bodies are converted to UTF-8 with LF line endings.
  // message/rfc822 and text/rfc822-headers: the enclosed message/headers as text
  // (message/rfc822's enclosed entity also follows as parts one level deeper; its text is
  // the headers of that entity and the bodies of its text leaves, never of opaque ones).
  // Multipart containers: empty. Also empty when body_omitted.
  std::string body;
  // A leaf that is neither text nor a report whose body was larger than
  // ParseOptions::max_opaque_body: left undecoded, and `body` is empty.
  bool body_omitted = false;
  bool is_multipart() const { return content_type.starts_with("multipart/"); }
};

// Whether a leaf of this (lowercase) content type holds text: text/* and the report parts
// whose bodies are header-style fields (message/delivery-status, message/feedback-report,
// message/rfc822-headers, ...). Its body is converted to UTF-8 (Part::body) and it may feed
// the text decoders read. Every other leaf (application/*, image/*, and unknown types, which
// RFC 2046 section 4.5.3 says to treat as application/octet-stream) is opaque: its bytes are
// not text, and no text that ParseMessage or a decoder assembles may include them.
bool IsTextType(std::string_view content_type);

struct ParseOptions {
  std::size_t max_bytes = 10 * 1024 * 1024;  // input beyond this is cut (at a line end)
  int max_depth = 32;                         // deeper nesting is not descended into
  std::size_t max_parts = 1000;               // more parts than this are dropped
  // Leaves that are not text/* or a message/* report part (images, archives, the returned
  // copy of a large file) and are larger than this are not decoded (Part::body_omitted).
  std::size_t max_opaque_body = 1024 * 1024;
  // Which code reads the MIME structure. By default a message of one part, and a multipart
  // whose structure is plain, are read in place by our own code, which follows mimetic's
  // reading without copying bodies; mimetic (the parser of record) reads what that code
  // refuses. The Message is the same either way: the other two values exist for the tests
  // that check it is, and nothing else should set them.
  enum class Reader {
    kAuto,
    kMimeticOnly,  // mimetic for every message
    kDirectOnly,   // our own code only: what it refuses is kMalformed
  };
  Reader reader = Reader::kAuto;
};

struct Message {
  Headers headers;          // of the top-level entity
  std::vector<Part> parts;  // parts[0] is the top-level entity itself
  bool truncated = false;   // input was cut at max_bytes, or parts/depth were capped
  std::vector<std::string> problems;  // what was odd but survivable
  int main_text_part = -1;            // index of the part MainText() reads, or -1
  std::string html_main_text;         // MainText() when that part is text/html

  // The first part with this content type (e.g. "message/delivery-status"), or nullptr.
  const Part* Find(std::string_view content_type) const;
  // The human-readable text of the message: the first text/plain leaf (or text/html with
  // tags stripped when there is no text/plain) that is not inside an attached message.
  std::string_view MainText() const;
};

// Never throws. kMalformed only when nothing at all could be read (e.g. no header block).
Result<Message> ParseMessage(std::string_view raw, const ParseOptions& options = {});

}  // namespace bouncescan::mime
