#include "cli/user_rules.h"

#include <filesystem>
#include <string>

#include "cli/config.h"

namespace bouncescan::cli {

Result<std::shared_ptr<const rules::RuleSet>> LoadUserRules(const GlobalOptions& global) {
  std::string config_path = global.config_path.empty() ? DefaultConfigPath() : global.config_path;
  std::string rules_path;
  Result<Config> config = LoadConfigFile(config_path);
  if (config.ok()) {
    rules_path = config->rules_file;
  } else if (config.status().code() == StatusCode::kNotFound) {
    rules_path = (std::filesystem::path(config_path).parent_path() / "rules.toml").string();
  } else {
    return config.status();
  }
  return rules::LoadRuleFile(rules_path);
}

}  // namespace bouncescan::cli
