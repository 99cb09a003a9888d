// bouncescan digest — placeholder until the digest work lands.
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {

int RunDigest(CommandContext& ctx) {
  ctx.err << "bouncescan: 'digest' is not available in this build yet\n";
  return kExitUsage;
}

}  // namespace bouncescan::cli
