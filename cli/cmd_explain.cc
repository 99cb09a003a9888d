// bouncescan explain — placeholder until the rules work lands.
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace bouncescan::cli {

int RunExplain(CommandContext& ctx) {
  ctx.err << "bouncescan: 'explain' is not available in this build yet\n";
  return kExitUsage;
}

}  // namespace bouncescan::cli
