#include "cli/commands.h"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/exit_codes.h"

namespace bouncescan::cli {
namespace {

TEST(Commands, UnknownCommandSuggestsTheClosest) {
  std::ostringstream out, err;
  EXPECT_EQ(RunMain({"clasify", "x"}, out, err), kExitUsage);
  EXPECT_NE(err.str().find("did you mean 'classify'?"), std::string::npos) << err.str();
}

TEST(Commands, NoCommandIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunMain({}, out, err), kExitUsage);
  EXPECT_NE(err.str().find("usage: bouncescan"), std::string::npos);
}

TEST(Commands, HelpListsEveryCommand) {
  std::ostringstream out, err;
  EXPECT_EQ(RunMain({"--help"}, out, err), kExitOk);
  for (const Command& c : Commands()) {
    EXPECT_NE(out.str().find(std::string(c.name)), std::string::npos) << c.name;
  }
}

TEST(Commands, GlobalOptionWithoutValueIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunMain({"--config"}, out, err), kExitUsage);
  EXPECT_NE(err.str().find("--config needs a value"), std::string::npos);
}

std::vector<std::string> Operands(std::vector<std::string> args, std::vector<std::string>* left) {
  std::ostringstream out, err;
  CommandContext ctx{{}, "classify", std::move(args), out, err};
  std::vector<std::string> rest = TakeOperandsAfterFirst(ctx);
  *left = ctx.args;
  return rest;
}

TEST(TakeOperandsAfterFirst, LeavesTheFlagsAndTheFirstOperand) {
  std::vector<std::string> left;
  EXPECT_EQ(Operands({"a.eml", "--json", "b.eml", "-", "c"}, &left), (std::vector<std::string>{"b.eml", "-", "c"}));
  EXPECT_EQ(left, (std::vector<std::string>{"a.eml", "--json"}));
  EXPECT_EQ(Operands({"--json", "-", "x"}, &left), std::vector<std::string>{"x"});
  EXPECT_EQ(left, (std::vector<std::string>{"--json", "-"}));
}

TEST(TakeOperandsAfterFirst, EverythingAfterDoubleDashIsAnOperand) {
  std::vector<std::string> left;
  EXPECT_EQ(Operands({"--json", "--", "-a", "--json", "--"}, &left), (std::vector<std::string>{"--json", "--"}));
  EXPECT_EQ(left, (std::vector<std::string>{"--json", "--", "-a"}));
  EXPECT_EQ(Operands({"a", "--", "b"}, &left), std::vector<std::string>{"b"});
  EXPECT_EQ(left, (std::vector<std::string>{"a", "--"}));
}

TEST(TakeOperandsAfterFirst, NoOperandsLeavesEverything) {
  std::vector<std::string> left;
  EXPECT_TRUE(Operands({"--json", "--help"}, &left).empty());
  EXPECT_EQ(left, (std::vector<std::string>{"--json", "--help"}));
  EXPECT_TRUE(Operands({}, &left).empty());
  EXPECT_TRUE(left.empty());
}

// The paths taken past CLI11 come back in the order given, after the first, also after "--".
TEST(Commands, ClassifyReadsEveryPathInOrder) {
  const char* source = std::getenv("BOUNCESCAN_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  const std::string dir = std::string(source) + "/mime/testdata/";
  const std::vector<std::string> files = {"exim-plain.eml", "dsn-delayed.eml", "arf-abuse.eml"};
  std::vector<std::string> args = {"classify", "--json"};
  for (const std::string& f : files) args.push_back(dir + f);
  std::ostringstream out, err;
  ASSERT_EQ(RunMain(args, out, err), kExitOk) << err.str();
  std::vector<std::size_t> at;
  for (const std::string& f : files) at.push_back(out.str().find(dir + f));
  for (std::size_t i = 0; i < at.size(); ++i) ASSERT_NE(at[i], std::string::npos) << files[i];
  EXPECT_LT(at[0], at[1]);
  EXPECT_LT(at[1], at[2]);

  std::vector<std::string> dashed = {"classify", dir + files[0], "--", dir + files[1], "--json", dir + files[2]};
  std::ostringstream out2, err2;
  EXPECT_EQ(RunMain(dashed, out2, err2), kExitPartial);  // "--json" after "--" is a path that does not exist
  EXPECT_NE(err2.str().find("--json"), std::string::npos) << err2.str();
  EXPECT_LT(out2.str().find(files[0]), out2.str().find(files[1]));
  EXPECT_LT(out2.str().find(files[1]), out2.str().find(files[2]));
}

}  // namespace
}  // namespace bouncescan::cli
