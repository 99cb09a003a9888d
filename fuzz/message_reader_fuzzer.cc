// Fuzz target: the two readers of MIME structure agree.
//
// mime::ParseMessage reads a message of one part, and a multipart whose structure is plain,
// with its own code in place; mimetic, the parser of record, reads everything that code
// refuses (mime/message.h, ParseOptions::reader). The contract is that the in-place reading
// of an input it accepts is exactly mimetic's: the same parts in the same order and depth,
// the same headers, decoded bodies, problems and main text. Every input the in-place reader
// accepts is read again by mimetic here and the two Messages are compared field by field.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mime/message.h"

namespace {

namespace mime = bouncescan::mime;
using bouncescan::fuzz::Check;

void SameHeaders(const mime::Headers& a, const mime::Headers& b, const char* what) {
  bool same = a.fields().size() == b.fields().size();
  for (std::size_t i = 0; same && i < a.fields().size(); ++i) {
    same = a.fields()[i].name == b.fields()[i].name && a.fields()[i].value == b.fields()[i].value;
  }
  if (!same) std::fprintf(stderr, "headers differ: %s\n", what);
  Check(same, "both readers give the same headers");
}

// One field compared, named when it differs.
template <typename T>
void Same(const T& a, const T& b, const char* what, std::size_t part) {
  if (!(a == b)) std::fprintf(stderr, "%s differs (part %zu)\n", what, part);
  Check(a == b, "both readers give the same Message");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  mime::ParseOptions in_place;
  in_place.reader = mime::ParseOptions::Reader::kDirectOnly;
  bouncescan::Result<mime::Message> a = mime::ParseMessage(raw, in_place);
  if (!a.ok()) return 0;  // refused (or malformed): mimetic's reading is the decode target's
  mime::ParseOptions by_mimetic;
  by_mimetic.reader = mime::ParseOptions::Reader::kMimeticOnly;
  bouncescan::Result<mime::Message> b = mime::ParseMessage(raw, by_mimetic);
  if (!b.ok()) std::fprintf(stderr, "mimetic refused it: %s\n", b.status().message().c_str());
  Check(b.ok(), "what is read in place, mimetic reads too");
  SameHeaders(a->headers, b->headers, "message");
  Same(a->truncated, b->truncated, "truncated", 0);
  Same(a->problems, b->problems, "problems", 0);
  Same(a->main_text_part, b->main_text_part, "main_text_part", 0);
  Same(a->html_main_text, b->html_main_text, "html_main_text", 0);
  Same(a->parts.size(), b->parts.size(), "number of parts", 0);
  for (std::size_t i = 0; i < a->parts.size(); ++i) {
    const mime::Part& p = a->parts[i];
    const mime::Part& q = b->parts[i];
    SameHeaders(p.headers, q.headers, "part");
    Same(p.content_type, q.content_type, "content_type", i);
    Same(p.charset, q.charset, "charset", i);
    Same(p.report_type, q.report_type, "report_type", i);
    Same(p.filename, q.filename, "filename", i);
    Same(p.depth, q.depth, "depth", i);
    Same(p.parent, q.parent, "parent", i);
    Same(p.body, q.body, "body", i);
    Same(p.body_omitted, q.body_omitted, "body_omitted", i);
  }
  return 0;
}
