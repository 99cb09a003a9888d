#!/bin/sh
# man_test.sh SOURCE_DIR BINARY
# The man page renders without warnings, and describes every command of the command table,
# every option each command's --help lists, and every exit code of cli/exit_codes.h. The
# lists come from the program and the code, so a new command, option or code without a
# line in the page fails here.
set -eu
src=$1
bin=$2
page=$src/packaging/bouncescan.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
# help_commands, help_global_options, help_long_options, help_subcommands
. "$src/packaging/tests/help_lists.sh"
fail() { echo "man_test: $*" >&2; status=1; }

command -v groff >/dev/null 2>&1 || { echo "man_test: groff is not installed (groff-base)" >&2; exit 1; }
LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>"$work/groff.err" || fail "groff failed"
[ ! -s "$work/groff.err" ] || { cat "$work/groff.err" >&2; fail "groff warned"; }
if command -v man >/dev/null 2>&1; then
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$work/page.txt" 2>"$work/man.err" ||
    fail "man -l failed"
  [ ! -s "$work/man.err" ] || { cat "$work/man.err" >&2; fail "man --warnings warned"; }
  [ "$(wc -l <"$work/page.txt")" -gt 200 ] || fail "man -l rendered only $(wc -l <"$work/page.txt") lines"
fi
# The source with roff's escaped hyphens as plain ones.
sed 's/\\-/-/g' "$page" >"$work/page.roff"
# The body without the section headings, where options must have their own entries.
grep -v '^\.SS' "$work/page.roff" >"$work/body.roff"

# Commands: the table `bouncescan --help` prints. Each has its own .SS heading.
help_commands "$bin" >"$work/commands"
[ "$(wc -l <"$work/commands")" -ge 10 ] || fail "could not read the command table from --help"
while read -r cmd; do
  grep -q "^\.SS \"$cmd\( \|\"\)" "$work/page.roff" || fail "no .SS section for command '$cmd'"
  # Every option and subcommand its --help lists.
  "$bin" "$cmd" --help >"$work/help" 2>&1 || true
  for opt in $(help_long_options "$work/help"); do
    case $opt in -h|--help) continue ;; esac
    grep -qe "$opt" "$work/body.roff" || fail "'$cmd' option $opt is not described in the page"
  done
  for sub in $(help_subcommands "$work/help"); do
    grep -qE "^\.(SS|TP|BI|B).*\b$sub\b|^\.BI \"$sub " "$work/page.roff" || fail "'$cmd' subcommand $sub is not in the page"
  done
done <"$work/commands"

# Global options: the usage line of `bouncescan --help`, and --help/--version.
for opt in $(help_global_options "$bin") --help --version; do
  grep -qe "$opt" "$work/page.roff" || fail "global option $opt is not in the page"
done

# Exit codes: every `kExit... = N,` of cli/exit_codes.h is a .B N entry under EXIT STATUS.
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$work/page.roff" >"$work/exit"
codes=$(sed -n 's/^ *kExit[A-Za-z]* = \([0-9][0-9]*\),.*/\1/p' "$src/cli/exit_codes.h")
[ -n "$codes" ] || fail "could not read the exit codes from cli/exit_codes.h"
for code in $codes; do
  grep -qx "\.B $code" "$work/exit" || fail "exit code $code is not under EXIT STATUS"
done
# ... and nothing there that the code does not define.
for code in $(sed -n 's/^\.B \([0-9][0-9]*\)$/\1/p' "$work/exit"); do
  echo "$codes" | grep -qx "$code" || fail "EXIT STATUS lists $code, which cli/exit_codes.h does not define"
done

# Files the package installs are named under FILES.
for f in bouncescan.service bouncescan.timer config.sample.toml cron.example config.toml bouncescan.db; do
  grep -q "$f" "$work/page.roff" || fail "FILES does not name $f"
done
[ $status -eq 0 ] && echo "man_test: ok ($(wc -l <"$work/commands") commands, $(echo "$codes" | wc -l) exit codes)"
exit $status
