#include "scanner/local_source.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace bouncescan::scanner {
namespace {

namespace fs = std::filesystem;

// Reads lines ending in LF, CRLF or a lone CR; hands each line back without its ending.
class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in) {}

  // False at the end of input.
  bool Next(std::string* line) {
    line->clear();
    bool any = false;
    while (true) {
      if (pos_ == len_) {
        if (!Fill()) return any;
      }
      any = true;
      // Copy up to the next CR or LF in one go.
      const char* begin = buf_ + pos_;
      const char* end = buf_ + len_;
      const char* p = begin;
      while (p < end && *p != '\n' && *p != '\r') ++p;
      line->append(begin, static_cast<std::size_t>(p - begin));
      pos_ += static_cast<std::size_t>(p - begin);
      if (p == end) continue;
      char c = buf_[pos_++];
      if (c == '\r') {
        // CRLF or a lone CR (old Mac files).
        if (pos_ == len_ && !Fill()) return true;
        if (buf_[pos_] == '\n') ++pos_;
      }
      return true;
    }
  }

 private:
  bool Fill() {
    in_.read(buf_, sizeof buf_);
    len_ = static_cast<std::size_t>(in_.gcount());
    pos_ = 0;
    return len_ > 0;
  }

  std::istream& in_;
  char buf_[64 * 1024];
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
};

// "From sender date": the envelope line of an mbox (RFC 4155). A "From " line after a
// blank line always separates; one that does not follow a blank line only when it carries
// a time of day, as envelope lines do and prose rarely does.
bool IsEnvelope(const std::string& line, bool after_blank) {
  if (line.compare(0, 5, "From ") != 0) return false;
  if (after_blank) return true;
  return std::count(line.begin(), line.end(), ':') >= 2;
}

// Appends everything left in `in` to *out.
void ReadAll(std::istream& in, std::string* out) {
  char buf[64 * 1024];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) out->append(buf, static_cast<std::size_t>(in.gcount()));
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  out->clear();
  ReadAll(in, out);
  if (in.bad()) return Status::IoError("cannot read " + path);
  return Status::Ok();
}

Status ReadFileOrMbox(const std::string& path, const std::string& source,
                      const std::function<void(LocalMessage&&)>& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  char head[5] = {};
  in.read(head, 5);
  std::streamsize got = in.gcount();
  in.clear();
  in.seekg(0);
  // An .eml file is one message by definition, even when it keeps its envelope line.
  bool eml = path.size() > 4 && (path.compare(path.size() - 4, 4, ".eml") == 0 ||
                                 path.compare(path.size() - 4, 4, ".EML") == 0);
  if (!eml && got == 5 && std::memcmp(head, "From ", 5) == 0) return ForEachMboxMessage(in, source, fn);
  LocalMessage m;
  m.source = source;
  ReadAll(in, &m.raw);
  if (in.bad()) return Status::IoError("cannot read " + path);
  fn(std::move(m));
  return Status::Ok();
}

std::vector<fs::path> RegularFiles(const fs::path& dir, std::vector<std::string>* problems) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    problems->push_back("cannot list " + dir.string() + ": " + ec.message());
    return files;
  }
  for (const fs::directory_entry& e : it) {
    std::error_code fec;
    if (e.is_regular_file(fec)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Status ForEachMboxMessage(std::istream& in, const std::string& name,
                          const std::function<void(LocalMessage&&)>& fn) {
  LineReader reader(in);
  std::string line;
  std::string current;
  bool in_message = false;
  bool after_blank = true;
  int index = 0;
  // Blank lines are held back: the one before a "From " line belongs to the separator.
  int pending_blank = 0;
  auto emit = [&] {
    if (!in_message) return;
    LocalMessage m;
    m.source = name + "#" + std::to_string(index);
    m.raw = std::move(current);
    current.clear();
    fn(std::move(m));
  };
  while (reader.Next(&line)) {
    if (IsEnvelope(line, after_blank)) {
      emit();
      ++index;
      in_message = true;
      pending_blank = 0;
      after_blank = false;
      continue;
    }
    if (!in_message) {
      // Text before the first envelope line: not an mbox message.
      after_blank = line.empty();
      continue;
    }
    if (line.empty()) {
      ++pending_blank;
      after_blank = true;
      continue;
    }
    for (; pending_blank > 0; --pending_blank) current += '\n';
    after_blank = false;
    // mboxrd quoting: ">From ", ">>From ", ... lose one '>'.
    std::size_t gt = 0;
    while (gt < line.size() && line[gt] == '>') ++gt;
    if (gt > 0 && line.compare(gt, 5, "From ") == 0) {
      current.append(line, 1, std::string::npos);
    } else {
      current += line;
    }
    current += '\n';
  }
  // A message's last blank lines (other than the separator) are kept but one.
  if (pending_blank > 1) current.append(static_cast<std::size_t>(pending_blank - 1), '\n');
  emit();
  if (in.bad()) return Status::IoError("cannot read " + name);
  return Status::Ok();
}

Status ForEachLocalMessage(const std::string& path, const std::function<void(LocalMessage&&)>& fn,
                           std::vector<std::string>* problems) {
  if (path == "-") {
    std::string data;
    ReadAll(std::cin, &data);
    if (data.rfind("From ", 0) == 0) {
      std::istringstream in(std::move(data));
      return ForEachMboxMessage(in, "-", fn);
    }
    fn(LocalMessage{"-", std::move(data)});
    return Status::Ok();
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound("no such file or directory: " + path);
  if (fs::is_directory(st)) {
    fs::path dir(path);
    bool maildir = fs::is_directory(dir / "cur", ec) || fs::is_directory(dir / "new", ec);
    std::vector<fs::path> files;
    if (maildir) {
      for (const char* sub : {"cur", "new"}) {
        if (!fs::is_directory(dir / sub, ec)) continue;
        for (fs::path& f : RegularFiles(dir / sub, problems)) files.push_back(std::move(f));
      }
    } else {
      files = RegularFiles(dir, problems);
    }
    for (const fs::path& f : files) {
      std::string name = (fs::path(path) / f.parent_path().lexically_relative(dir) / f.filename())
                             .lexically_normal()
                             .string();
      if (maildir) {
        std::string raw;
        Status s = ReadWholeFile(f.string(), &raw);
        if (!s.ok()) {
          problems->push_back(s.message());
          continue;
        }
        fn(LocalMessage{name, std::move(raw)});
      } else {
        Status s = ReadFileOrMbox(f.string(), name, fn);
        if (!s.ok()) problems->push_back(s.message());
      }
    }
    return Status::Ok();
  }
  return ReadFileOrMbox(path, path, fn);
}

}  // namespace bouncescan::scanner
