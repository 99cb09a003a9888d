#include "digest/digest_job.h"

#include <ostream>

#include "digest/mime_writer.h"

namespace bouncescan::digest {
namespace {

Result<std::string> Build(const Collected& c, const DigestJob& job) {
  return ComposeMessage(Render(c.input, job.compose.language), job.compose);
}

}  // namespace

Result<DigestOutcome> PrintDigest(storage::Database& db, const DigestJob& job, std::ostream& out) {
  Result<Collected> c = Collect(db, job.collect);
  if (!c.ok()) return c.status();
  if (c->input.Empty()) return DigestOutcome::kNothingNew;
  Result<std::string> message = Build(*c, job);
  if (!message.ok()) return message.status();
  out << *message;
  return DigestOutcome::kPrinted;
}

Result<DigestOutcome> SendDigest(storage::Database& db, const DigestJob& job) {
  Result<Collected> c = Collect(db, job.collect);
  if (!c.ok()) return c.status();
  if (c->input.Empty()) return DigestOutcome::kNothingNew;
  Result<std::string> message = Build(*c, job);
  if (!message.ok()) return message.status();

  SmtpOptions smtp = job.smtp;
  smtp.from = job.compose.from;
  Result<std::vector<std::string>> to = ParseAddressList(job.compose.to);
  if (!to.ok()) return to.status();
  smtp.recipients = *to;
  if (!smtp.username.empty()) {
    if (!job.secret) return Status::Internal("no secret source for the SMTP login");
    Result<std::string> secret = job.secret();
    if (!secret.ok()) return secret.status();
    smtp.secret = std::move(*secret);
  }
  Status sent = SendMail(smtp, *message);
  if (!sent.ok()) return sent;
  Status marked = db.SetDigestMark(c->next);
  if (!marked.ok()) {
    return Status::Error(marked.code(), "the digest was sent, but recording that failed (the same items may "
                                        "be sent again): " + marked.message());
  }
  return DigestOutcome::kSent;
}

bool DigestDue(std::string_view every, std::int64_t last_sent, std::int64_t now) {
  if (every == "always" || last_sent <= 0) return true;
  constexpr std::int64_t kHour = 3600;
  std::int64_t period = every == "weekly" ? 7 * 24 * kHour : 24 * kHour;
  return now - last_sent >= period - kHour;
}

}  // namespace bouncescan::digest
