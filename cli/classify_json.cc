#include "cli/classify_json.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "mime/text.h"
#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::cli {
namespace {

// Writes `"key":` (keys are plain ASCII names).
void Key(std::string_view key, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void StringField(std::string_view key, std::string_view value, std::string* out) {
  Key(key, out);
  AppendJsonString(value, out);
  out->push_back(',');
}

void OptionalField(std::string_view key, std::string_view value, std::string* out) {
  if (!value.empty()) StringField(key, value, out);
}

void BoolField(std::string_view key, bool value, std::string* out) {
  Key(key, out);
  out->append(value ? "true," : "false,");
}

// Replaces the ',' after an object's last member with the closing brace.
void CloseObject(std::string* out) {
  if (out->back() == ',') {
    out->back() = '}';
  } else {
    out->push_back('}');
  }
}

// Members in byte order of their keys, as a std::map-backed nlohmann::json writes them.
void AppendRecipient(const mime::BounceReport& report, const mime::RecipientRecord& r, const rules::RuleSet& rules,
                     std::string* out) {
  rules::Verdict v = rules::Judge(report, r, rules);
  out->push_back('{');
  StringField("action", r.action, out);
  StringField("address", r.final_recipient, out);
  OptionalField("bounce_category", r.bounce_category, out);
  StringField("diagnostic", r.diagnostic_code, out);
  OptionalField("diagnostic_type", r.diagnostic_type, out);
  OptionalField("feedback_type", r.feedback_type, out);
  OptionalField("fix", v.fix, out);
  StringField("fixer", rules::FixerName(v.fixer), out);
  BoolField("hard", v.hard, out);
  OptionalField("last_attempt_date", r.last_attempt_date, out);
  OptionalField("original_recipient", r.original_recipient, out);
  StringField("reason", rules::ReasonName(v.reason), out);
  StringField("remote_mta", r.remote_mta, out);
  StringField("reply_code", r.reply_code, out);
  StringField("rule", v.rule, out);
  OptionalField("smtp_command", r.smtp_command, out);
  StringField("status", r.status, out);
  BoolField("suppress", v.suppress, out);
  CloseObject(out);
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  if (!mime::IsValidUtf8(text)) {  // well-formed UTF-8 is what nlohmann::json writes unchanged
    // Rare; nlohmann's own replacement rules decide how many U+FFFD an invalid run becomes.
    out->append(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  out->push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.substr(start, i - start));
    start = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf);
      }
    }
  }
  out->append(text.substr(start));
  out->push_back('"');
}

void AppendClassifyJson(std::string_view source, const mime::DecodeResult& result, const rules::RuleSet& rules,
                        std::string* out) {
  const mime::BounceReport& report = result.report;
  out->push_back('{');
  OptionalField("decoder", report.decoder, out);
  StringField("kind", mime::ReportKindName(report.kind), out);
  const mime::OriginalMessage& o = report.original;
  if (!o.message_id.empty() || !o.subject.empty() || !o.to.empty()) {
    Key("original", out);
    out->push_back('{');
    OptionalField("date", o.date, out);
    OptionalField("from", o.from, out);
    OptionalField("message_id", o.message_id, out);
    OptionalField("subject", o.subject, out);
    OptionalField("to", o.to, out);
    CloseObject(out);
    out->push_back(',');
  }
  if (!result.problems.empty()) {
    Key("problems", out);
    out->push_back('[');
    for (std::size_t i = 0; i < result.problems.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(result.problems[i], out);
    }
    out->append("],");
  }
  Key("recipients", out);
  out->push_back('[');
  for (std::size_t i = 0; i < report.recipients.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendRecipient(report, report.recipients[i], rules, out);
  }
  out->append("],");
  OptionalField("reporting_mta", report.reporting_mta, out);
  StringField("source", source, out);
  OptionalField("subject", report.subject, out);
  if (result.truncated) BoolField("truncated", true, out);
  CloseObject(out);
}

}  // namespace bouncescan::cli
