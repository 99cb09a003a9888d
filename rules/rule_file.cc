// LoadRuleFile: the user's rules.toml on top of the built-in tables.
//
// Format (every key but reason optional; at least one of status, reply_code, phrase):
//   [[rule]]
//   id = "my-isp-quota"          # default: "user-LINE"
//   status = "5.7.1"             # or "X.7.1" (any class), with status_last for a range
//   reply_code = "550"
//   phrase = "mailbox over limit"  # case-insensitive substring of the server's reply
//   rhost = "mx.example.net"     # the refusing host ends with this
//   decoder = "googlegroups"     # the kind of NDR (`classify --json` prints it)
//   reason = "mailboxfull"       # a reason name (rules/reason.h)
//   fixer = "recipient"          # default: the reason's usual fixer
//   fix = "contact-recipient"    # default: the reason's usual fix
// User rules come first in the decision order. Errors name path:line.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/toml.h"
#include "rules/judge.h"
#include "rules/rule_set.h"

namespace bouncescan::rules {
namespace {

Status Fail(const std::string& path, const toml::source_region& at, const std::string& what) {
  return Status::InvalidArgument(path + ":" + std::to_string(at.begin.line) + ": " + what);
}

const std::set<std::string> kKeys = {"id", "status", "status_last", "reply_code", "phrase",
                                     "rhost", "decoder", "reason", "fixer", "fix"};

}  // namespace

Result<std::shared_ptr<const RuleSet>> LoadRuleFile(const std::string& path) {
  std::error_code ec;
  // A missing file means "no user rules"; one that exists but cannot be read is an error.
  if (!std::filesystem::exists(path, ec) && !ec) return RuleSet::BuiltIn();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read the rule file");
  std::ostringstream buf;
  buf << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(buf.str(), path);
  } catch (const toml::parse_error& e) {
    return Fail(path, e.source(), std::string(e.description()));
  }
  std::vector<RuleSpec> user;
  for (const auto& [key, node] : root) {
    if (key.str() != "rule") {
      return Fail(path, node.source(), "unknown key '" + std::string(key.str()) + "' (rules are [[rule]] tables)");
    }
  }
  if (const toml::node* rules_node = root.get("rule")) {
    const toml::array* rules = rules_node->as_array();
    if (!rules || !rules->is_array_of_tables()) {
      return Fail(path, rules_node->source(), "'rule' must be written as [[rule]] tables");
    }
    for (const toml::node& n : *rules) {
      const toml::table& t = *n.as_table();
      RuleSpec s;
      s.user = true;
      std::size_t line = t.source().begin.line;
      for (const auto& [key, value] : t) {
        std::string k(key.str());
        if (!kKeys.count(k)) return Fail(path, value.source(), "unknown key '" + k + "' in a rule");
        if (!value.is_string()) return Fail(path, value.source(), "'" + k + "' must be a string");
        std::string v = value.as_string()->get();
        if (k == "id") s.id = v;
        else if (k == "status") s.status = v;
        else if (k == "status_last") s.status_last = v;
        else if (k == "reply_code") s.reply_code = v;
        else if (k == "phrase") s.phrase = v;
        else if (k == "rhost") s.rhost = v;
        else if (k == "decoder") s.decoder = v;
        else if (k == "fix") s.fix = v;
        else if (k == "reason") {
          std::optional<Reason> r = ParseReason(v);
          if (!r) return Fail(path, value.source(), "unknown reason \"" + v + "\" (see `bouncescan explain --help`)");
          s.reason = *r;
        } else if (k == "fixer") {
          std::optional<Fixer> f = ParseFixer(v);
          if (!f) {
            return Fail(path, value.source(),
                        "unknown fixer \"" + v + "\" (none, sender, sender_admin, recipient, recipient_admin)");
          }
          s.fixer = *f;
        }
      }
      if (!t.get("reason")) return Fail(path, t.source(), "a rule needs a reason");
      if (s.id.empty()) s.id = "user-" + std::to_string(line);
      s.source = path + ":" + std::to_string(line);
      if (Status check = CheckRule(s); !check.ok()) return Fail(path, t.source(), check.message());
      user.push_back(std::move(s));
    }
  }
  std::vector<RuleSpec> all = std::move(user);
  std::vector<RuleSpec> built_in = CompiledRuleSet::BuiltInSpecs();
  std::set<std::string> taken;
  for (const RuleSpec& s : all) taken.insert(s.id);
  for (RuleSpec& s : built_in) {
    // A user rule with a built-in rule's id replaces it.
    if (!taken.count(s.id)) all.push_back(std::move(s));
  }
  Result<std::shared_ptr<const CompiledRuleSet>> set = CompiledRuleSet::Build(std::move(all));
  if (!set.ok()) return Status::InvalidArgument(path + ": " + set.status().message());
  return std::shared_ptr<const RuleSet>(std::move(set).value());
}

}  // namespace bouncescan::rules
