#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "rules/judge.h"

namespace bouncescan::rules {
namespace {

class RuleFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rules_file_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& text) {
    std::string path = (dir_ / "rules.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(RuleFileTest, MissingFileIsTheBuiltInRules) {
  Result<std::shared_ptr<const RuleSet>> r = LoadRuleFile((dir_ / "absent.toml").string());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->get(), RuleSet::BuiltIn().get());
}

TEST_F(RuleFileTest, AddsAPhraseAndOverridesAStatus) {
  std::string path = Write(R"(# my ISP's words
[[rule]]
phrase = "Hộp thư đã đầy"
reason = "mailboxfull"

[[rule]]
id = "isp-571"
status = "5.7.1"
reason = "blocked"
fixer = "sender_admin"
fix = "delist-ip"
)");
  Result<std::shared_ptr<const RuleSet>> r = LoadRuleFile(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Verdict v = JudgeText("550 Lỗi: HỘP THƯ ĐÃ ĐẦY", **r);
  // Non-ASCII letters are compared as written; the ASCII ones case-insensitively.
  EXPECT_EQ(v.reason, Reason::kOnHold);
  v = JudgeText("550 Lỗi: Hộp thư đã đầy", **r);
  EXPECT_EQ(v.reason, Reason::kMailboxFull);
  EXPECT_EQ(v.rule, "user-2");
  EXPECT_EQ(v.fixer, Fixer::kRecipient);
  v = JudgeText("554 5.7.1 Relay access denied", **r);
  EXPECT_EQ(v.rule, "isp-571");  // user rules come first
  EXPECT_EQ(v.reason, Reason::kBlocked);
  EXPECT_EQ(v.fix, "delist-ip");
  // The built-in rules still answer everything else.
  EXPECT_EQ(JudgeText("552 5.2.2 Quota exceeded", **r).reason, Reason::kMailboxFull);
}

// A line-ending backslash in a """ string followed by a non-ASCII letter: toml++ 3.3 asked
// whether the letter is whitespace and reached undefined behaviour (base/toml.h).
TEST_F(RuleFileTest, NonAsciiLetterAfterALineEndingBackslash) {
  std::string path = Write("[[rule]]\nphrase = \"\"\"\\\n\u00a7 hop thu day\"\"\"\nreason = \"mailboxfull\"\n");
  Result<std::shared_ptr<const RuleSet>> r = LoadRuleFile(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(JudgeText("550 \u00a7 hop thu day", **r).reason, Reason::kMailboxFull);
}

TEST_F(RuleFileTest, SameIdReplacesTheBuiltInRule) {
  std::string path = Write("[[rule]]\nid = \"status-x.2.2\"\nstatus = \"X.2.2\"\nreason = \"systemfull\"\n");
  Result<std::shared_ptr<const RuleSet>> r = LoadRuleFile(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(JudgeText("452 4.2.2 over", **r).reason, Reason::kSystemFull);
}

struct BadFile {
  const char* text;
  const char* expect;  // in the message after "path:"
};

TEST_F(RuleFileTest, BadFilesNameTheLine) {
  const BadFile cases[] = {
      {"[[rule]]\nphrase = \"x\"\nreason = \"nosuchreason\"\n", ":3: unknown reason \"nosuchreason\""},
      {"[[rule]]\nreason = \"userunknown\"\n", ":1: rule user-1 matches nothing"},
      {"[[rule]]\nstatus = \"5.1\"\nreason = \"userunknown\"\n", ":1: rule user-1: \"5.1\" is not an enhanced status code"},
      {"\n[[rule]]\nphrase = \"x\"\nreason = \"userunknown\"\nfixer = \"boss\"\n", ":5: unknown fixer \"boss\""},
      {"[[rule]]\nphrase = \"x\"\nreason = \"userunknown\"\ncolour = \"red\"\n", ":4: unknown key 'colour'"},
      {"[[rule]]\nphrase = \"x\"\n", ":1: a rule needs a reason"},
      {"[[rule]]\nphrase = 5\nreason = \"userunknown\"\n", ":2: 'phrase' must be a string"},
      {"[[rule]]\nphrase = \"x\"\nreason = \"userunknown\"\nfix = \"pray\"\n", ":1: rule user-1: unknown fix key \"pray\""},
      {"[[rule]]\nreply_code = \"5500\"\nreason = \"userunknown\"\n", ":1: rule user-1: \"5500\" is not an SMTP reply code"},
      {"[[rule]]\nphrase = \"x\nreason = \"userunknown\"\n", ":2:"},
      {"rule = 3\n", ":1: 'rule' must be written as [[rule]] tables"},
      {"[other]\n", ":1: unknown key 'other'"},
      // toml++ 3.3 asserted that a key starts after "[[", which "[[[" breaks, and did not
      // know that a non-ASCII letter is not whitespace (base/toml.h).
      {"[[[rule]]\nphrase = \"x\"\n", ":1: Error while parsing key"},
      {"[[rule]]\n\u00e9 = \"x\"\n", ":2: Error while parsing root table"},
      {"[[rule]]\nphrase = \"x\" \u00e9\n", ":2: Error while parsing key-value pair"},
      {"[[rule]]\nid=\"a\"\nphrase=\"x\"\nreason=\"userunknown\"\n[[rule]]\nid=\"a\"\nphrase=\"y\"\nreason=\"userunknown\"\n",
       "rule id a is used twice"},
  };
  for (const BadFile& c : cases) {
    std::string path = Write(c.text);
    Result<std::shared_ptr<const RuleSet>> r = LoadRuleFile(path);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(r.status().message().rfind(path, 0), 0u) << r.status().message();
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace bouncescan::rules
