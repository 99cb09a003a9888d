#!/bin/sh
# completion_test.sh SOURCE_DIR BINARY
# The bash completion parses, and completes what the program offers: the commands of
# `bouncescan --help`, the global options, every option and subcommand each command's --help
# lists, option values, account names from the config, and file names. The expected lists
# come from the program, so a command or option added without completion fails here.
set -eu
src=$1
bin=$2
script=$src/packaging/bouncescan.bash
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
# help_commands, help_global_options, help_long_options, help_subcommands
. "$src/packaging/tests/help_lists.sh"
fail() { echo "completion_test: $*" >&2; status=1; }

command -v bash >/dev/null 2>&1 || { echo "completion_test: no bash" >&2; exit 1; }
bash -n "$script" || { echo "completion_test: bash -n rejects the script" >&2; exit 1; }

# complete WORD... : what the completion offers for the last word (may be ""), one a line, sorted.
complete_line() {
  (cd "$work/cwd" && HOME=$work/home XDG_CONFIG_HOME=$work/home/.config bash -c '
    source "$0" || exit 9
    COMP_WORDS=(bouncescan "$@")
    COMP_CWORD=$#
    _bouncescan
    printf "%s\n" "${COMPREPLY[@]}"' "$script" "$@") | sed '/^$/d' | sort -u
}
mkdir -p "$work/cwd/maildir" "$work/home/.config/bouncescan"
: >"$work/cwd/bounce-1.eml"
: >"$work/cwd/contacts.csv"
printf '[[account]]\nname = "work"\nurl = "imaps://imap.example.com"\nusername = "u"\n[[account]]\n  name = "shop"\n' \
  >"$work/home/.config/bouncescan/config.toml"
printf '[[account]]\nname = "other"\n' >"$work/cwd/other.toml"

# has "OFFERED" WORD : WORD is one of the lines of OFFERED.
has() { printf '%s\n' "$1" | grep -qxF -- "$2"; }

# Commands, exactly those of the command table.
help_commands "$bin" | sort >"$work/commands"
[ "$(wc -l <"$work/commands")" -ge 10 ] || fail "could not read the command table from --help"
complete_line "" >"$work/offered"
cmp -s "$work/commands" "$work/offered" || { diff "$work/commands" "$work/offered" >&2; fail "commands differ from --help"; }
[ "$(complete_line cl)" = classify ] || fail "'cl' does not complete to classify"
has "$(complete_line --config x.toml s)" scan || fail "no command completion after --config FILE"

# Global options, from the usage line.
offered=$(complete_line --)
for opt in $(help_global_options "$bin") --help --version; do
  has "$offered" "$opt" || fail "global option $opt not offered"
done

# Every long option and subcommand of every command's --help.
while read -r cmd; do
  "$bin" "$cmd" --help >"$work/help" 2>&1 || true
  offered=$(complete_line "$cmd" -)
  for opt in $(help_long_options "$work/help"); do
    has "$offered" "$opt" || fail "'$cmd $opt' not offered"
  done
  subs=$(help_subcommands "$work/help")
  if [ -n "$subs" ]; then
    offered=$(complete_line "$cmd" "")
    for sub in $subs; do
      has "$offered" "$sub" || fail "'$cmd $sub' not offered"
      "$bin" "$cmd" "$sub" --help >"$work/subhelp" 2>&1 || true
      suboffered=$(complete_line "$cmd" "$sub" --)
      for opt in $(help_long_options "$work/subhelp"); do
        has "$suboffered" "$opt" || fail "'$cmd $sub $opt' not offered"
      done
    done
  fi
done <"$work/commands"

# Values.
[ "$(complete_line explain --lang "" | tr '\n' ' ')" = "en vi " ] || fail "--lang does not offer en vi"
[ "$(complete_line init --every w)" = weekly ] || fail "--every does not offer weekly"
[ "$(complete_line secret set "" | tr '\n' ' ')" = "digest shop work " ] || fail "secret set does not offer the accounts"
[ "$(complete_line --config other.toml scan --account "")" = other ] || fail "--account ignores --config"
has "$(complete_line classify b)" bounce-1.eml || fail "classify does not complete file names"
has "$(complete_line check c)" contacts.csv || fail "check does not complete file names"
has "$(complete_line --config "")" other.toml || fail "--config does not complete file names"
[ -z "$(complete_line run "")" ] || fail "run takes no arguments, yet something was offered"

[ $status -eq 0 ] && echo "completion_test: ok ($(wc -l <"$work/commands") commands)"
exit $status
