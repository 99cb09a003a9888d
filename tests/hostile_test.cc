// Hostile input: messages built to crash, hang, exhaust or inject, fed to the library
// (mime::DecodeBounce + rules::Judge) and to the `bouncescan classify --json` program.
//
// Every case must give a clear answer (a report, "malformed", "truncated" or a problem
// line) and no crash, hang or leak. Leaks and memory errors are caught by the dev preset
// (ASan + LeakSanitizer): in this process directly, and in the child program through its
// exit status. tests/hostile/*.bin are inputs that crashed or leaked in mimetic 0.9.8 when
// it was used naively; the rest are generated here.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mime/decode.h"
#include "rules/judge.h"

extern char** environ;

namespace bouncescan {
namespace {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// --- helpers ----------------------------------------------------------------------------

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) bytes.append(buf, static_cast<std::size_t>(in.gcount()));
  return bytes;
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

bool IsUtf8(std::string_view s) {
  // Decoding through nlohmann::json is the check the classify output depends on.
  try {
    (void)nlohmann::json(std::string(s)).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// A fresh directory under the test's temporary directory, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "bouncescan-hostile-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? fs::path(tmpl) : fs::path();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Decodes and judges like `classify` does; checks what must hold for any input.
mime::DecodeResult ClassifyInProcess(std::string_view raw) {
  mime::DecodeResult result = mime::DecodeBounce(raw);
  const mime::BounceReport& report = result.report;
  if (result.malformed) {
    EXPECT_EQ(report.kind, mime::ReportKind::kNone) << "a malformed message is kind none";
  }
  EXPECT_TRUE(IsUtf8(report.subject));
  EXPECT_TRUE(IsUtf8(report.from));
  EXPECT_TRUE(IsUtf8(report.reporting_mta));
  EXPECT_TRUE(IsUtf8(report.original.subject));
  for (const std::string& p : result.problems) EXPECT_TRUE(IsUtf8(p)) << p;
  for (const mime::RecipientRecord& r : report.recipients) {
    EXPECT_TRUE(IsUtf8(r.final_recipient));
    EXPECT_TRUE(IsUtf8(r.diagnostic_code));
    EXPECT_EQ(r.final_recipient.find_first_of("\r\n"), std::string::npos) << r.final_recipient;
    rules::Verdict v = rules::Judge(report, r, *rules::RuleSet::BuiltIn());
    EXPECT_FALSE(rules::ReasonName(v.reason).empty());
  }
  return result;
}

struct RunResult {
  int exit_code = -1;       // -1 when killed by a signal or timed out
  int signal = 0;           // the signal that ended it, if any
  bool timed_out = false;
  long max_rss_kb = 0;
  std::string out;
  std::string err;
};

// Runs the bouncescan program with `args`, stdout and stderr captured in files of `dir`.
// Kills it after `timeout` (a hang is a failure, not a stuck test run).
RunResult RunBouncescan(const std::vector<std::string>& args, const fs::path& dir,
                        std::chrono::seconds timeout = std::chrono::seconds(120)) {
  RunResult result;
  const char* binary = std::getenv("BOUNCESCAN_BINARY");
  if (binary == nullptr) {
    ADD_FAILURE() << "BOUNCESCAN_BINARY is not set";
    return result;
  }
  fs::path out_path = dir / "stdout";
  fs::path err_path = dir / "stderr";
  std::vector<std::string> argv_strings{binary};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, binary, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << binary << ": " << rc;
    return result;
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  struct rusage usage {};
  while (true) {
    pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.max_rss_kb = usage.ru_maxrss;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

// `bouncescan classify --json path`: exits 0 (read) or 1 (read with problems), never
// crashes, hangs or leaks (LeakSanitizer makes a leak exit 23), prints one JSON object a
// message whose source names the input, and names the input in any problem line.
std::vector<nlohmann::json> ClassifyThroughProgram(const fs::path& input, const fs::path& dir,
                                                   RunResult* run_out = nullptr) {
  RunResult run = RunBouncescan({"classify", "--json", input.string()}, dir);
  EXPECT_FALSE(run.timed_out) << input;
  EXPECT_EQ(run.signal, 0) << input << "\n" << run.err.substr(0, 4000);
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1)
      << input << " exited " << run.exit_code << "\n" << run.err.substr(0, 4000);
  if (run.exit_code == 1) {
    EXPECT_NE(run.err.find(input.filename().string()), std::string::npos)
        << "exit 1 without naming the input: " << run.err.substr(0, 2000);
  }
  std::vector<nlohmann::json> objects;
  std::istringstream lines(run.out);
  std::string line;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(j.is_object()) << "not one JSON object a line: " << line.substr(0, 500);
    if (!j.is_object()) continue;
    EXPECT_EQ(j.value("source", "").rfind(input.string(), 0), 0u) << line.substr(0, 500);
    objects.push_back(std::move(j));
  }
  if (run_out != nullptr) *run_out = std::move(run);
  return objects;
}

// One message in, one answer out: a JSON object, or (exit 1) a problem line on stderr that
// names the input, which ClassifyThroughProgram has checked.
void ExpectOneAnswer(const fs::path& input, const fs::path& dir) {
  RunResult run;
  std::vector<nlohmann::json> objects = ClassifyThroughProgram(input, dir, &run);
  if (objects.empty()) {
    EXPECT_EQ(run.exit_code, 1) << "no output and no problem reported for " << input;
  } else {
    EXPECT_EQ(objects.size(), 1u) << input;
  }
}

fs::path SourceDir() {
  const char* dir = std::getenv("BOUNCESCAN_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::path(".");
}

// A small RFC 3464 report for one recipient; `recipient_field` is the Final-Recipient value.
std::string Dsn(std::string_view recipient_field, std::string_view text_charset = "us-ascii",
                std::string_view text = "Delivery to the following recipient failed.\n") {
  std::string m =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: anna@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "Message-ID: <hostile.1@mx.example.net>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"hb\"\n"
      "\n"
      "--hb\n"
      "Content-Type: text/plain; charset=";
  m += text_charset;
  m += "\n\n";
  m += text;
  m +=
      "\n--hb\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: ";
  m += recipient_field;
  m +=
      "\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n"
      "\n"
      "--hb\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: anna@example.com\n"
      "To: binh@example.org\n"
      "Subject: hello\n"
      "\n"
      "--hb--\n";
  return m;
}

// --- the stored inputs --------------------------------------------------------------------

class StoredHostileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StoredHostileTest, LibraryAnswersWithoutCrashing) {
  std::string raw = ReadFile(SourceDir() / "tests" / "hostile" / GetParam());
  ASSERT_FALSE(raw.empty()) << GetParam();
  ClassifyInProcess(raw);
}

TEST_P(StoredHostileTest, ProgramAnswersWithoutCrashing) {
  TempDir tmp;
  ExpectOneAnswer(SourceDir() / "tests" / "hostile" / GetParam(), tmp.path());
}

INSTANTIATE_TEST_SUITE_P(MimeticDefects, StoredHostileTest,
                         ::testing::Values("crash-length-error.bin", "crash-field-dtor.bin",
                                           "crash-leak-on-exception.bin"),
                         [](const auto& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(HostileTest, SixtyByteLengthErrorForm) {
  // The shortest form of crash-length-error.bin (corpus/hostile/README.md): an
  // LF-terminated header block followed by a CRLF part.
  ClassifyInProcess("Content-Type: multipart/mixed; boundary=XX\n\n--XX\n\n\r\n--XX--\n");
}

// --- generated inputs ---------------------------------------------------------------------

std::string NestedMultipart(int levels) {
  std::string m = "From: MAILER-DAEMON@example.net\nSubject: deep\nMIME-Version: 1.0\n";
  m.reserve(static_cast<std::size_t>(levels) * 64);
  for (int i = 0; i < levels; ++i) {
    m += "Content-Type: multipart/mixed; boundary=\"n" + std::to_string(i) + "\"\n\n--n" +
         std::to_string(i) + "\n";
  }
  m += "Content-Type: text/plain\n\n550 5.1.1 <deep@example.org>: user unknown\n";
  for (int i = levels - 1; i >= 0; --i) m += "--n" + std::to_string(i) + "--\n";
  return m;
}

TEST(HostileTest, FiftyThousandLevelsOfMultipartAreCappedNotRecursed) {
  std::string raw = NestedMultipart(50000);
  ASSERT_GT(raw.size(), 2'000'000u);
  mime::DecodeResult result = ClassifyInProcess(raw);
  EXPECT_TRUE(result.truncated || result.malformed) << "depth beyond the cap must be reported";
}

TEST(HostileTest, FiftyThousandLevelsOfMultipartThroughProgram) {
  TempDir tmp;
  WriteFile(tmp.path() / "deep.eml", NestedMultipart(50000));
  ExpectOneAnswer(tmp.path() / "deep.eml", tmp.path());
}

// A 50 MB bounce: an RFC 3464 report whose returned message carries a 50 MB attachment.
std::string FiftyMegabyteBounce() {
  std::string head = Dsn("rfc822; big@example.org");
  std::string tail = "--hb--\n";
  head.resize(head.size() - tail.size());
  std::string m = head;
  m +=
      "--hb\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: anna@example.com\n"
      "Subject: the big file\n"
      "Content-Type: application/octet-stream\n"
      "Content-Transfer-Encoding: base64\n"
      "\n";
  const std::string line = std::string(76, 'Q') + "\n";
  m.reserve(m.size() + 50u * 1024 * 1024 + 64);
  while (m.size() < 50u * 1024 * 1024) m += line;
  m += "\n" + tail;
  return m;
}

TEST(HostileTest, FiftyMegabyteBounceIsReadFromItsStartOnly) {
  std::string raw = FiftyMegabyteBounce();
  mime::DecodeResult result = ClassifyInProcess(raw);
  EXPECT_TRUE(result.truncated) << "a message over DecodeOptions::max_bytes is reported truncated";
  // The report sits before the big part, so the recipient is still found.
  ASSERT_EQ(result.report.recipients.size(), 1u);
  EXPECT_EQ(result.report.recipients[0].final_recipient, "big@example.org");
  EXPECT_EQ(result.report.recipients[0].status, "5.1.1");
}

TEST(HostileTest, FiftyMegabyteBounceThroughProgram) {
  TempDir tmp;
  fs::path big = tmp.path() / "big.eml";
  WriteFile(big, FiftyMegabyteBounce());
  RunResult run;
  std::vector<nlohmann::json> objects = ClassifyThroughProgram(big, tmp.path(), &run);
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].value("kind", ""), "dsn");
  if (!kSanitized) {
    // The product promise: peak RSS under 64 MB whatever the input, and a big message is
    // not held more than once. ASan's shadow memory and quarantine make RSS meaningless
    // in the dev preset, so only the plain build checks it.
    EXPECT_LT(run.max_rss_kb, 64 * 1024 + 50 * 1024) << "peak RSS in kB";
  }
}

TEST(HostileTest, RecipientWithCrlfAndScriptIsNotPassedThrough) {
  // Each Final-Recipient with the only answers allowed for it: the real address, or no
  // recipient at all. A fragment (half an address, a line break, an injected header) would
  // put a wrong address on the suppression list or into the digest.
  struct Case {
    std::string field;
    std::vector<std::string> allowed;  // besides "no recipient"
  };
  const std::vector<Case> cases = {
      // An encoded word that decodes to CRLF + an injected Bcc header.
      {"rfc822; =?utf-8?B?dXNlckBleGFtcGxlLm9yZw0KQmNjOiB2aWN0aW1AZXhhbXBsZS5uZXQ=?=", {"user@example.org"}},
      // Markup in an unquoted local part is not an address. (The returned message's own
      // recipient, from its headers, is a fair answer instead.)
      {"rfc822; <script>alert(1)</script>@example.org", {"binh@example.org"}},
      // Markup in a quoted local part is (RFC 5321 4.1.2): all of it or nothing.
      {"rfc822; \"<script>alert(1)</script>\"@example.org", {"\"<script>alert(1)</script>\"@example.org"}},
      // A bare CR inside the field.
      {"rfc822; user@example.org\rX-Injected: yes", {"user@example.org"}},
  };
  TempDir tmp;
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    auto allowed = [&](const std::string& address) {
      for (const std::string& a : c.allowed) {
        if (a == address) return true;
      }
      return false;
    };
    std::string raw = Dsn(c.field);
    mime::DecodeResult result = ClassifyInProcess(raw);
    for (const mime::RecipientRecord& r : result.report.recipients) {
      EXPECT_TRUE(allowed(r.final_recipient)) << "library gave " << r.final_recipient;
    }
    fs::path path = tmp.path() / ("inject-" + std::to_string(++n) + ".eml");
    WriteFile(path, raw);
    for (const nlohmann::json& j : ClassifyThroughProgram(path, tmp.path())) {
      for (const nlohmann::json& r : j.value("recipients", nlohmann::json::array())) {
        EXPECT_TRUE(allowed(r.value("address", ""))) << "program gave " << r.value("address", "");
      }
    }
  }
}

TEST(HostileTest, InvalidCharsetsAndEncodingsStillYieldTheReport) {
  const std::vector<std::string> bodies = {
      // An unknown charset with bytes invalid in every charset.
      Dsn("rfc822; binh@example.org", "x-no-such-charset", "\xff\xfe\xc0\xaf broken \x80\n"),
      // UTF-8 announced, Latin-1 and overlong/surrogate bytes given.
      Dsn("rfc822; binh@example.org", "utf-8", "caf\xe9 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80\n"),
      // An empty charset parameter and an encoded-word in an unknown charset.
      Dsn("rfc822; binh@example.org", "\"\"", "=?x-unknown?B?////?= =?utf-8?Q?=FF=FE?=\n"),
  };
  for (const std::string& raw : bodies) {
    mime::DecodeResult result = ClassifyInProcess(raw);
    ASSERT_EQ(result.report.recipients.size(), 1u);
    EXPECT_EQ(result.report.recipients[0].final_recipient, "binh@example.org");
    EXPECT_EQ(result.report.recipients[0].status, "5.1.1");
  }
  // Broken transfer encodings: base64 with junk and a bad length, quoted-printable with
  // invalid escapes, an unknown transfer encoding.
  std::string bad_encodings =
      "From: MAILER-DAEMON@mx.example.net\n"
      "Subject: =?utf-8?B?####?= =?utf-8?Q?=ZZ=?=\n"
      "Content-Type: multipart/mixed; boundary=e\n"
      "\n"
      "--e\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "!!!!not base64 at all====\nQUJD=RA\n"
      "--e\n"
      "Content-Type: text/plain\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "=G0 =\n=4 =E9=\n=\n"
      "--e\n"
      "Content-Type: text/plain\n"
      "Content-Transfer-Encoding: x-uuencode-ish\n"
      "\n"
      "begin 644 x\n"
      "--e--\n";
  ClassifyInProcess(bad_encodings);
}

TEST(HostileTest, TruncatedAtEveryLengthNeverCrashes) {
  std::string full = Dsn("rfc822; binh@example.org");
  for (std::size_t n = 0; n <= full.size(); ++n) {
    ClassifyInProcess(std::string_view(full).substr(0, n));
    if (HasFailure()) {
      ADD_FAILURE() << "first failure at length " << n;
      break;
    }
  }
  // A whole report cut mid-way: still an answer, through the program too.
  TempDir tmp;
  WriteFile(tmp.path() / "cut.eml", full.substr(0, full.size() / 2));
  ExpectOneAnswer(tmp.path() / "cut.eml", tmp.path());
}

TEST(HostileTest, MboxWithFromLinesInBodies) {
  // Message 2 has an unquoted "From " line right after text (never an envelope line) and a
  // quoted ">From " one. Exactly three messages.
  std::string mbox =
      "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n" + Dsn("rfc822; binh@example.org") +
      "\n"
      "From MAILER-DAEMON Mon Nov 23 10:05:00 2026\n"
      "From: chloe@example.com\n"
      "To: anna@example.com\n"
      "Subject: minutes\n"
      "\n"
      "Notes follow.\n"
      "From the desk of the manager: nothing new.\n"
      ">From the archive.\n"
      "\n"
      "From MAILER-DAEMON Mon Nov 23 10:10:00 2026\n" +
      Dsn("rfc822; duc@example.org");
  TempDir tmp;
  fs::path path = tmp.path() / "from-lines.mbox";
  WriteFile(path, mbox);
  std::vector<nlohmann::json> objects = ClassifyThroughProgram(path, tmp.path());
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_EQ(objects[0].value("source", ""), path.string() + "#1");
  EXPECT_EQ(objects[1].value("source", ""), path.string() + "#2");
  EXPECT_EQ(objects[2].value("source", ""), path.string() + "#3");
  EXPECT_EQ(objects[0].value("kind", ""), "dsn");
  EXPECT_EQ(objects[1].value("kind", ""), "none");
  EXPECT_EQ(objects[2].value("kind", ""), "dsn");
}

TEST(HostileTest, MboxWithUnquotedFromLineAfterABlankLine) {
  // An unquoted "From " line after an empty line in a body (an mboxo writer that did not
  // quote it) is ambiguous. Either it is not taken for a separator, or the piece it cuts
  // off is reported; and the real message after it is still read, as itself.
  std::string mbox =
      "From MAILER-DAEMON Mon Nov 23 10:05:00 2026\n"
      "From: chloe@example.com\n"
      "Subject: minutes\n"
      "\n"
      "Notes follow.\n"
      "\n"
      "From here on, we meet on Mondays.\n"
      "\n"
      "From MAILER-DAEMON Mon Nov 23 10:10:00 2026\n" +
      Dsn("rfc822; duc@example.org");
  TempDir tmp;
  fs::path path = tmp.path() / "blank-from.mbox";
  WriteFile(path, mbox);
  RunResult run;
  std::vector<nlohmann::json> objects = ClassifyThroughProgram(path, tmp.path(), &run);
  ASSERT_FALSE(objects.empty());
  EXPECT_EQ(objects.front().value("source", ""), path.string() + "#1");
  EXPECT_EQ(objects.back().value("kind", ""), "dsn");
  EXPECT_EQ(objects.back().value("recipients", nlohmann::json::array()).size(), 1u);
  if (objects.back().value("source", "") == path.string() + "#2") {
    EXPECT_EQ(objects.size(), 2u) << "not split: two messages";
  } else {
    // Split: the piece "#2" must be reported, not passed off as a message of its own.
    EXPECT_EQ(objects.back().value("source", ""), path.string() + "#3");
    EXPECT_EQ(objects.size(), 2u) << "the cut-off piece is not a message";
    EXPECT_EQ(run.exit_code, 1) << "a cut-off piece must be reported";
    EXPECT_NE(run.err.find("blank-from.mbox#2"), std::string::npos) << run.err;
  }
}

std::string Garbage(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

TEST(HostileTest, BinaryGarbageIsNotABounce) {
  const std::vector<std::string> inputs = {
      "", "\n", std::string(1, '\0'), std::string(4096, '\0'), std::string(65536, '\xff'),
      Garbage(1 << 20, 1), Garbage(4096, 2), "\r\r\r\r\n\n\n", std::string(100000, ':'),
      "Content-Type: multipart/report; boundary=\n\n" + Garbage(8192, 3),
  };
  TempDir tmp;
  int n = 0;
  for (const std::string& raw : inputs) {
    SCOPED_TRACE("input " + std::to_string(n));
    mime::DecodeResult result = ClassifyInProcess(raw);
    EXPECT_TRUE(result.report.recipients.empty());
    fs::path path = tmp.path() / ("garbage-" + std::to_string(++n) + ".bin");
    WriteFile(path, raw);
    std::vector<nlohmann::json> objects = ClassifyThroughProgram(path, tmp.path());
    for (const nlohmann::json& j : objects) EXPECT_EQ(j.value("kind", ""), "none");
  }
}

TEST(HostileTest, UnreadableAndMissingPathsAreReportedAndSkipped) {
  TempDir tmp;
  fs::path good = tmp.path() / "good.eml";
  WriteFile(good, Dsn("rfc822; binh@example.org"));
  fs::path missing = tmp.path() / "no-such-file.eml";
  RunResult run = RunBouncescan({"classify", "--json", missing.string(), good.string()}, tmp.path());
  EXPECT_EQ(run.exit_code, 1) << "done, but some input could not be read";
  EXPECT_NE(run.err.find("no-such-file.eml"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find(good.string()), std::string::npos) << "the good file is still classified";
}

}  // namespace
}  // namespace bouncescan
