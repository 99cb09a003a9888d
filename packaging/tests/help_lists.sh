# help_lists.sh: what the program says it offers, read from its --help output. Sourced by
# the completion and man page tests, which check their own lists against these.

# The commands of the table `BIN --help` prints, one a line, in its order.
help_commands() { "$1" --help | sed -n '/^commands:/,/^$/p' | awk 'NF && $1 != "commands:" {print $1}'; }

# The global long options of `BIN --help`'s usage line.
help_global_options() { "$1" --help | head -n1 | grep -oE -- '--[a-z-]+'; }

# The long options a CLI11 --help output in FILE lists: the first column of its option
# lines ("-n,--dry-run"), without --help.
help_long_options() { awk '/^ +-/ {print $1}' "$1" | tr ',' '\n' | grep -E '^--[a-z]' | grep -vx -- --help | sort -u; }

# The subcommands a --help output in FILE lists.
help_subcommands() { sed -n '/^Subcommands:/,/^$/p' "$1" | awk 'NF && $1 != "Subcommands:" {print $1}'; }
