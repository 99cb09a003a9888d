#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {
namespace {

class ExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("explain_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"--config", (dir_ / "config.toml").string(), "explain"});
    return RunMain(args, out_, err_);
  }
  std::filesystem::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(ExplainTest, JsonCarriesEveryVerdictField) {
  ASSERT_EQ(Run({"--json", "550", "5.1.1", "RESOLVER.ADR.RecipNotFound;", "not", "found"}), kExitOk) << err_.str();
  nlohmann::json j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j["reason"], "userunknown");
  EXPECT_EQ(j["hard"], true);
  EXPECT_EQ(j["fixer"], "sender");
  EXPECT_EQ(j["suppress"], true);
  EXPECT_EQ(j["status"], "5.1.1");
  EXPECT_EQ(j["reply_code"], "550");
  EXPECT_EQ(j["fix"], "check-address");
  EXPECT_FALSE(j["rule"].get<std::string>().empty());
  EXPECT_FALSE(j["rule_source"].get<std::string>().empty());
  EXPECT_FALSE(j["definition"].get<std::string>().empty());
}

TEST_F(ExplainTest, TextInVietnamese) {
  ASSERT_EQ(Run({"--lang", "vi", "530 SMTP authentication is required"}), kExitOk) << err_.str();
  std::string out = out_.str();
  EXPECT_NE(out.find("securityerror"), std::string::npos) << out;
  EXPECT_NE(out.find("ngừng gửi:"), std::string::npos) << out;
  EXPECT_NE(out.find("Máy chủ gửi thư (SMTP) yêu cầu bạn đăng nhập"), std::string::npos) << out;
}

TEST_F(ExplainTest, UsesRulesTomlBesideTheConfig) {
  std::ofstream(dir_ / "rules.toml") << "[[rule]]\nid = \"my-isp\"\nphrase = \"computer says no\"\nreason = \"blocked\"\n";
  ASSERT_EQ(Run({"--json", "550 computer says no"}), kExitOk) << err_.str();
  EXPECT_EQ(nlohmann::json::parse(out_.str())["rule"], "my-isp");
}

TEST_F(ExplainTest, BadRulesTomlIsAUsageErrorNamingTheLine) {
  std::ofstream(dir_ / "rules.toml") << "[[rule]]\nphrase = \"x\"\nreason = \"bogus\"\n";
  EXPECT_EQ(Run({"5.1.1"}), kExitUsage);
  EXPECT_NE(err_.str().find("rules.toml:3: unknown reason"), std::string::npos) << err_.str();
}

TEST_F(ExplainTest, NeedsText) {
  EXPECT_EQ(Run({}), kExitUsage);
}

}  // namespace
}  // namespace bouncescan::cli
