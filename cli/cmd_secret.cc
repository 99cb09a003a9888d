// bouncescan secret — placeholder until the imap work lands.
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {

int RunSecret(CommandContext& ctx) {
  ctx.err << "bouncescan: 'secret' is not available in this build yet\n";
  return kExitUsage;
}

}  // namespace bouncescan::cli
