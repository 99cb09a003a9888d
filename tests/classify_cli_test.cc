// End-to-end: the bouncescan binary's `classify` over files we wrote ourselves.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the binary with arguments (no shell quoting needed: the arguments are ours).
CliRun Classify(const std::string& args, const std::string& stdin_file = "") {
  const char* bin = std::getenv("BOUNCESCAN_BINARY");
  EXPECT_NE(bin, nullptr);
  std::string err_path = std::filesystem::temp_directory_path() /
                         ("bouncescan-classify-err-" + std::to_string(::getpid()));
  std::string cmd = std::string(bin) + " classify " + args + " 2>" + err_path;
  if (!stdin_file.empty()) cmd += " <" + stdin_file;
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  EXPECT_NE(p, nullptr);
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_path);
  std::ostringstream err_text;
  err_text << e.rdbuf();
  r.err = err_text.str();
  std::filesystem::remove(err_path);
  return r;
}

std::vector<nlohmann::json> Lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t eol = out.find('\n', pos);
    v.push_back(nlohmann::json::parse(out.substr(pos, eol - pos)));
    pos = eol == std::string::npos ? out.size() : eol + 1;
  }
  return v;
}

std::string Source(const std::string& rel) { return std::string(std::getenv("BOUNCESCAN_SOURCE_DIR")) + "/" + rel; }

TEST(ClassifyCli, DemoMailboxAsJsonLines) {
  std::string mbox = Source("examples/demo.mbox");
  CliRun r = Classify("--json " + mbox);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0]["source"], mbox + "#1");
  EXPECT_EQ(lines[0]["kind"], "dsn");
  ASSERT_EQ(lines[0]["recipients"].size(), 2u);
  const nlohmann::json& alice = lines[0]["recipients"][0];
  EXPECT_EQ(alice["address"], "alice@example.org");
  EXPECT_EQ(alice["action"], "failed");
  EXPECT_EQ(alice["status"], "5.1.1");
  EXPECT_EQ(alice["reply_code"], "550");
  EXPECT_EQ(alice["remote_mta"], "mx1.example.org");
  for (const char* key : {"diagnostic", "reason", "hard", "fixer", "suppress", "rule"}) {
    EXPECT_TRUE(alice.contains(key)) << key;
  }
  EXPECT_EQ(lines[0]["original"]["message_id"], "news-2024-05@example.com");
  EXPECT_EQ(lines[1]["recipients"][0]["address"], "kim@example.org");
  EXPECT_EQ(lines[2]["recipients"][0]["address"], "lee@example.net");
  EXPECT_EQ(lines[2]["recipients"][0]["status"], "5.1.10");
  EXPECT_EQ(lines[3]["kind"], "delay");
  EXPECT_EQ(lines[4]["kind"], "autoreply");
  EXPECT_EQ(lines[5]["kind"], "none");
  EXPECT_EQ(lines[5]["source"], mbox + "#6");
  // A DMARC rejection: the sending side (its DNS) has to fix it; the recipient stays.
  EXPECT_EQ(lines[6]["recipients"][0]["address"], "mallory@example.net");
  EXPECT_EQ(lines[6]["recipients"][0]["status"], "5.7.26");
  EXPECT_EQ(lines[6]["recipients"][0]["fixer"], "sender_admin");
  EXPECT_EQ(lines[6]["recipients"][0]["suppress"], false);
}

TEST(ClassifyCli, TableWithoutJson) {
  CliRun r = Classify(Source("examples/demo.mbox"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("RECIPIENT"), std::string::npos);
  EXPECT_NE(r.out.find("alice@example.org"), std::string::npos);
}

TEST(ClassifyCli, MalformedMessageIsReportedAndSkippedWithExitOne) {
  std::string hostile = Source("mime/testdata/hostile/crash-field-dtor.bin");
  std::string good = Source("mime/testdata/exim-plain.eml");
  CliRun r = Classify("--json " + hostile + " " + good);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("malformed"), std::string::npos);
  std::vector<nlohmann::json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["source"], good);
}

TEST(ClassifyCli, MissingFileIsExitOne) {
  CliRun r = Classify("--json /nonexistent/bouncescan.eml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(r.err.empty());
}

TEST(ClassifyCli, UsageErrorIsExitTwo) {
  EXPECT_EQ(Classify("").exit_code, 2);
  EXPECT_EQ(Classify("--no-such-flag x").exit_code, 2);
}

TEST(ClassifyCli, StdinIsDash) {
  CliRun r = Classify("--json -", Source("mime/testdata/arf-abuse.eml"));
  EXPECT_EQ(r.exit_code, 0);
  std::vector<nlohmann::json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["source"], "-");
  EXPECT_EQ(lines[0]["kind"], "feedback");
}

}  // namespace
