#include "digest/compose.h"

#include "digest/labels.h"
#include "digest/mime_writer.h"

namespace bouncescan::digest {

Result<std::string> ComposeMessage(const Rendered& rendered, const ComposeOptions& options) {
  const Labels& labels = LabelsFor(options.language);
  std::string random = options.random.size() >= 32 ? options.random : RandomBytes(32);

  Result<std::string> from = EncodeAddressHeader("From", "bouncescan", options.from);
  if (!from.ok()) return Status::InvalidArgument("[digest] from: " + from.status().message());
  Result<std::string> to = EncodeAddressHeader("To", "", options.to);
  if (!to.ok()) return Status::InvalidArgument("[digest] to: " + to.status().message());

  std::string text = EncodeQuotedPrintable(rendered.text);
  std::string html = EncodeQuotedPrintable(rendered.html);
  // The boundary cannot occur in quoted-printable output (it starts with "=_"), but a
  // boundary must never be trusted to be unique by construction alone: check, and draw
  // again from fresh randomness if it ever did occur.
  std::string boundary = MakeBoundary(std::string_view(random).substr(16, 16));
  for (int attempt = 0; text.find(boundary) != std::string::npos || html.find(boundary) != std::string::npos; ++attempt) {
    if (attempt >= 4) return Status::Internal("could not find a MIME boundary absent from the digest");
    boundary = MakeBoundary(RandomBytes(16));
  }

  std::string m;
  m += EncodeHeader("Date", FormatRfc5322Date(options.now));
  m += *from;
  m += *to;
  m += EncodeHeader("Subject", rendered.subject);
  m += "Message-ID: " + MakeMessageId(std::string_view(random).substr(0, 16), options.now, options.from) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Language: " + std::string(labels.lang_tag) + "\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "X-Auto-Response-Suppress: All\r\n";
  m += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "This is a message in MIME format: a plain-text part and an HTML part.\r\n";
  m += "\r\n--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += text;
  m += "\r\n--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += html;
  m += "\r\n--" + boundary + "--\r\n";
  return m;
}

}  // namespace bouncescan::digest
