#include "scanner/local_source.h"
#include "scanner/content_digest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bouncescan::scanner {
namespace {

namespace fs = std::filesystem;

class LocalSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("bouncescan-local-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  std::vector<LocalMessage> ReadAll(const std::string& path, std::vector<std::string>* problems = nullptr) {
    std::vector<LocalMessage> out;
    std::vector<std::string> local;
    Status s = ForEachLocalMessage(path, [&](LocalMessage&& m) { out.push_back(std::move(m)); },
                                   problems ? problems : &local);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  fs::path dir_;
};

const char kMbox[] =
    "From MAILER-DAEMON Thu Dec 22 17:54:04 2015\n"
    "From: a@example.com\n"
    "Subject: one\n"
    "\n"
    "first body\n"
    ">From the quoted line\n"
    ">>From twice quoted\n"
    "\n"
    "From MAILER-DAEMON Thu Dec 22 17:55:04 2015\n"
    "From: b@example.com\n"
    "Subject: two\n"
    "\n"
    "From here on prose begins a line without a blank before it? no: it follows one\n"
    "second body\n";

std::string Replace(std::string s, const std::string& eol) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += eol;
    } else {
      out += c;
    }
  }
  return out;
}

TEST_F(LocalSourceTest, MboxIsSplitWithIndexedSources) {
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(eol)));
    std::string path = Write("box", Replace(kMbox, eol));
    std::vector<LocalMessage> m = ReadAll(path);
    // The "From here on" line follows a blank line, so it is a separator (mbox rules);
    // that is the documented mboxo ambiguity, and the writer should have quoted it.
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].source, path + "#1");
    EXPECT_EQ(m[1].source, path + "#2");
    EXPECT_EQ(m[0].raw, "From: a@example.com\nSubject: one\n\nfirst body\nFrom the quoted line\n>From twice quoted\n");
    EXPECT_EQ(m[1].raw, "From: b@example.com\nSubject: two\n");
  }
}

// A small mbox file is split where it lies in memory; a stream (a large file, standard
// input) is read 64 KB at a time. Both must give the same messages, including when a line
// ending falls across the stream's chunks (a CRLF split between two reads).
TEST_F(LocalSourceTest, MboxSplitInPlaceAndFromAStreamAlike) {
  constexpr std::size_t kChunk = 64 * 1024;
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const std::string head = Replace(kMbox, eol) + "From MAILER-DAEMON Thu Dec 22 17:56:04 2015" + eol +
                             "Subject: three" + eol + eol;
    for (std::size_t end = kChunk - 2; end <= kChunk + 1; ++end) {
      SCOPED_TRACE(::testing::PrintToString(eol) + " long line ends at " + std::to_string(end));
      const std::string text = head + std::string(end - head.size(), 'x') + eol + "last line" + eol;
      const std::string path = Write("box", text);
      std::vector<LocalMessage> in_place = ReadAll(path);
      std::vector<LocalMessage> streamed;
      std::istringstream in(text);
      Status s = ForEachMboxMessage(in, path, [&](LocalMessage&& m) { streamed.push_back(std::move(m)); },
                                    LocalReadOptions());
      ASSERT_TRUE(s.ok()) << s.ToString();
      ASSERT_EQ(in_place.size(), 4u);
      ASSERT_EQ(streamed.size(), in_place.size());
      for (std::size_t i = 0; i < in_place.size(); ++i) {
        EXPECT_EQ(streamed[i].source, in_place[i].source);
        EXPECT_EQ(streamed[i].raw, in_place[i].raw);
      }
      EXPECT_EQ(in_place[3].raw, "Subject: three\n\n" + std::string(end - head.size(), 'x') + "\nlast line\n");
    }
  }
}

TEST_F(LocalSourceTest, FromLineWithoutBlankBeforeIsBodyUnlessItLooksLikeAnEnvelope) {
  std::string path = Write("box",
                           "From x@example.com Thu Dec 22 17:54:04 2015\nSubject: a\n\nline\nFrom me to you\n"
                           "From y@example.com Thu Dec 22 17:54:05 2015\nSubject: b\n\nz\n");
  std::vector<LocalMessage> m = ReadAll(path);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].raw, "Subject: a\n\nline\nFrom me to you\n");
  EXPECT_EQ(m[1].raw, "Subject: b\n\nz\n");
}

TEST_F(LocalSourceTest, EmlIsOneMessageWithThePathAsSource) {
  std::string path = Write("x.eml", "From: a@example.com\r\n\r\nbody\r\n");
  std::vector<LocalMessage> m = ReadAll(path);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].source, path);
  EXPECT_EQ(m[0].raw, "From: a@example.com\r\n\r\nbody\r\n");
}

TEST_F(LocalSourceTest, EmlWithEnvelopeLineIsStillOneMessage) {
  std::string path = Write("saved.eml", "From x@example.com Thu Dec 22 17:54:04 2015\nSubject: a\n\nbody\n");
  std::vector<LocalMessage> m = ReadAll(path);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].source, path);
}

TEST_F(LocalSourceTest, MaildirCurAndNewInNameOrderButNotTmp) {
  Write("md/cur/2:2,S", "Subject: cur2\n\n");
  Write("md/cur/1:2,", "Subject: cur1\n\n");
  Write("md/new/3", "Subject: new3\n\n");
  Write("md/tmp/4", "Subject: tmp4\n\n");
  std::vector<LocalMessage> m = ReadAll((dir_ / "md").string());
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].raw, "Subject: cur1\n\n");
  EXPECT_EQ(m[1].raw, "Subject: cur2\n\n");
  EXPECT_EQ(m[2].raw, "Subject: new3\n\n");
  EXPECT_EQ(m[0].source, (dir_ / "md" / "cur" / "1:2,").string());
}

TEST_F(LocalSourceTest, EmptyFileAndMissingPath) {
  std::string path = Write("empty", "");
  std::vector<LocalMessage> m = ReadAll(path);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].raw.empty());
  std::vector<std::string> problems;
  Status s = ForEachLocalMessage((dir_ / "nope").string(), [](LocalMessage&&) {}, &problems);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

TEST_F(LocalSourceTest, LargeMboxIsStreamedMessageByMessage) {
  // 2,000 messages: the callback sees each as soon as its end is read.
  std::string path = (dir_ / "big").string();
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 2000; ++i) {
      out << "From x@example.com Thu Dec 22 17:54:04 2015\nSubject: " << i << "\n\n" << std::string(1000, 'b') << "\n\n";
    }
  }
  int count = 0;
  std::vector<std::string> problems;
  Status s = ForEachLocalMessage(path, [&](LocalMessage&& m) {
    ++count;
    EXPECT_EQ(m.source, path + "#" + std::to_string(count));
    EXPECT_LT(m.raw.size(), 1100u);
  }, &problems);
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(count, 2000);
}

TEST_F(LocalSourceTest, MessagesAreCutAtMaxMessageBytes) {
  std::string mbox = Write("box", "From a@example.com Thu Dec 22 17:54:04 2015\nSubject: long\n\n" +
                                      std::string(100, 'x') + "\n>From here\n\n\n"
                                      "From b@example.com Thu Dec 22 17:55:04 2015\nSubject: b\n\nshort\n");
  LocalReadOptions options;
  options.max_message_bytes = 40;
  std::vector<LocalMessage> m;
  std::vector<std::string> problems;
  ASSERT_TRUE(ForEachLocalMessage(mbox, [&](LocalMessage&& x) { m.push_back(std::move(x)); }, &problems, options)
                  .ok());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].raw, "Subject: long\n\n" + std::string(25, 'x'));
  EXPECT_TRUE(m[0].truncated);
  EXPECT_EQ(m[1].raw, "Subject: b\n\nshort\n");
  EXPECT_FALSE(m[1].truncated);

  // A file larger than the mapping threshold: only its start is kept, the rest unread.
  std::string eml = Write("big.eml", "Subject: big\n\n" + std::string(2 * 1024 * 1024, 'y') + "\n");
  m.clear();
  ASSERT_TRUE(ForEachLocalMessage(eml, [&](LocalMessage&& x) { m.push_back(std::move(x)); }, &problems, options)
                  .ok());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].raw, "Subject: big\n\n" + std::string(26, 'y'));
  EXPECT_TRUE(m[0].truncated);
  // Without the option the whole file comes back (mapped, not copied).
  m.clear();
  ASSERT_TRUE(ForEachLocalMessage(eml, [&](LocalMessage&& x) { m.push_back(std::move(x)); }, &problems).ok());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].raw.size(), 14u + 2 * 1024 * 1024 + 1);
  EXPECT_EQ(m[0].raw.substr(m[0].raw.size() - 2), "y\n");
  EXPECT_FALSE(m[0].truncated);
}

TEST_F(LocalSourceTest, ReleasedPagesOfAMappedFileReadBackUnchanged) {
  std::string content = "Subject: big\n\n";
  for (int i = 0; content.size() < 3 * 1024 * 1024; ++i) content += "line " + std::to_string(i) + "\n";
  const std::string eml = Write("big.eml", content);
  std::vector<LocalMessage> m = ReadAll(eml);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].mapped);
  ASSERT_EQ(m[0].raw, content);  // every page read once
  // Released in odd pieces and as a whole: the bytes come back from the file as they were.
  ReleasePages(m[0], m[0].raw.substr(100, 1024 * 1024));
  ReleasePages(m[0], m[0].raw.substr(0, 5000));
  ReleasePages(m[0], m[0].raw);
  EXPECT_EQ(m[0].raw, content);

  // A small file is read into memory: not mapped, and releasing is a no-op.
  std::vector<LocalMessage> small = ReadAll(Write("small.eml", "Subject: small\n\nbody\n"));
  ASSERT_EQ(small.size(), 1u);
  EXPECT_FALSE(small[0].mapped);
  ReleasePages(small[0], small[0].raw);
  EXPECT_EQ(small[0].raw, "Subject: small\n\nbody\n");
}

// Reads `-` with `input` written into a pipe on fd 0 by another thread, as a shell pipe
// would give it; fd 0 is put back afterwards.
std::vector<LocalMessage> ReadStdin(const std::string& input, const LocalReadOptions& options) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(fds[0], STDIN_FILENO);
  ::close(fds[0]);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < input.size()) {
      ssize_t n = ::write(fds[1], input.data() + done, std::min<std::size_t>(input.size() - done, 7000));
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  std::vector<LocalMessage> out;
  std::vector<std::string> problems;
  Status s = ForEachLocalMessage("-", [&](LocalMessage&& m) { out.push_back(std::move(m)); }, &problems, options);
  writer.join();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// A message piped in is read as it comes: past digest_mbox_beyond only the start is kept,
// and the digests cover every byte, as for an mbox message (scan's identity of a 50 MB
// message on stdin is then the same as of the file, without holding 50 MB).
TEST_F(LocalSourceTest, StdinKeepsTheStartOfALongMessageAndDigestsAllOfIt) {
  std::string message = "From: a@example.com\r\nMessage-ID: <x@example.com>\r\n\r\n";
  while (message.size() < 300000) message += "line of the body, with >From inside\r\n";
  LocalReadOptions options;
  options.digest_mbox_beyond = 100000;
  std::vector<LocalMessage> got = ReadStdin(message, options);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].source, "-");
  EXPECT_TRUE(got[0].truncated);
  EXPECT_EQ(got[0].raw, std::string_view(message).substr(0, 100000));
  ASSERT_TRUE(got[0].digests.has_value());
  ContentDigester whole;
  whole.Update(message);
  const ContentDigests want = whole.Finish();
  EXPECT_EQ(got[0].digests->whole, want.whole);
  EXPECT_EQ(got[0].digests->body, want.body);

  // Shorter than the limit: held whole, nothing to digest. classify's cut: no digests.
  got = ReadStdin("Subject: short\n\nbody\n", options);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].raw, "Subject: short\n\nbody\n");
  EXPECT_FALSE(got[0].truncated);
  EXPECT_FALSE(got[0].digests.has_value());
  LocalReadOptions cut;
  cut.max_message_bytes = 1000;
  got = ReadStdin(message, cut);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].raw.size(), 1000u);
  EXPECT_TRUE(got[0].truncated);
  EXPECT_FALSE(got[0].digests.has_value());
}

TEST_F(LocalSourceTest, StdinMboxIsSplitAsTheSameFileIs) {
  std::vector<LocalMessage> piped = ReadStdin(kMbox, LocalReadOptions());
  std::vector<LocalMessage> file = ReadAll(Write("box", kMbox));
  ASSERT_EQ(piped.size(), 3u);  // see MboxIsSplitWithIndexedSources
  ASSERT_EQ(file.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(piped[i].raw, file[i].raw);
    EXPECT_EQ(piped[i].source, "-#" + std::to_string(i + 1));
  }
  // Fewer than five bytes: one message, not an mbox.
  piped = ReadStdin("Fro", LocalReadOptions());
  ASSERT_EQ(piped.size(), 1u);
  EXPECT_EQ(piped[0].raw, "Fro");
}

}  // namespace
}  // namespace bouncescan::scanner
