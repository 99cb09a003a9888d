// The rules a command should judge with: the built-in tables plus the user's rules.toml.
//
// Used by every command that judges (classify, explain, scan, run). Where rules.toml is:
// the config's `rules_file` if set, else rules.toml beside the config file (--config or
// the default path). A missing file is fine; a bad one is an error naming path:line.
#pragma once

#include <memory>

#include "base/status.h"
#include "cli/commands.h"
#include "rules/judge.h"

namespace bouncescan::cli {

Result<std::shared_ptr<const rules::RuleSet>> LoadUserRules(const GlobalOptions& global);

}  // namespace bouncescan::cli
