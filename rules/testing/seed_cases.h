// The seed cases (rules/testdata/seed_cases.tsv, from the seed help pages) for tests.
// Test-only; reads the file through BOUNCESCAN_SOURCE_DIR.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bouncescan::rules::testing {

struct SeedCase {
  std::string id;
  std::string seed;        // seed page number, "000".."004"
  std::string diagnostic;  // the server's words
  std::string reason;
  bool hard = false;
  std::string fixer;
  bool suppress = false;
};

inline std::string SeedCasesPath() {
  const char* dir = std::getenv("BOUNCESCAN_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/rules/testdata/seed_cases.tsv";
}

// Every non-comment row; empty when the file cannot be read (the caller asserts the count).
inline std::vector<SeedCase> LoadSeedCases() {
  std::vector<SeedCase> cases;
  std::ifstream in(SeedCasesPath());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() != 7) continue;
    cases.push_back(SeedCase{f[0], f[1], f[2], f[3], f[4] == "y", f[5], f[6] == "y"});
  }
  return cases;
}

}  // namespace bouncescan::rules::testing
