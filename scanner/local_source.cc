#include "scanner/local_source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <memory>
#include <optional>
#include <streambuf>
#include <system_error>

namespace bouncescan::scanner {
namespace {

namespace fs = std::filesystem;

// Reads lines ending in LF, CRLF or a lone CR; hands each line back without its ending.
class LineReader {
 public:
  // From a stream, 64 KB at a time.
  explicit LineReader(std::istream& in) : in_(&in), chunk_(new char[kChunk]), buf_(chunk_.get()) {}
  // From bytes already in memory, where they lie (nothing copied; they may be a read-only
  // mapping, and must outlive the reader).
  explicit LineReader(std::string_view bytes) : buf_(bytes.data()), len_(bytes.size()) {}

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
    if (in_ == nullptr) return false;  // the bytes in memory were all there was
    in_->read(chunk_.get(), kChunk);
    len_ = static_cast<std::size_t>(in_->gcount());
    pos_ = 0;
    return len_ > 0;
  }

  // On the heap, not the stack: a stack buffer this large costs 16 fresh pages the first
  // time, while the heap's are handed on to the messages that follow.
  static constexpr std::size_t kChunk = 64 * 1024;
  std::istream* in_ = nullptr;
  std::unique_ptr<char[]> chunk_;
  const char* buf_;
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

// Hands each message of the mbox read by `reader` to fn, named name#1, name#2, ...
void SplitMbox(LineReader& reader, const std::string& name, const std::function<void(LocalMessage&&)>& fn,
               const LocalReadOptions& options);

// Files at least this large are mapped instead of read: decoding looks at the start of a
// message only (mime::DecodeOptions::max_bytes), so of a 50 MB file only that start is
// ever loaded, and nothing is copied.
constexpr std::size_t kMapAtLeast = 1024 * 1024;

class MappedFile {
 public:
  MappedFile(void* address, std::size_t size) : address_(address), size_(size) {}
  ~MappedFile() { ::munmap(address_, size_); }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(address_), size_}; }

 private:
  void* address_;
  std::size_t size_;
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

LocalMessage OwnedMessage(std::string source, std::string bytes) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  LocalMessage m;
  m.source = std::move(source);
  m.raw = *owned;
  m.storage = std::move(owned);
  return m;
}

// Reads everything from `fd` into a buffer that is not zero-filled first. `size_hint` is
// the size of a regular file (0 otherwise): the buffer is made one byte larger, so that a
// read that stops short of filling it has reached the end and no second read is needed to
// learn so. (A file that grows meanwhile fills the buffer and is read on to its new end.)
Status ReadFd(int fd, std::size_t size_hint, const std::string& path, LocalMessage* out) {
  std::size_t capacity = std::max<std::size_t>(size_hint + 1, 4096);
  std::unique_ptr<char[]> buffer(new char[capacity]);
  std::size_t used = 0;
  while (true) {
    if (used == capacity) {
      std::unique_ptr<char[]> bigger(new char[capacity * 2]);
      std::memcpy(bigger.get(), buffer.get(), used);
      buffer = std::move(bigger);
      capacity *= 2;
    }
    ssize_t n = ::read(fd, buffer.get() + used, capacity - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError("cannot read " + path + ": " + std::strerror(errno));
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (size_hint > 0 && used < capacity) break;
  }
  out->raw = std::string_view(buffer.get(), used);
  out->storage = std::shared_ptr<const char[]>(std::move(buffer));
  return Status::Ok();
}

// The whole file as one message: mapped when large (see kMapAtLeast), read otherwise.
// `head` (if not null) receives up to the first 5 bytes, so that an mbox can be told
// before anything is mapped or read.
class OpenedFile {
 public:
  static Result<std::unique_ptr<OpenedFile>> Open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return Status::NotFound("no such file or directory: " + path);
    if (fd < 0) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    std::unique_ptr<OpenedFile> f(new OpenedFile(fd, path));
    struct stat st {};
    if (::fstat(fd, &st) != 0) return Status::IoError("cannot read " + path + ": " + std::strerror(errno));
    f->regular_ = S_ISREG(st.st_mode);
    f->directory_ = S_ISDIR(st.st_mode);
    f->size_ = f->regular_ ? static_cast<std::size_t>(st.st_size) : 0;
    return f;
  }

  bool directory() const { return directory_; }

  bool large() const { return regular_ && size_ >= kMapAtLeast; }

  // The first up to 5 bytes, without moving the read position.
  std::string Head() const {
    char head[5];
    ssize_t n = ::pread(fd_.get(), head, sizeof head, 0);
    return n > 0 ? std::string(head, static_cast<std::size_t>(n)) : std::string();
  }

  // Maps (large regular files) or reads the whole file into a message.
  Status Load(std::string source, LocalMessage* out) {
    if (large()) {
      void* address = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_.get(), 0);
      if (address != MAP_FAILED) {
        auto mapped = std::make_shared<const MappedFile>(address, size_);
        out->source = std::move(source);
        out->raw = mapped->bytes();
        out->storage = std::move(mapped);
        out->mapped = true;
        return Status::Ok();
      }
      // Not mappable (some file systems): read it instead.
    }
    out->source = std::move(source);
    return ReadFd(fd_.get(), size_, path_, out);
  }

 private:
  OpenedFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Fd fd_;
  std::string path_;
  bool regular_ = false;
  bool directory_ = false;
  std::size_t size_ = 0;
};

// Keeps the first `max` bytes of m (a mapped file's other pages are then never touched).
void Cap(LocalMessage* m, std::size_t max) {
  if (m->raw.size() <= max) return;
  m->raw = m->raw.substr(0, max);
  m->truncated = true;
}

Status ReadWholeFile(const std::string& path, const std::string& source, LocalMessage* out,
                     const LocalReadOptions& options) {
  auto file = OpenedFile::Open(path);
  if (!file.ok()) return file.status();
  Status s = (*file)->Load(source, out);
  Cap(out, options.max_message_bytes);
  return s;
}

Status ReadOpenedFileOrMbox(const std::string& path, const std::string& source, OpenedFile& file,
                            const std::function<void(LocalMessage&&)>& fn, const LocalReadOptions& options) {
  // An .eml file is one message by definition, even when it keeps its envelope line.
  bool eml = path.size() > 4 && (path.compare(path.size() - 4, 4, ".eml") == 0 ||
                                 path.compare(path.size() - 4, 4, ".EML") == 0);
  if (!eml && file.large() && file.Head() == "From ") {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    return ForEachMboxMessage(in, source, fn, options);
  }
  LocalMessage m;
  Status s = file.Load(source, &m);
  if (!s.ok()) return s;
  if (!eml && m.raw.size() >= 5 && m.raw.compare(0, 5, "From ") == 0) {
    // A small mbox, already read: split where it lies, not from a copy.
    LineReader reader(m.raw);
    SplitMbox(reader, source, fn, options);
    return Status::Ok();
  }
  Cap(&m, options.max_message_bytes);
  fn(std::move(m));
  return Status::Ok();
}

Status ReadFileOrMbox(const std::string& path, const std::string& source,
                      const std::function<void(LocalMessage&&)>& fn, const LocalReadOptions& options) {
  auto file = OpenedFile::Open(path);
  if (!file.ok()) return file.status();
  return ReadOpenedFileOrMbox(path, source, **file, fn, options);
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

// Collects one message piece by piece (the mbox reader's lines, standard input's reads):
// keeps the first min(max_message_bytes, digest_mbox_beyond) bytes, and once the message
// passes digest_mbox_beyond digests every byte of it, so that a message of any length
// costs no more than what is kept.
class MessageKeeper {
 public:
  explicit MessageKeeper(const LocalReadOptions& options)
      : options_(options), kept_max_(std::min(options.max_message_bytes, options.digest_mbox_beyond)) {}

  void Keep(std::string_view piece) {
    if (digester_) {
      digester_->Update(piece);
    } else if (!cut_ && kept_.size() + piece.size() > options_.digest_mbox_beyond) {
      digester_.emplace();
      digester_->Update(kept_);
      digester_->Update(piece);
    }
    const std::size_t room = kept_max_ - std::min(kept_max_, kept_.size());
    if (piece.size() > room) {
      piece = piece.substr(0, room);
      cut_ = true;
    }
    kept_.append(piece);
  }

  // The message so far, named `source`; the keeper starts over empty.
  LocalMessage Take(std::string source) {
    LocalMessage m = OwnedMessage(std::move(source), std::move(kept_));
    m.truncated = cut_;
    if (digester_) m.digests = digester_->Finish();
    digester_.reset();
    kept_.clear();
    cut_ = false;
    return m;
  }

 private:
  const LocalReadOptions& options_;
  const std::size_t kept_max_;
  std::string kept_;
  bool cut_ = false;  // kept_ holds only the first bytes of the message
  // Started once the message passes digest_mbox_beyond; fed every byte of it from the first.
  std::optional<ContentDigester> digester_;
};

// Standard input read straight from fd 0, after `head` (bytes already taken from it to tell
// an mbox from one message). Nothing of it is held beyond one read's worth.
class StdinBuffer : public std::streambuf {
 public:
  explicit StdinBuffer(std::string head) : head_(std::move(head)) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }
  int error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    ssize_t n;
    do {
      n = ::read(STDIN_FILENO, buffer_, sizeof buffer_);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      if (n < 0) error_ = errno;
      return traits_type::eof();
    }
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  char buffer_[64 * 1024];
  int error_ = 0;
};

// Up to n bytes from the start of standard input (fewer only at its end).
std::string ReadStdinHead(std::size_t n) {
  std::string head(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(STDIN_FILENO, head.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  head.resize(got);
  return head;
}

}  // namespace

namespace {

void SplitMbox(LineReader& reader, const std::string& name, const std::function<void(LocalMessage&&)>& fn,
               const LocalReadOptions& options) {
  std::string line;
  MessageKeeper message(options);
  auto keep = [&](std::string_view piece) { message.Keep(piece); };
  bool in_message = false;
  bool after_blank = true;
  int index = 0;
  // Blank lines are held back: the one before a "From " line belongs to the separator.
  int pending_blank = 0;
  auto emit = [&] {
    if (!in_message) return;
    fn(message.Take(name + "#" + std::to_string(index)));
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
    for (; pending_blank > 0; --pending_blank) keep("\n");
    after_blank = false;
    // mboxrd quoting: ">From ", ">>From ", ... lose one '>'.
    std::size_t gt = 0;
    while (gt < line.size() && line[gt] == '>') ++gt;
    if (gt > 0 && line.compare(gt, 5, "From ") == 0) {
      keep(std::string_view(line).substr(1));
    } else {
      keep(line);
    }
    keep("\n");
  }
  // A message's last blank lines (other than the separator) are kept but one.
  for (; pending_blank > 1; --pending_blank) keep("\n");
  emit();
}

}  // namespace

Status ForEachMboxMessage(std::istream& in, const std::string& name,
                          const std::function<void(LocalMessage&&)>& fn, const LocalReadOptions& options) {
  LineReader reader(in);
  SplitMbox(reader, name, fn, options);
  if (in.bad()) return Status::IoError("cannot read " + name);
  return Status::Ok();
}

Status ForEachLocalMessage(const std::string& path, const std::function<void(LocalMessage&&)>& fn,
                           std::vector<std::string>* problems, const LocalReadOptions& options) {
  if (path == "-") {
    // Read as it comes, like an mbox file: a message or mailbox of any length piped in
    // costs what is kept of it, not its length.
    std::string head = ReadStdinHead(5);
    const bool mbox = head == "From ";
    StdinBuffer buffer(std::move(head));
    std::istream in(&buffer);
    Status s = Status::Ok();
    if (mbox) {
      s = ForEachMboxMessage(in, "-", fn, options);
    } else {
      MessageKeeper message(options);
      char chunk[64 * 1024];
      while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        message.Keep(std::string_view(chunk, static_cast<std::size_t>(in.gcount())));
      }
      if (buffer.error() == 0) fn(message.Take("-"));
    }
    if (buffer.error() != 0) return Status::IoError(std::string("cannot read standard input: ") + std::strerror(buffer.error()));
    return s;
  }
  // One open and one fstat tell a file from a directory: a command line naming hundreds
  // of files pays for no further look at each.
  auto opened = OpenedFile::Open(path);
  if (!opened.ok()) return opened.status();
  if ((*opened)->directory()) {
    (*opened).reset();  // the listing below opens what it needs
    std::error_code ec;
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
        LocalMessage m;
        Status s = ReadWholeFile(f.string(), name, &m, options);
        if (!s.ok()) {
          problems->push_back(s.message());
          continue;
        }
        fn(std::move(m));
      } else {
        Status s = ReadFileOrMbox(f.string(), name, fn, options);
        if (!s.ok()) problems->push_back(s.message());
      }
    }
    return Status::Ok();
  }
  return ReadOpenedFileOrMbox(path, path, **opened, fn, options);
}

void ReleasePages(const LocalMessage& m, std::string_view range) {
  if (!m.mapped || range.empty()) return;
  static const std::uintptr_t page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(range.data());
  const std::uintptr_t first = (begin + page - 1) / page * page;
  const std::uintptr_t last = (begin + range.size()) / page * page;
  if (last <= first) return;
  // The mapping is read-only and private, never written: dropping its pages loses nothing,
  // a later read faults them in from the file again. Advice that fails only costs memory.
  (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace bouncescan::scanner
