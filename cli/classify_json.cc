#include "cli/classify_json.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "mime/text.h"
#include "rules/reason.h"
#include "rules/verdict.h"

namespace bouncescan::cli {
namespace {

// Whether any of the eight bytes in `w` is a control character, '"', '\\' or not ASCII
// (the classic "has a zero byte" and "has a byte less than n" word tricks).
bool NeedsLook(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) != 0;
}

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
  // One pass that escapes and checks UTF-8 together, eight bytes at a time while none of
  // them needs a look; plain runs are appended whole. Invalid UTF-8 is rare: what was
  // written is taken back and nlohmann's own replacement rules decide how many U+FFFD an
  // invalid run becomes (well-formed UTF-8 is what nlohmann::json writes unchanged).
  const std::size_t mark = out->size();
  const char* p = text.data();
  const char* const end = p + text.size();
  // Most values (addresses, codes, host names, dates) need no escape: find where the first
  // byte that needs a look is, and if there is none write the quoted text in one go.
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if (NeedsLook(w)) break;
    p += 8;
  }
  if (end - p < 8) {
    bool plain = true;
    for (const char* q = p; q < end; ++q) {
      const auto c = static_cast<unsigned char>(*q);
      plain &= c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }
    if (plain) {
      out->resize(mark + text.size() + 2);
      char* d = out->data() + mark;
      d[0] = '"';
      if (!text.empty()) std::memcpy(d + 1, text.data(), text.size());
      d[text.size() + 1] = '"';
      return;
    }
  }
  out->push_back('"');
  const char* run = text.data();  // start of the bytes not appended yet
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (!NeedsLook(w)) {
        p += 8;
        continue;
      }
    } else if (text.size() >= 8) {
      // The tail, as the last eight bytes of the text (the ones before p were looked at).
      std::uint64_t w;
      std::memcpy(&w, end - 8, 8);
      if (!NeedsLook(w)) break;
    }
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      // A multi-byte sequence holds no byte below 0x80, so the text is valid UTF-8 exactly
      // when each run of such bytes is.
      const char* q = p + 1;
      while (q < end && static_cast<unsigned char>(*q) >= 0x80) ++q;
      if (!mime::IsValidUtf8(std::string_view(p, static_cast<std::size_t>(q - p)))) {
        out->resize(mark);
        out->append(
            nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
      }
      p = q;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    out->append(run, p);
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
    run = ++p;
  }
  out->append(run, end);
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
