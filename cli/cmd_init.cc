// bouncescan init — placeholder until the digest work lands.
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {

int RunInit(CommandContext& ctx) {
  ctx.err << "bouncescan: 'init' is not available in this build yet\n";
  return kExitUsage;
}

}  // namespace bouncescan::cli
