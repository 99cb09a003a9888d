// packaging/config.sample.toml loads with the program's own loader, and it and the man page
// show every key the loader accepts (the lists are read from cli/config.cc, so a new key
// without a sample line or a man page entry fails here).
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/config.h"

namespace bouncescan::cli {
namespace {

// Set for every test binary by tests/test_env.cc.
std::string SourceDir() {
  const char* d = std::getenv("BOUNCESCAN_SOURCE_DIR");
  return d ? d : ".";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// table name ("the top level", "[[account]]", ...) → keys, from the OnlyKeys(...) calls.
std::map<std::string, std::set<std::string>> KeysTheLoaderAccepts() {
  const std::string code = Slurp(SourceDir() + "/cli/config.cc");
  std::map<std::string, std::set<std::string>> tables;
  const std::regex call(R"(OnlyKeys\([^,]+,\s*"([^"]+)\",\s*\{([^}]*)\})");
  const std::regex quoted("\"([a-z_]+)\"");
  for (auto m = std::sregex_iterator(code.begin(), code.end(), call); m != std::sregex_iterator(); ++m) {
    const std::string list = (*m)[2];
    for (auto k = std::sregex_iterator(list.begin(), list.end(), quoted); k != std::sregex_iterator(); ++k) {
      tables[(*m)[1]].insert((*k)[1]);
    }
  }
  return tables;
}

// The lines of `text` between the header line `header` and the next table header.
std::string Section(const std::string& text, const std::string& header) {
  std::istringstream in(text);
  std::string line, out;
  bool inside = header.empty();
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '[') {
      inside = line == header;
      continue;
    }
    if (inside) out += line + "\n";
  }
  return out;
}

TEST(ConfigSample, LoadsWithTheProgramsLoader) {
  const std::string path = SourceDir() + "/packaging/config.sample.toml";
  Result<Config> c = LoadConfigFile(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->accounts.size(), 2u);
  EXPECT_EQ(c->accounts[0].name, "work");
  EXPECT_EQ(c->accounts[0].password_command, "pass show mail/imap");
  EXPECT_EQ(c->accounts[0].folders, (std::vector<std::string>{"INBOX", "Junk"}));
  // The second account uses the keyring: no other source set.
  EXPECT_TRUE(c->accounts[1].password_command.empty());
  EXPECT_TRUE(c->accounts[1].password_env.empty());
  EXPECT_EQ(c->accounts[1].after, "move:Bounces");
  ASSERT_TRUE(c->digest.has_value());
  EXPECT_EQ(c->digest->to, "me@example.com");
  EXPECT_EQ(c->digest->every, "daily");
  EXPECT_EQ(c->policy.soft_bounces, 3);
}

TEST(ConfigSample, ShowsEveryKeyInItsTable) {
  const std::string sample = Slurp(SourceDir() + "/packaging/config.sample.toml");
  const auto tables = KeysTheLoaderAccepts();
  // Four tables: the top level, [[account]], [digest], [policy].
  ASSERT_EQ(tables.size(), 4u) << "cli/config.cc changed shape; update this test";
  const std::map<std::string, std::string> header = {
      {"the top level", ""}, {"[[account]]", "[[account]]"}, {"[digest]", "[digest]"}, {"[policy]", "[policy]"}};
  for (const auto& [table, keys] : tables) {
    ASSERT_TRUE(header.count(table)) << table;
    const std::string section = Section(sample, header.at(table));
    for (const std::string& key : keys) {
      if (table == "the top level" && (key == "account" || key == "digest" || key == "policy")) {
        EXPECT_NE(sample.find("[" + key), std::string::npos) << "no " << key << " table in the sample";
        continue;
      }
      // Set, or shown commented out with its default.
      const std::regex line("(^|\\n)(# )?" + key + " = ");
      EXPECT_TRUE(std::regex_search(section, line)) << "the sample does not show " << table << " key '" << key << "'";
    }
  }
}

// bouncescan(1) describes every key under CONFIGURATION, as a .B/.BR entry of its table.
TEST(ManPage, DescribesEveryConfigKey) {
  std::string page = Slurp(SourceDir() + "/packaging/bouncescan.1");
  const auto from = page.find("\n.SH CONFIGURATION");
  ASSERT_NE(from, std::string::npos);
  page = page.substr(from, page.find("\n.SH ", from + 1) - from);
  for (const auto& [table, keys] : KeysTheLoaderAccepts()) {
    for (const std::string& key : keys) {
      if (table == "the top level" && (key == "account" || key == "digest" || key == "policy")) {
        EXPECT_TRUE(std::regex_search(page, std::regex("\\n\\.SS \"\\[\\[?" + key + "\\]")))
            << "no section for the " << key << " table";
        continue;
      }
      const std::regex entry("\\n\\.BR? [^\\n]*\\b" + key + "\\b");
      EXPECT_TRUE(std::regex_search(page, entry)) << "bouncescan(1) does not describe " << table << " key '" << key << "'";
    }
  }
}

}  // namespace
}  // namespace bouncescan::cli
