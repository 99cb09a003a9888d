// bouncescan suppressed — placeholder until the storage work lands.
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {

int RunSuppressed(CommandContext& ctx) {
  ctx.err << "bouncescan: 'suppressed' is not available in this build yet\n";
  return kExitUsage;
}

}  // namespace bouncescan::cli
