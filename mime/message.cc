// ParseMessage: the only code in bouncescan that calls mimetic.
//
// mimetic 0.9.8 is used only the way that survived fuzzing (see mime/README.md and the
// fixtures in mime/testdata/hostile/): the input is normalised to LF line endings, cut to
// max_bytes and checked for nesting depth by our own scan before mimetic sees it; the
// entity is constructed empty and load()ed inside try/catch; address fields are never
// parsed by mimetic (Header::to() and friends double-free on some groups).
#include "mime/message.h"

#include <mimetic/mimetic.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "mime/text.h"

namespace bouncescan::mime {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A field name is printable US-ASCII except ':' (RFC 5322 2.2). Lenient: space or tab
// between the name and the colon is accepted (seen in old mailers).
// Returns the position of the colon, or npos if `line` is not a field.
std::size_t FieldColon(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0) return std::string_view::npos;
  std::size_t name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return std::string_view::npos;
  (void)name_end;
  return i;
}

// "type/subtype", each a non-empty RFC 2045 token: printable US-ASCII except tspecials.
bool IsTypeSlashSubtype(std::string_view type) {
  std::size_t slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (i == slash) continue;
    if (c <= ' ' || c >= 127 || std::string_view("()<>@,;:\\\"/[]?=").find(c) != std::string_view::npos) return false;
  }
  return true;
}

// Content-Type split into its parts; all lowercase except parameter values.
struct ContentType {
  std::string type;  // "multipart/report"; empty if absent or unparsable
  std::string boundary;
  std::string charset;
  std::string report_type;
  std::string name;
  bool has_boundary = false;
};

ContentType ParseContentType(std::string_view value) {
  ContentType ct;
  std::size_t semi = value.find(';');
  std::string_view type = Trim(value.substr(0, semi));
  // "text/plain (comment)" or garbage after the type.
  std::size_t sp = type.find_first_of(" \t(");
  if (sp != std::string_view::npos) type = type.substr(0, sp);
  // RFC 2045 5.2: a Content-Type that is not "type/subtype" made of token characters counts
  // as absent (text/plain). Otherwise a garbled "m\xefltipart/report" would be an opaque
  // part whose 8-bit bytes reach the decoders unconverted (fuzz/regressions/decode/).
  if (IsTypeSlashSubtype(type)) ct.type = ToLower(type);
  while (semi != std::string_view::npos) {
    std::size_t start = semi + 1;
    // Find the end of this parameter, honouring quotes.
    std::size_t i = start;
    bool quoted = false;
    while (i < value.size() && (quoted || value[i] != ';')) {
      if (value[i] == '"') quoted = !quoted;
      if (value[i] == '\\' && quoted) ++i;
      ++i;
    }
    std::string_view param = Trim(value.substr(start, std::min(i, value.size()) - start));
    semi = i < value.size() ? i : std::string_view::npos;
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = ToLower(Trim(param.substr(0, eq)));
    std::string_view v = Trim(param.substr(eq + 1));
    std::string val;
    if (!v.empty() && v.front() == '"') {
      for (std::size_t k = 1; k < v.size() && v[k] != '"'; ++k) {
        if (v[k] == '\\' && k + 1 < v.size()) ++k;
        val += v[k];
      }
    } else {
      std::size_t end = v.find_first_of(" \t");
      val = std::string(v.substr(0, end));
    }
    if (key == "boundary") {
      if (!ct.has_boundary) ct.boundary = val;
      ct.has_boundary = true;
    } else if (key == "charset") {
      ct.charset = ToLower(val);
    } else if (key == "report-type") {
      ct.report_type = ToLower(val);
    } else if ((key == "name" || key == "name*" || key == "name*0") && ct.name.empty()) {
      ct.name = val;
    }
  }
  return ct;
}

// Reads the header block that starts at `pos` (LF line endings); leaves pos at the first
// byte of the body. Counts lines that are neither fields nor continuations.
Headers ReadHeaderBlock(std::string_view text, std::size_t* pos, int* bad_lines) {
  std::vector<HeaderField> fields;
  fields.reserve(16);  // a message header has a dozen or more fields: skip the regrowths
  std::size_t p = *pos;
  int bad = 0;
  bool first = true;
  while (p < text.size()) {
    std::size_t eol = text.find('\n', p);
    std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(p, (eol == std::string_view::npos ? text.size() : eol) - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      p = next;
      break;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (!fields.empty()) {
        std::string_view cont = Trim(line);
        if (!cont.empty()) {
          if (!fields.back().value.empty()) fields.back().value += ' ';
          fields.back().value.append(cont);
        }
      } else {
        ++bad;
      }
    } else if (first && line.rfind("From ", 0) == 0) {
      // mbox envelope line left in front of the message.
    } else {
      std::size_t colon = FieldColon(line);
      if (colon == std::string_view::npos) {
        ++bad;
      } else {
        std::size_t name_end = 0;
        while (name_end < colon && line[name_end] > ' ') ++name_end;
        fields.push_back({std::string(line.substr(0, name_end)), std::string(Trim(line.substr(colon + 1)))});
      }
    }
    first = false;
    p = next;
  }
  *pos = p;
  if (bad_lines) *bad_lines = bad;
  return Headers(std::move(fields));
}

// Upper bound on how deep mimetic would recurse on `text`, found with the same boundary
// rules mimetic uses (a line that starts with "--boundary" of any open multipart closes
// everything inside it). Iterative, so it cannot overflow itself. Stops counting at
// limit + 1.
int NestingDepth(std::string_view text, int limit) {
  std::vector<std::string> open;  // "--boundary" per open multipart; "" for message/rfc822
  std::size_t pos = 0;
  int deepest = 0;
  bool in_header = true;
  while (pos < text.size()) {
    if (in_header) {
      Headers h = ReadHeaderBlock(text, &pos, nullptr);
      ContentType ct = ParseContentType(h.Get("Content-Type"));
      if (ct.type.rfind("multipart/", 0) == 0) {
        open.push_back("--" + ct.boundary);
        in_header = false;
      } else if (ct.type == "message/rfc822") {
        open.emplace_back();
        in_header = true;
      } else {
        in_header = false;
      }
      deepest = std::max(deepest, static_cast<int>(open.size()));
      if (deepest > limit) return deepest;
      continue;
    }
    std::size_t eol = text.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, next - pos);
    pos = next;
    if (line.empty() || line.front() != '-') continue;
    for (std::size_t k = open.size(); k-- > 0;) {
      const std::string& b = open[k];
      if (b.empty() || line.compare(0, b.size(), b) != 0) continue;
      open.resize(k + 1);
      bool closing = line.size() >= b.size() + 2 && line.compare(b.size(), 2, "--") == 0;
      if (closing) {
        open.pop_back();
      } else {
        in_header = true;
      }
      break;
    }
  }
  return deepest;
}

// Occurrences of "content-type" in any case (they cannot overlap). Found through their
// '-' with memchr, which crosses most of a body (base64 has no '-') in wide steps.
std::size_t CountContentTypes(std::string_view text) {
  constexpr std::string_view kBefore = "content";
  constexpr std::string_view kAfter = "type";
  std::size_t n = 0;
  for (std::size_t dash = text.find('-', kBefore.size()); dash != std::string_view::npos;
       dash = text.find('-', dash + 1)) {
    if (dash + 1 + kAfter.size() <= text.size() && IEquals(text.substr(dash + 1, kAfter.size()), kAfter) &&
        IEquals(text.substr(dash - kBefore.size(), kBefore.size()), kBefore)) {
      ++n;
    }
  }
  return n;
}

std::string DecodeTransfer(std::string_view body, std::string_view cte) {
  std::string enc = ToLower(Trim(cte));
  if (enc == "base64") return DecodeBase64(body);
  if (enc == "quoted-printable") return DecodeQuotedPrintable(body);
  return std::string(body);
}

// The HTML's text: tags removed, block elements as line breaks, common entities decoded.
std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string tag = ToLower(html.substr(i + 1, std::min<std::size_t>(end - i - 1, 10)));
      if (tag.rfind("style", 0) == 0 || tag.rfind("script", 0) == 0) {
        std::string close = tag.rfind("style", 0) == 0 ? "</style" : "</script";
        std::size_t k = i;
        std::size_t found = std::string_view::npos;
        while ((k = html.find("</", k + 1)) != std::string_view::npos) {
          if (IStartsWith(html.substr(k), close)) {
            found = k;
            break;
          }
        }
        if (found == std::string_view::npos) break;
        end = html.find('>', found);
        if (end == std::string_view::npos) break;
      } else if (tag.rfind("br", 0) == 0 || tag.rfind("p", 0) == 0 || tag.rfind("/p", 0) == 0 ||
                 tag.rfind("div", 0) == 0 || tag.rfind("/div", 0) == 0 || tag.rfind("tr", 0) == 0 ||
                 tag.rfind("/tr", 0) == 0 || tag.rfind("li", 0) == 0 || tag.rfind("/h", 0) == 0) {
        out += '\n';
      } else if (tag.rfind("td", 0) == 0) {
        out += ' ';
      }
      i = end + 1;
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
          {"&apos;", "'"}};
      bool done = false;
      for (const auto& [ent, rep] : kEntities) {
        if (html.compare(i, ent.size(), ent) == 0) {
          out += rep;
          i += ent.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
    ++i;
  }
  return out;
}

void AppendHeaders(const Headers& headers, std::string* out) {
  for (const HeaderField& f : headers.fields()) {
    out->append(f.name);
    out->append(": ");
    out->append(f.value);
    out->push_back('\n');
  }
}

class TreeWalker {
 public:
  TreeWalker(const ParseOptions& options, Message* message) : options_(options), message_(message) {}

  // Frees each leaf's undecoded body in `root` once its part is made, so that a large
  // part is not held twice.
  void Walk(mimetic::MimeEntity& root) {
    struct Item {
      mimetic::MimeEntity* entity;
      int depth;
      int parent;
      bool digest_child;
    };
    std::vector<Item> stack{{&root, 0, -1, false}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      if (message_->parts.size() >= options_.max_parts) {
        message_->truncated = true;
        message_->problems.push_back("more than " + std::to_string(options_.max_parts) +
                                     " MIME parts; the rest were dropped");
        return;
      }
      int index = static_cast<int>(message_->parts.size());
      message_->parts.push_back(MakePart(*item.entity, item.depth, item.parent, item.digest_child));
      const Part& part = message_->parts.back();
      const auto& children = item.entity->body().parts();
      if (children.empty() && !part.is_multipart()) std::string().swap(item.entity->body());
      if (children.empty()) {
        // A multipart whose boundary never occurs: its whole body is the preamble. Keep
        // it as a text part so that the words are not lost.
        // (A boundary parameter on an unindented line is lost to the header: mimetic then
        // leaves the words in the body and the epilogue; keep those too.)
        const std::string preamble = item.entity->body().preamble() + item.entity->body() +
                                     item.entity->body().epilogue();
        if (part.is_multipart() && !Trim(preamble).empty() && message_->parts.size() < options_.max_parts) {
          Part text;
          text.content_type = "text/plain";
          text.depth = item.depth + 1;
          text.parent = index;
          text.body = NormalizeLineEndings(ToUtf8(preamble, ""));
          message_->parts.push_back(std::move(text));
          message_->problems.push_back("multipart body without its boundary; read as text");
        }
        continue;
      }
      if (item.depth + 1 > options_.max_depth) {
        message_->truncated = true;
        continue;
      }
      bool digest = part.content_type == "multipart/digest";
      std::size_t first_child = stack.size();
      for (mimetic::MimeEntity* child : children) {
        stack.push_back({child, item.depth + 1, index, digest});
      }
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first_child), stack.end());
    }
  }

  // Fills the text of message/rfc822 parts from their enclosed entity (parsed as the
  // following parts), so decoders can search an attached message as text.
  void FillEnclosedText() {
    auto& parts = message_->parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].content_type != "message/rfc822" || !parts[i].body.empty()) continue;
      std::string text;
      for (std::size_t k = i + 1; k < parts.size() && parts[k].depth > parts[i].depth; ++k) {
        if (parts[k].depth == parts[i].depth + 1) {
          AppendHeaders(parts[k].headers, &text);
          text += '\n';
        }
        // An attachment of the returned message (an image, a PDF, an unknown type) is not
        // text: its decoded bytes would reach whatever searches this text.
        if (!parts[k].is_multipart() && IsTextType(parts[k].content_type)) {
          if (parts[k].depth > parts[i].depth + 1) text += '\n';
          text += parts[k].body;
          if (!text.empty() && text.back() != '\n') text += '\n';
        }
      }
      parts[i].body = std::move(text);
    }
  }

  // A message that is one part (no multipart or message/* Content-Type): its body is the
  // part's content, so our own header parse is all the structure there is.
  void AddSinglePart(const Headers& top, std::string_view body) {
    message_->parts.push_back(MakePart(top, body, false, 0, -1, false));
  }

 private:
  Part MakePart(const mimetic::MimeEntity& entity, int depth, int parent, bool digest_child) {
    std::vector<HeaderField> fields;
    fields.reserve(entity.header().size());
    for (const mimetic::Field& f : entity.header()) {
      fields.push_back({std::string(f.name()), f.value()});
    }
    return MakePart(Headers(std::move(fields)), entity.body(), !entity.body().parts().empty(), depth, parent,
                    digest_child);
  }

  // A part from its header and undecoded body. `has_children`: the body was read as parts.
  Part MakePart(Headers headers, std::string_view raw, bool has_children, int depth, int parent,
                bool digest_child) {
    Part part;
    part.headers = std::move(headers);
    part.depth = depth;
    part.parent = parent;
    ContentType ct = ParseContentType(part.headers.Get("Content-Type"));
    part.content_type = ct.type.empty() ? (digest_child ? "message/rfc822" : "text/plain") : ct.type;
    part.charset = ct.charset;
    part.report_type = ct.report_type;
    part.filename = ct.name;
    if (part.filename.empty()) {
      std::string_view disp = part.headers.Get("Content-Disposition");
      std::size_t fn = ToLower(disp).find("filename=");
      if (fn != std::string::npos) {
        std::string_view v = Trim(disp.substr(fn + 9));
        if (!v.empty() && v.front() == '"') v = v.substr(1, v.find('"', 1) - 1);
        part.filename = std::string(v.substr(0, v.find(';')));
      }
    }
    if (has_children || part.is_multipart() || part.content_type == "message/rfc822") {
      return part;  // containers: the body is the children (rfc822 text is filled later)
    }
    bool textual = IsTextType(part.content_type);
    if (!textual && raw.size() > options_.max_opaque_body) {
      // A large attachment (an image, an archive, the returned copy of a big file): no
      // decoder reads such a body, so it is neither decoded nor copied.
      part.body_omitted = true;
      return part;
    }
    std::string decoded = DecodeTransfer(raw, part.headers.Get("Content-Transfer-Encoding"));
    if (textual) {
      // One conversion at a time, each replacing the last, so that a large text part is
      // held at most twice while it is converted.
      decoded = ToUtf8(decoded, part.charset);
      if (decoded.find('\r') != std::string::npos) decoded = NormalizeLineEndings(decoded);
    }
    part.body = std::move(decoded);
    return part;
  }

  const ParseOptions& options_;
  Message* message_;
};

// The index of the part whose text is the message's own words, or -1.
void ChooseMainText(Message* message) {
  int html = -1;
  for (std::size_t i = 0; i < message->parts.size(); ++i) {
    const Part& p = message->parts[i];
    if (p.is_multipart()) continue;
    // Not inside an attached message.
    bool attached = false;
    for (int a = p.parent; a >= 0; a = message->parts[static_cast<std::size_t>(a)].parent) {
      const std::string& t = message->parts[static_cast<std::size_t>(a)].content_type;
      if (t == "message/rfc822") {
        attached = true;
        break;
      }
    }
    if (attached) continue;
    if (p.content_type == "text/plain" && !Trim(p.body).empty()) {
      message->main_text_part = static_cast<int>(i);
      return;
    }
    if (p.content_type == "text/html" && html < 0) html = static_cast<int>(i);
  }
  if (html >= 0) {
    message->main_text_part = html;
    message->html_main_text = HtmlToText(message->parts[static_cast<std::size_t>(html)].body);
  }
}

}  // namespace

bool IsTextType(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type == "message/delivery-status" ||
         type == "message/global-delivery-status" || type == "message/feedback-report" ||
         type == "message/disposition-notification" || type == "message/global-headers" ||
         type == "message/rfc822-headers";
}

// The size test is repeated before each IEquals call so that the fields of other lengths
// (most of them) cost no call: every decoder reads From and Subject of every message.
std::string_view Headers::Get(std::string_view name) const {
  for (const HeaderField& f : fields_) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) return f.value;
  }
  return {};
}

std::vector<std::string_view> Headers::GetAll(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const HeaderField& f : fields_) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) out.push_back(f.value);
  }
  return out;
}

bool Headers::Has(std::string_view name) const {
  for (const HeaderField& f : fields_) {
    if (f.name.size() == name.size() && IEquals(f.name, name)) return true;
  }
  return false;
}

std::string Headers::GetDecoded(std::string_view name) const { return DecodeEncodedWords(Get(name)); }

Headers ParseHeaderBlock(std::string_view text) {
  std::string normalised;
  if (text.find('\r') != std::string_view::npos) {
    normalised = NormalizeLineEndings(text);
    text = normalised;
  }
  // Unlike a message header, a block of report fields may contain blank lines; parse
  // every paragraph.
  std::vector<HeaderField> fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    Headers h = ReadHeaderBlock(text, &pos, nullptr);
    for (const HeaderField& f : h.fields()) fields.push_back(f);
  }
  return Headers(std::move(fields));
}

const Part* Message::Find(std::string_view content_type) const {
  for (const Part& p : parts) {
    if (p.content_type == content_type) return &p;
  }
  return nullptr;
}

std::string_view Message::MainText() const {
  if (main_text_part < 0 || static_cast<std::size_t>(main_text_part) >= parts.size()) return {};
  const Part& p = parts[static_cast<std::size_t>(main_text_part)];
  if (p.content_type == "text/html") return html_main_text;
  return p.body;
}

Result<Message> ParseMessage(std::string_view raw, const ParseOptions& options) {
  Message message;
  if (raw.size() > options.max_bytes) {
    std::size_t cut = raw.rfind('\n', options.max_bytes);
    raw = raw.substr(0, cut == std::string_view::npos ? options.max_bytes : cut + 1);
    message.truncated = true;
    message.problems.push_back("message larger than " + std::to_string(options.max_bytes) +
                               " bytes; only the start was read");
  }
  // Input with LF line endings (the usual case) is read in place; only input carrying CR
  // is copied, once, with its line endings normalised.
  std::string normalised;
  std::string_view text = raw;
  if (raw.find('\r') != std::string_view::npos) {
    normalised = NormalizeLineEndings(raw);
    text = normalised;
  }
  if (Trim(text).empty()) return Status::Malformed("empty message");

  // Our own look at the top-level header first: mimetic accepts anything.
  std::size_t body_pos = 0;
  int bad_lines = 0;
  Headers top = ReadHeaderBlock(text, &body_pos, &bad_lines);
  if (top.fields().empty()) return Status::Malformed("no header fields at the start of the message");
  if (bad_lines > 0) {
    return Status::Malformed(std::to_string(bad_lines) + " line(s) in the message header are not header fields");
  }
  ContentType top_ct = ParseContentType(top.Get("Content-Type"));
  if (top_ct.type.rfind("multipart/", 0) == 0 && top_ct.boundary.empty()) {
    return Status::Malformed("multipart message without a boundary parameter");
  }
  // mimetic's parser recurses once per nesting level; a deep enough message overflows the
  // stack. Every level needs its own Content-Type field, so when there are few of them
  // the full scan is not needed.
  std::size_t content_types = CountContentTypes(text);
  if (content_types > static_cast<std::size_t>(options.max_depth)) {
    int depth = NestingDepth(text, options.max_depth);
    if (depth > options.max_depth) {
      return Status::Malformed("MIME parts nested more than " + std::to_string(options.max_depth) + " levels deep");
    }
    // Belt and braces for inputs our scan and mimetic might read differently.
    if (content_types > 4 * options.max_parts) {
      return Status::Malformed("more than " + std::to_string(4 * options.max_parts) + " MIME parts");
    }
  }

  // Skip an mbox envelope line: mimetic would take it for a (broken) field.
  std::string_view input = text;
  if (input.rfind("From ", 0) == 0) {
    std::size_t eol = input.find('\n');
    input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
  }
  // A message of one part (text/plain from most MTAs) has no structure beyond the header
  // read above: its body goes straight to the part, without mimetic building a copy of it.
  // (Several Content-Type fields: left to mimetic, which picks one its own way.)
  const bool container = top_ct.type.rfind("multipart/", 0) == 0 || top_ct.type.rfind("message/", 0) == 0;
  if (!container && top.GetAll("Content-Type").size() <= 1) {
    TreeWalker walker(options, &message);
    walker.AddSinglePart(top, text.substr(body_pos));
    message.headers = std::move(top);
    ChooseMainText(&message);
    return message;
  }
  mimetic::MimeEntity entity;
  try {
    entity.load(input.begin(), input.end());
    // mimetic holds its own copy now.
    std::string().swap(normalised);
    text = input = {};
    TreeWalker walker(options, &message);
    walker.Walk(entity);
    walker.FillEnclosedText();
  } catch (const std::exception& e) {
    return Status::Malformed(std::string("MIME structure could not be parsed: ") + e.what());
  } catch (...) {
    return Status::Malformed("MIME structure could not be parsed");
  }
  if (message.parts.empty()) return Status::Malformed("no MIME entity could be read");
  // Our own header parse keeps fields exactly as written (mimetic rewrites Content-Type).
  message.parts[0].headers = top;
  message.headers = std::move(top);
  ChooseMainText(&message);
  return message;
}

}  // namespace bouncescan::mime
