# bash completion for byline(1)                                -*- shell-script -*-
# Installed as share/bash-completion/completions/byline (bash-completion loads
# it on first use); or source it from ~/.bashrc. Plain bash: it needs no
# helper from the bash-completion package.

_byline_commands="index search show similar timeline info eval bench help"
_byline_fields="title: source: author: lang: date:"
# ISO 639-1 codes the analyzer knows (a stemmer, or a script it segments).
_byline_langs="ar ca da de en es eu fi fr ga hu hy id it ja ko lt nb ne nl no nn pt ro ru sv ta th tr zh"

# _byline_options COMMAND: the options COMMAND takes.
_byline_options() {
  case $1 in
    index) echo "--db --rebuild --title-weight --threads --shards -q --quiet -v --verbose --json
                 --synonyms --clear-synonyms -h --help" ;;
    search) echo "--db -n --limit --offset --sort --all-copies --count --format --json --color
                  --since --until --op --explain --strict --expand --facets --facets-top --batch
                  --recent --suggest --no-suggest --exact --synonyms -h --help" ;;
    show) echo "--db --json --no-pager --color -h --help" ;;
    similar) echo "--db -n --limit --format --json --since --until --all-copies --color -h --help" ;;
    timeline) echo "--db --by --since --until --json --plot --all-copies --color --synonyms
                    -h --help" ;;
    info) echo "--db --top --json -h --help" ;;
    eval) echo "--db --topics --qrels --known-items --run --tag --depth --as-search --op
                --per-topic --json --k1 --b --title-boost --stop-words --proximity
                --proximity-window --proximity-depth --expand --expand-docs --expand-weight
                --feedback-overlap --feedback-gate --feedback-gate-width --feedback-long-query
                --feedback-short-terms
                --feedback-short-docs --feedback-term-share --feedback-max-df --feedback-query-share --feedback-min-overlap
                --feedback-keep-top --feedback-keep-below -h --help" ;;
    bench) echo "--db --queries -n --limit --snippets --exact-count --all-copies --suggest --threads --warmup
                 --repeat --json --plot -h --help" ;;
    help) echo "-h --help" ;;
    *) echo "-h --help --version" ;;
  esac
}

# _byline_option_values COMMAND OPTION: sets COMPREPLY for OPTION's value and
# returns 0, or returns 1 when OPTION takes no value.
_byline_option_values() {
  local cmd=$1 opt=$2 cur=$3
  case $opt in
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")) ;;
    --sort) COMPREPLY=($(compgen -W "relevance newest oldest" -- "$cur")) ;;
    --format)
      if [[ $cmd == search ]]; then
        COMPREPLY=($(compgen -W "text json ids paths csv" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json ids paths" -- "$cur"))
      fi ;;
    --by) COMPREPLY=($(compgen -W "day week month year" -- "$cur")) ;;
    --op) COMPREPLY=($(compgen -W "or and" -- "$cur")) ;;
    --stop-words) COMPREPLY=($(compgen -W "on off" -- "$cur")) ;;
    --facets)
      # A comma-separated list: complete the last item.
      local done="" last=$cur
      if [[ $cur == *,* ]]; then done=${cur%,*},; last=${cur##*,}; fi
      COMPREPLY=($(compgen -P "$done" -W "source author lang year month" -- "$last"))
      compopt -o nospace 2>/dev/null ;;
    --db)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;  # a folder, or a stub file
    --synonyms | --batch | --topics | --qrels | --known-items | --queries | --plot | --run)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    -n | --limit | --offset | --since | --until | --expand | --facets-top | --recent | \
      --title-weight | --threads | --shards | --tag | --depth | --k1 | --b | --title-boost | \
      --proximity | --proximity-window | --proximity-depth | --expand-docs | --expand-weight | \
      --feedback-overlap | --feedback-gate | --feedback-gate-width | --feedback-long-query | \
      --feedback-short-terms | --feedback-short-docs | --feedback-term-share | --feedback-max-df | --feedback-query-share | --feedback-min-overlap | \
      --feedback-keep-top | --feedback-keep-below | \
      --warmup | --repeat | --top)
      COMPREPLY=() ;;  # a number or a date: nothing to offer
    *) return 1 ;;
  esac
  return 0
}

_byline() {
  COMPREPLY=()
  local cword=$COMP_CWORD cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((cword > 0)) && prev=${COMP_WORDS[cword - 1]}
  # Bash splits `lang:de` at ':' and `--sort=new` at '=' (COMP_WORDBREAKS):
  # put the word under the cursor together again.
  if [[ $cur == [:=] ]] && ((cword >= 2)); then
    cur=$prev$cur
    prev=${COMP_WORDS[cword - 2]}
  elif [[ $prev == [:=] ]] && ((cword >= 2)); then
    cur=${COMP_WORDS[cword - 2]}$prev$cur
    prev=""
    ((cword >= 3)) && prev=${COMP_WORDS[cword - 3]}
  fi
  if [[ $cur == --*=* ]]; then  # --option=value: bash completes the value alone
    prev=${cur%%=*}
    cur=${cur#*=}
  fi

  # The subcommand: the first word after `byline` that is not an option.
  local cmd="" i w
  for ((i = 1; i < cword; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      -*) ;;
      *) if [[ " $_byline_commands " == *" $w "* ]]; then cmd=$w; break; fi ;;
    esac
  done

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$(_byline_options "")" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$_byline_commands" -- "$cur"))
    fi
    return 0
  fi

  if [[ $prev == -* ]] && _byline_option_values "$cmd" "$prev" "$cur"; then
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_byline_options "$cmd")" -- "$cur"))
    return 0
  fi

  case $cmd in
    index)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    help)
      COMPREPLY=($(compgen -W "$_byline_commands" -- "$cur")) ;;
    search | timeline)
      # Query words: field prefixes, and language codes after `lang:`.
      if [[ $cur == [lL][aA][nN][gG]:* ]]; then
        COMPREPLY=($(compgen -P "${cur%%:*}:" -W "$_byline_langs" -- "${cur#*:}"))
      elif [[ $cur != *:* ]]; then
        COMPREPLY=($(compgen -W "$_byline_fields" -- "$cur"))
        compopt -o nospace 2>/dev/null
      fi ;;
  esac
  # Bash replaces only what follows the word's last ':'.
  if [[ $cur == *:* ]]; then
    local typed=${cur%"${cur##*:}"} k
    for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=${COMPREPLY[k]#"$typed"}; done
  fi
  return 0
}
complete -F _byline byline
