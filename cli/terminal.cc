#include "cli/terminal.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>

namespace bouncescan::cli {
namespace {

// Reads up to the next '\n' (dropped, with a '\r' before it). *got_any: any byte at all.
std::string ReadLineFromStdin(bool* got_any) {
  std::string line;
  char c;
  *got_any = false;
  while (true) {
    ssize_t n = read(STDIN_FILENO, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    *got_any = true;
    if (c == '\n') break;
    line += c;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

bool StdinIsTerminal() { return isatty(STDIN_FILENO) != 0; }

Result<std::string> ReadSecretLine(std::ostream& prompt_to, const std::string& prompt) {
  const bool tty = StdinIsTerminal();
  termios saved{};
  bool restore = false;
  if (tty) {
    // Echo goes off before the prompt shows, so nothing typed after the prompt is echoed
    // (TCSAFLUSH drops what was typed before it, as getpass does).
    if (tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    prompt_to << prompt << std::flush;
  }
  bool got_any = false;
  std::string line = ReadLineFromStdin(&got_any);
  if (restore) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (tty) prompt_to << "\n";  // the user's Enter was not echoed
  if (line.empty()) return Status::InvalidArgument("no secret given (empty input)");
  return line;
}

Result<std::string> ReadAnswerLine(std::ostream& prompt_to, const std::string& prompt) {
  prompt_to << prompt << std::flush;
  bool got_any = false;
  std::string line = ReadLineFromStdin(&got_any);
  if (!got_any) return Status::NotFound("no answer (end of input)");
  return line;
}

}  // namespace bouncescan::cli
