// bouncescan explain [--lang en|vi] [--json] CODE-OR-TEXT...
//
// Judges a bare status code ("5.7.26"), a reply ("550 5.1.1 user unknown") or a pasted
// diagnostic line the way `classify` judges a recipient, and prints the verdict, the rule
// that decided (with its source) and the suggested fix. Words after the command are joined
// with spaces, so the line need not be quoted.
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/user_rules.h"
#include "rules/codes.h"
#include "rules/judge.h"

namespace bouncescan::cli {
namespace {

struct Labels {
  const char* reason;
  const char* hard;
  const char* fixer;
  const char* suppress;
  const char* rule;
  const char* codes;
  const char* fix;
  const char* yes;
  const char* no;
};

constexpr Labels kEnglish{"reason", "hard", "fixer", "suppress", "rule", "codes", "fix", "yes", "no"};
constexpr Labels kVietnamese{"lý do", "lỗi vĩnh viễn", "ai cần xử lý", "ngừng gửi", "quy tắc", "mã", "cách khắc phục",
                             "có", "không"};

// Who acts, in words, for the text output.
std::string_view FixerWords(rules::Fixer f, bool vi) {
  switch (f) {
    case rules::Fixer::kNone: return vi ? "không ai (chỉ cần gửi lại)" : "nobody (retrying is enough)";
    case rules::Fixer::kSender: return vi ? "người gửi (bạn)" : "the sender (you)";
    case rules::Fixer::kSenderAdmin: return vi ? "quản trị thư bên gửi" : "the sender's mail administrator";
    case rules::Fixer::kRecipient: return vi ? "người nhận" : "the recipient";
    case rules::Fixer::kRecipientAdmin: return vi ? "quản trị thư bên nhận" : "the recipient's mail administrator";
  }
  return "";
}

}  // namespace

int RunExplain(CommandContext& ctx) {
  CLI::App app{"Explain a status code or a pasted diagnostic line, with the suggested fix", "bouncescan explain"};
  bool json = false;
  std::string lang;
  std::vector<std::string> words;
  app.add_flag("--json", json, "print one JSON object");
  app.add_option("--lang", lang, "language of the suggested fix: en or vi (default: the config's)")
      ->check(CLI::IsMember({"en", "vi"}));
  app.add_option("text", words, "a status code (5.1.1), a reply or a diagnostic line")->required();
  app.footer("Example: bouncescan explain --lang vi 550 5.7.1 Relay access denied");
  app.allow_extras(false);
  app.prefix_command(false);
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  if (lang.empty()) {
    Result<Config> config =
        LoadConfigFile(ctx.global.config_path.empty() ? DefaultConfigPath() : ctx.global.config_path);
    lang = config.ok() ? config->language : "en";
  }
  Result<std::shared_ptr<const rules::RuleSet>> loaded = LoadUserRules(ctx.global);
  if (!loaded.ok()) {
    ctx.err << "bouncescan: " << loaded.status().message() << "\n";
    return ExitCodeFor(loaded.status());
  }
  const rules::RuleSet& rule_set = **loaded;
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;

  rules::Verdict v = rules::JudgeText(text, rule_set);
  std::optional<rules::RuleInfo> info = rules::DescribeRule(v.rule, rule_set);
  bool vi = lang == "vi";
  std::string_view fix = rules::FixText(v.fix, vi ? rules::Language::kVietnamese : rules::Language::kEnglish);
  std::string status = rules::FindStatusInText(text);
  std::string reply = rules::FindReplyInText(text);

  if (json) {
    nlohmann::json j{{"input", text},
                     {"status", status},
                     {"reply_code", reply},
                     {"reason", rules::ReasonName(v.reason)},
                     {"definition", rules::ReasonDefinition(v.reason)},
                     {"hard", v.hard},
                     {"fixer", rules::FixerName(v.fixer)},
                     {"suppress", v.suppress},
                     {"rule", v.rule},
                     {"rule_source", info ? info->source : ""},
                     {"decided_by", info ? info->row : ""},
                     {"fix", v.fix},
                     {"fix_text", fix},
                     {"lang", lang}};
    ctx.out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  const Labels& l = vi ? kVietnamese : kEnglish;
  auto line = [&](const char* label, std::string_view value) {
    std::string padded = std::string(label) + ":";
    ctx.out << padded;
    // Pad by characters, not bytes, so Vietnamese labels line up too.
    std::size_t chars = 0;
    for (unsigned char c : padded) chars += (c & 0xC0) != 0x80;
    ctx.out << std::string(chars < 16 ? 16 - chars : 1, ' ') << value << "\n";
  };
  line(l.reason, std::string(rules::ReasonName(v.reason)) + " - " + std::string(rules::ReasonDefinition(v.reason)));
  line(l.hard, v.hard ? l.yes : l.no);
  line(l.fixer, std::string(rules::FixerName(v.fixer)) + " - " + std::string(FixerWords(v.fixer, vi)));
  line(l.suppress, v.suppress ? l.yes : l.no);
  line(l.rule, info ? v.rule + " (" + info->row + "; " + info->source + ")" : v.rule);
  if (!status.empty() || !reply.empty()) {
    line(l.codes, (reply.empty() ? std::string() : "reply " + reply) + (reply.empty() || status.empty() ? "" : ", ") +
                      (status.empty() ? std::string() : "status " + status));
  }
  line(l.fix, std::string(v.fix));
  ctx.out << "\n" << fix << "\n";
  return kExitOk;
}

}  // namespace bouncescan::cli
