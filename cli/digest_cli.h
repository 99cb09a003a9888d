// The digest as the commands `digest` and `run` use it: the [digest] table mapped onto a
// digest::DigestJob, and one function that prints or sends and reports the outcome.
//
// cli/ only. The SMTP secret comes from the same sources as an [[account]]'s:
// password_command, password_env, else the desktop keyring under the name "digest"
// (`bouncescan secret set digest`). It is fetched only when there is something to send.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "digest/digest_job.h"
#include "scanner/credentials.h"

namespace bouncescan::cli {

// The keyring entry that holds the SMTP password or token of [digest].
inline constexpr char kDigestKeyringName[] = "digest";

// True when [digest] says where to send: `to` and `smtp_url` are set.
bool DigestSendConfigured(const Config& config);

struct DigestRequest {
  bool send = false;       // false: print to ctx.out
  std::string language;    // "en" or "vi"; empty: [digest] language, else the top-level one
  std::int64_t since = 0;  // 0: what is new since the last sent digest
  std::int64_t now = 0;    // seconds since the epoch
};

// Builds the job for `request`. kInvalidArgument names the missing or bad [digest] key.
// `keyring` (non-owning, may be null) must outlive the job.
Result<digest::DigestJob> DigestJobFor(const Config& config, const DigestRequest& request,
                                       scanner::Keyring* keyring);

}  // namespace bouncescan::cli
