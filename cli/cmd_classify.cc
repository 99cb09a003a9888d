// bouncescan classify [--json] PATH...
#include <fstream>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "mime/decode.h"

namespace bouncescan::cli {

int RunClassify(CommandContext& ctx) {
  CLI::App app{"Decode bounce messages and print a verdict for every failed recipient", "bouncescan classify"};
  bool json = false;
  std::vector<std::string> paths;
  app.add_flag("--json", json, "print one JSON object per message (JSON Lines)");
  app.add_option("paths", paths, ".eml files, mbox files, Maildir folders, or - for stdin")->required();
  try {
    std::vector<std::string> args(ctx.args.rbegin(), ctx.args.rend());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, ctx.out, ctx.err) == 0 ? kExitOk : kExitUsage;
  }
  int rc = kExitOk;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ctx.err << "bouncescan: cannot read " << path << "\n";
      rc = kExitPartial;
      continue;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    mime::DecodeResult r = mime::DecodeBounce(buf.str());
    nlohmann::json j{{"source", path}, {"kind", mime::ReportKindName(r.report.kind)},
                     {"recipients", nlohmann::json::array()}};
    ctx.out << j.dump() << "\n";
  }
  return rc;
}

}  // namespace bouncescan::cli
