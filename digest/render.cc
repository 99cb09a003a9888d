#include "digest/render.h"

#include <ctime>
#include <string_view>
#include <vector>

#include "digest/labels.h"
#include "digest/mime_writer.h"

namespace bouncescan::digest {
namespace {

// Caps on text from bounces, so that one hostile message cannot flood the digest.
constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxDiagnostic = 300;
constexpr std::size_t kMaxSubject = 160;
constexpr std::size_t kTextWidth = 76;

std::string Replace(std::string_view pattern, std::string_view key, std::string_view value) {
  std::string out(pattern);
  for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
    out.replace(at, key.size(), value);
  }
  return out;
}

std::string Count(std::string_view pattern, long n) {
  std::string s = Replace(pattern, "{n}", std::to_string(n));
  s = Replace(s, "{s}", n == 1 ? "" : "s");
  return Replace(s, "{es}", n == 1 ? "" : "es");
}

std::string FormatDay(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// Wraps one paragraph at spaces to `width` code points; the first line starts with
// `first`, the others with `rest`. A word longer than the line stays whole.
std::string Wrap(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out(first);
  std::size_t col = CodePoints(first);
  bool line_empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    std::size_t w = CodePoints(word);
    if (!line_empty && col + 1 + w > kTextWidth) {
      out += "\n";
      out += rest;
      col = CodePoints(rest);
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
    line_empty = false;
    i = end;
  }
  out += "\n";
  return out;
}

std::string Heading(std::string_view title) {
  return std::string(title) + "\n" + std::string(CodePoints(title), '=') + "\n";
}

// Inline styles: mail clients drop <style> blocks (Gmail keeps some, Outlook's Word
// engine few), so every element carries its own.
constexpr std::string_view kFont = "font-family:Arial,Helvetica,sans-serif;";
constexpr std::string_view kH1 = "margin:0 0 4px 0;font-size:22px;line-height:28px;color:#1f2328;";
constexpr std::string_view kH2 =
    "margin:0 0 6px 0;font-size:17px;line-height:23px;color:#1f2328;border-left:4px solid {c};padding-left:8px;";
constexpr std::string_view kP = "margin:0 0 10px 0;font-size:14px;line-height:20px;color:#424a53;";
constexpr std::string_view kSmall = "margin:0 0 12px 0;font-size:12px;line-height:16px;color:#656d76;";
constexpr std::string_view kTable = "border-collapse:collapse;width:100%;font-size:13px;line-height:18px;";
constexpr std::string_view kTh =
    "text-align:left;padding:6px 8px;background:#f6f8fa;border-bottom:1px solid #d0d7de;color:#424a53;font-weight:bold;";
constexpr std::string_view kTd = "padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top;color:#1f2328;";
constexpr std::string_view kCode =
    "font-family:Consolas,'Courier New',monospace;font-size:12px;color:#57606a;word-break:break-word;";
constexpr std::string_view kBox =
    "margin:0 0 12px 0;padding:10px 12px;border:1px solid #d0d7de;border-radius:6px;background:#ffffff;";

class HtmlWriter {
 public:
  void Raw(std::string_view s) { out_ += s; }
  void Text(std::string_view s) { out_ += EscapeHtml(s); }
  void Open(std::string_view tag, std::string_view style) {
    out_ += "<";
    out_ += tag;
    out_ += " style=\"";
    out_ += style;
    out_ += "\">";
  }
  void Close(std::string_view tag) {
    out_ += "</";
    out_ += tag;
    out_ += ">";
  }
  void Element(std::string_view tag, std::string_view style, std::string_view text) {
    Open(tag, style);
    Text(text);
    Close(tag);
    out_ += "\n";
  }
  void SectionStart(std::string_view title, std::string_view color, std::string_view intro) {
    out_ += "<tr><td style=\"padding:14px 24px 4px 24px;\">\n";
    Element("h2", Replace(kH2, "{c}", color), title);
    Element("p", kP, intro);
  }
  void SectionEnd() { out_ += "</td></tr>\n"; }
  void TableStart(std::initializer_list<std::string_view> headers) {
    out_ += "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" style=\"";
    out_ += kTable;
    out_ += "\"><tr>";
    for (std::string_view h : headers) {
      Open("th", kTh);
      Text(h);
      Close("th");
    }
    out_ += "</tr>\n";
  }
  void Row(std::initializer_list<std::pair<std::string_view, bool>> cells) {
    out_ += "<tr>";
    for (const auto& [text, code] : cells) {
      Open("td", kTd);
      if (code) {
        Open("span", kCode);
        Text(text);
        Close("span");
      } else {
        Text(text);
      }
      Close("td");
    }
    out_ += "</tr>\n";
  }
  void TableEnd() { out_ += "</table>\n"; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Rendered Render(const DigestInput& in, rules::Language language) {
  const Labels& L = LabelsFor(language);
  Rendered r;

  // Subject: the counts that matter most.
  {
    std::vector<std::string> parts;
    if (!in.sender_problems.empty()) parts.push_back(Count(L.subject_sending, static_cast<long>(in.sender_problems.size())));
    if (!in.removed.empty()) parts.push_back(Count(L.subject_removed, static_cast<long>(in.removed.size())));
    long others = static_cast<long>(in.watching.size() + in.contact_other_way.size() + in.unclassified.size());
    if (parts.empty() && others > 0) parts.push_back(Count(L.subject_other, others));
    r.subject = std::string(L.subject_prefix);
    for (std::size_t i = 0; i < parts.size(); ++i) r.subject += (i == 0 ? ": " : ", ") + parts[i];
  }

  std::string since = in.since > 0 ? Replace(L.since, "{date}", FormatDay(in.since)) : std::string();
  std::string watching_intro =
      Replace(Replace(L.watching_intro, "{n}", std::to_string(in.soft_threshold)), "{d}",
              std::to_string(in.soft_window_days));

  // Plain text.
  std::string& t = r.text;
  t += Heading(L.title);
  if (!since.empty()) t += since + "\n";
  t += "\n" + Wrap(L.intro, "", "");
  if (!in.sender_problems.empty()) {
    t += "\n" + Heading(L.sender_title) + Wrap(L.sender_intro, "", "");
    for (const SenderProblem& p : in.sender_problems) {
      std::string head = std::string(CauseTitle(p.cause, language)) + " — " +
                         (p.recipients == 1 ? std::string(L.recipients_one) : Count(L.recipients_many, p.recipients));
      t += "\n" + Wrap(head, "* ", "  ");
      if (!p.example.empty()) {
        t += Wrap(CleanLine(p.example, kMaxDiagnostic), std::string("  ") + std::string(L.example) + ": ", "    ");
      }
      std::string fix = p.fix.empty() ? std::string(CauseGenericFix(p.cause, language)) : CleanLine(p.fix);
      t += Wrap(fix, std::string("  ") + std::string(L.what_to_do) + ": ", "    ");
    }
  }
  if (!in.removed.empty()) {
    t += "\n" + Heading(L.removed_title) + Wrap(L.removed_intro, "", "") + "\n";
    for (const RemovedAddress& a : in.removed) {
      std::string line = CleanLine(a.address, kMaxAddress) + " — " + std::string(ReasonLabel(a.reason, language));
      if (!a.origin.empty()) line += " (" + std::string(OriginLabel(a.origin, language)) + ")";
      t += Wrap(line, "* ", "  ");
      if (!a.evidence.empty()) {
        t += Wrap(CleanLine(a.evidence, kMaxDiagnostic), std::string("  ") + std::string(L.col_evidence) + ": ", "    ");
      }
    }
  }
  if (!in.watching.empty()) {
    t += "\n" + Heading(L.watching_title) + Wrap(watching_intro, "", "") + "\n";
    for (const WatchedAddress& w : in.watching) {
      std::string count =
          Replace(Replace(L.count_of, "{n}", std::to_string(w.count)), "{t}", std::to_string(in.soft_threshold));
      t += Wrap(CleanLine(w.address, kMaxAddress) + " — " + std::string(ReasonLabel(w.reason, language)) + " — " +
                    std::string(L.col_count) + ": " + count,
                "* ", "  ");
    }
  }
  if (!in.contact_other_way.empty()) {
    t += "\n" + Heading(L.contact_title) + Wrap(L.contact_intro, "", "") + "\n";
    for (const ContactOtherWay& c : in.contact_other_way) {
      t += Wrap(CleanLine(c.address, kMaxAddress) + " — " + std::string(ReasonLabel(c.reason, language)), "* ", "  ");
      if (!c.diagnostic.empty()) t += Wrap(CleanLine(c.diagnostic, kMaxDiagnostic), "  ", "  ");
    }
  }
  if (!in.unclassified.empty()) {
    t += "\n" + Heading(L.unclassified_title) + Wrap(L.unclassified_intro, "", "") + "\n";
    for (const UnclassifiedMessage& u : in.unclassified) {
      std::string subject = CleanLine(u.subject, kMaxSubject);
      if (subject.empty()) subject = std::string(L.no_subject);
      t += Wrap(subject, "* ", "  ");
      t += Wrap(CleanLine(u.source, kMaxSubject), std::string("  ") + std::string(L.col_where) + ": ", "    ");
      if (!u.problem.empty()) {
        t += Wrap(CleanLine(u.problem, kMaxDiagnostic), std::string("  ") + std::string(L.col_problem) + ": ", "    ");
      }
    }
  }
  t += "\n-- \n" + Wrap(L.footer, "", "");

  // HTML.
  HtmlWriter h;
  h.Raw("<!DOCTYPE html>\n<html lang=\"");
  h.Raw(L.lang_tag);
  h.Raw("\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Belt and braces: a client that honours it loads nothing and runs nothing.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<title>");
  h.Text(r.subject);
  h.Raw("</title>\n</head>\n<body style=\"margin:0;padding:0;background:#f3f4f6;\">\n");
  h.Raw("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" "
        "style=\"background:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">\n");
  h.Raw("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"640\" style=\"");
  h.Raw(kFont);
  h.Raw("width:100%;max-width:640px;background:#ffffff;border:1px solid #d0d7de;border-collapse:collapse;\">\n");
  h.Raw("<tr><td style=\"padding:20px 24px 6px 24px;border-bottom:1px solid #eaeef2;\">\n");
  h.Element("h1", kH1, L.title);
  if (!since.empty()) h.Element("p", kSmall, since);
  h.Element("p", kP, L.intro);
  h.Raw("</td></tr>\n");

  if (!in.sender_problems.empty()) {
    h.SectionStart(L.sender_title, "#cf222e", L.sender_intro);
    for (const SenderProblem& p : in.sender_problems) {
      h.Open("div", kBox);
      h.Open("p", "margin:0 0 6px 0;font-size:14px;line-height:20px;color:#1f2328;");
      h.Open("strong", "");
      h.Text(CauseTitle(p.cause, language));
      h.Close("strong");
      h.Text(" — ");
      h.Text(p.recipients == 1 ? std::string(L.recipients_one) : Count(L.recipients_many, p.recipients));
      h.Close("p");
      if (!p.example.empty()) {
        h.Open("p", "margin:0 0 6px 0;font-size:13px;line-height:18px;color:#424a53;");
        h.Text(L.example);
        h.Text(": ");
        h.Open("span", kCode);
        h.Text(CleanLine(p.example, kMaxDiagnostic));
        h.Close("span");
        h.Close("p");
      }
      h.Open("p", "margin:0;font-size:13px;line-height:18px;color:#1f2328;");
      h.Open("strong", "");
      h.Text(L.what_to_do);
      h.Text(":");
      h.Close("strong");
      h.Text(" ");
      h.Text(p.fix.empty() ? std::string(CauseGenericFix(p.cause, language)) : CleanLine(p.fix));
      h.Close("p");
      h.Close("div");
      h.Raw("\n");
    }
    h.SectionEnd();
  }
  if (!in.removed.empty()) {
    h.SectionStart(L.removed_title, "#9a6700", L.removed_intro);
    h.TableStart({L.col_address, L.col_reason, L.col_evidence});
    for (const RemovedAddress& a : in.removed) {
      std::string reason(ReasonLabel(a.reason, language));
      if (!a.origin.empty()) reason += " (" + std::string(OriginLabel(a.origin, language)) + ")";
      h.Row({{CleanLine(a.address, kMaxAddress), false}, {reason, false}, {CleanLine(a.evidence, kMaxDiagnostic), true}});
    }
    h.TableEnd();
    h.SectionEnd();
  }
  if (!in.watching.empty()) {
    h.SectionStart(L.watching_title, "#0969da", watching_intro);
    h.TableStart({L.col_address, L.col_reason, L.col_count});
    for (const WatchedAddress& w : in.watching) {
      std::string count =
          Replace(Replace(L.count_of, "{n}", std::to_string(w.count)), "{t}", std::to_string(in.soft_threshold));
      h.Row({{CleanLine(w.address, kMaxAddress), false}, {ReasonLabel(w.reason, language), false}, {count, false}});
    }
    h.TableEnd();
    h.SectionEnd();
  }
  if (!in.contact_other_way.empty()) {
    h.SectionStart(L.contact_title, "#1a7f37", L.contact_intro);
    h.TableStart({L.col_address, L.col_reason, L.col_evidence});
    for (const ContactOtherWay& c : in.contact_other_way) {
      h.Row({{CleanLine(c.address, kMaxAddress), false},
             {ReasonLabel(c.reason, language), false},
             {CleanLine(c.diagnostic, kMaxDiagnostic), true}});
    }
    h.TableEnd();
    h.SectionEnd();
  }
  if (!in.unclassified.empty()) {
    h.SectionStart(L.unclassified_title, "#6e7781", L.unclassified_intro);
    h.TableStart({L.col_subject, L.col_where, L.col_problem});
    for (const UnclassifiedMessage& u : in.unclassified) {
      std::string subject = CleanLine(u.subject, kMaxSubject);
      if (subject.empty()) subject = std::string(L.no_subject);
      h.Row({{subject, false}, {CleanLine(u.source, kMaxSubject), true}, {CleanLine(u.problem, kMaxDiagnostic), false}});
    }
    h.TableEnd();
    h.SectionEnd();
  }
  h.Raw("<tr><td style=\"padding:12px 24px 16px 24px;border-top:1px solid #eaeef2;\">\n");
  h.Element("p", kSmall, L.footer);
  h.Raw("</td></tr>\n</table>\n</td></tr></table>\n</body>\n</html>\n");
  r.html = h.Take();
  return r;
}

}  // namespace bouncescan::digest
