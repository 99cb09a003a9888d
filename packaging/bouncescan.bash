# bash completion for bouncescan(1).
# Installed as /usr/share/bash-completion/completions/bouncescan; works without the
# bash-completion package too (`source` this file). packaging/tests/completion_test.sh checks
# that the lists below match what the program's --help says.

# The [[account]] names of the config file in use, for --account and `secret set|clear`.
_bouncescan_accounts() {
  local config=$1
  [[ -r $config ]] || return 0
  sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$config" 2>/dev/null
}

_bouncescan() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="classify explain scan events suppressed check secret digest run init"
  local globals="--config --db --verbose --quiet --help --version"
  COMPREPLY=()

  # The command (first word that is not a global option or its value), its subcommand, and
  # the config file named by --config.
  local i word cmd="" sub="" config=${XDG_CONFIG_HOME:-$HOME/.config}/bouncescan/config.toml
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    case $word in
      --config) config=${COMP_WORDS[i + 1]}; ((i++)) ;;
      --config=*) config=${word#--config=} ;;
      --db) ((i++)) ;;
      -*) ;;
      *)
        if [[ -z $cmd ]]; then
          cmd=$word
        elif [[ -z $sub ]]; then
          sub=$word
        fi
        ;;
    esac
  done

  # Values of options.
  case $prev in
    --config | --db | --out | --removed | --csv)
      if [[ $prev != --csv || $sub == export ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
      fi
      ;;
    --lang | --language)
      COMPREPLY=($(compgen -W "en vi" -- "$cur"))
      return 0
      ;;
    --every)
      COMPREPLY=($(compgen -W "daily weekly always" -- "$cur"))
      return 0
      ;;
    --account)
      COMPREPLY=($(compgen -W "$(_bouncescan_accounts "$config")" -- "$cur"))
      return 0
      ;;
    --since | --note | --account-url | --username | --folders | --account-name | --digest-to | \
      --digest-from | --smtp-url | --smtp-username)
      return 0
      ;;
  esac

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return 0
  fi

  local options="" subcommands="" files=0
  case $cmd in
    classify) options="--json"; files=1 ;;
    explain) options="--json --lang" ;;
    scan) options="--dry-run -n --account"; files=1 ;;
    events) options="--since --json" ;;
    suppressed)
      case $sub in
        "") options="--json --csv"; subcommands="add remove why export import" ;;
        add) options="--note" ;;
        export) options="--csv" ;;
        import) files=1 ;;
      esac
      ;;
    check) options="--out --removed --mark"; files=1 ;;
    secret)
      if [[ -z $sub ]]; then
        subcommands="set clear"
      elif [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(_bouncescan_accounts "$config") digest" -- "$cur"))
        return 0
      fi
      ;;
    digest) options="--print --send --lang --since" ;;
    run) ;;
    init)
      options="--account-url --username --folders --account-name --digest-to --digest-from --smtp-url
        --smtp-username --language --every --store-password --no-store-password --enable-timer
        --no-enable-timer --force --yes --non-interactive"
      ;;
    *) return 0 ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options $globals" -- "$cur"))
  elif [[ -n $subcommands ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
  elif ((files)); then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}

complete -o filenames -F _bouncescan bouncescan
