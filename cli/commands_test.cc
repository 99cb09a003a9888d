#include "cli/commands.h"

#include <sstream>

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

}  // namespace
}  // namespace bouncescan::cli
