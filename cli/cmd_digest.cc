// bouncescan digest [--print | --send] [--lang en|vi] [--since DATE]
//
// Builds one message from what was recorded since the last sent digest (digest/) and sends
// it to [digest] to, or prints it. Without --print or --send it sends when [digest] names
// `to` and `smtp_url`, and prints otherwise, so that a fresh install shows what it would
// send. Nothing new: nothing is sent or printed. Only a send moves the digest mark; a
// failed send keeps every item for the next one.
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/digest_cli.h"
#include "cli/exit_codes.h"
#include "cli/storage_cli.h"

namespace bouncescan::cli {

int RunDigest(CommandContext& ctx) {
  CLI::App app{"Build the digest of what bounced since the last one, and send or print it", "bouncescan digest"};
  bool print = false;
  bool send = false;
  std::string lang;
  std::string since_text;
  app.add_flag("--print", print, "write the whole message (headers, text and HTML parts) to stdout; "
                                 "the items stay new for the next digest");
  app.add_flag("--send", send, "send it through [digest] smtp_url to [digest] to");
  app.add_option("--lang", lang, "en or vi (default: [digest] language, else the top-level language)")
      ->check(CLI::IsMember({"en", "vi"}));
  app.add_option("--since", since_text,
                 "everything recorded since DATE (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] UTC, or Nd for N days "
                 "ago), whatever earlier digests covered")
      ->option_text("DATE");
  app.footer(
      "Without --print or --send: send when the config's [digest] table sets `to` and `smtp_url`, else print.\n"
      "A digest with nothing new is neither sent nor printed. The SMTP secret comes from [digest]\n"
      "password_command or password_env, else the keyring entry 'digest' (bouncescan secret set digest).\n"
      "Exit status: 0 ok (also when nothing was new), 2 usage/config, 3 login refused or no secret,\n"
      "4 server unreachable or refused for now, 5 TLS/certificate, 6 database busy, 7 database unusable.\n"
      "See bouncescan(1).");
  if (std::optional<int> stop = ParseArgs(app, ctx)) return *stop;
  if (print && send) {
    ctx.err << "bouncescan digest: give either --print or --send, not both\n";
    return kExitUsage;
  }
  Result<Config> config = LoadConfigFor(ctx.global);
  if (!config.ok()) {
    ctx.err << "bouncescan: " << config.status().message() << "\n";
    return kExitUsage;
  }

  DigestRequest request;
  request.now = storage::SystemNow();
  request.send = send || (!print && DigestSendConfigured(*config));
  request.language = lang;
  if (!since_text.empty()) {
    std::optional<std::int64_t> since = ParseSince(since_text, request.now);
    if (!since || *since <= 0) {
      ctx.err << "bouncescan digest: --since '" << since_text << "' is not a date (YYYY-MM-DD) or Nd\n";
      return kExitUsage;
    }
    request.since = *since;
  }
  std::unique_ptr<scanner::Keyring> keyring = request.send ? scanner::SystemKeyring() : nullptr;
  Result<digest::DigestJob> job = DigestJobFor(*config, request, keyring.get());
  if (!job.ok()) return Fail(ctx, job.status());

  // A send holds the run lock, so that a `run` or a second `digest --send` cannot send the
  // same items at the same time. Printing only reads.
  Result<std::unique_ptr<storage::Database>> db =
      OpenDatabaseFor(ctx.global, *config, /*run_lock=*/request.send, /*must_exist=*/true);
  if (!db.ok()) return Fail(ctx, db.status());

  Result<digest::DigestOutcome> outcome = digest::DigestOutcome::kNothingNew;
  if (*db) outcome = request.send ? digest::SendDigest(**db, *job) : digest::PrintDigest(**db, *job, ctx.out);
  if (!outcome.ok()) return Fail(ctx, outcome.status());
  if (*outcome == digest::DigestOutcome::kNothingNew && ctx.global.verbosity >= 0 && !request.send) {
    // Say why stdout is empty; a send with nothing new stays quiet (it runs from timers).
    ctx.err << "bouncescan: nothing new " << (request.since > 0 ? "since " + since_text : "since the last digest")
            << (*db ? "" : " (nothing recorded yet: run 'bouncescan scan' first)") << "\n";
  }
  if (*outcome == digest::DigestOutcome::kSent && ctx.global.verbosity > 0) {
    ctx.err << "bouncescan: digest sent to " << config->digest->to << "\n";
  }
  return kExitOk;
}

}  // namespace bouncescan::cli
