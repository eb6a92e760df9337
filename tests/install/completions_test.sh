#!/usr/bin/env bash
# The bash, zsh and fish completions load in their shells and complete what
# a user types: commands, option values (also as --option=value), field
# prefixes and language codes in queries, comma-separated facets, and files
# and folders for `index`. (docs_cover_test.sh checks that they know every
# option.)
#   completions_test.sh COMPLETIONS_DIR
# shellcheck source=tests/install/lib.sh
source "$(dirname "$0")/lib.sh"
compdir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
make_temp
# Files for `index` to complete, in the folder the shells run in.
mkdir -p "$tmp/work/corpus/wire" "$tmp/work/cold war"
touch "$tmp/work/cover note.txt"
cd "$tmp/work" || exit 1

# expect SHELL LINE GOT WANTED...: each WANTED is among GOT's lines.
expect() {
  local shell=$1 line=$2 got=$'\n'$3$'\n' offers=${3//$'\n'/ }
  shift 3
  local w
  for w in "$@"; do
    [[ $got == *$'\n'"$w"$'\n'* ]] || fail "$shell: '$line' does not offer '$w' (offers: $offers)"
  done
}
# refuse SHELL LINE GOT UNWANTED...: no UNWANTED is among GOT's lines.
refuse() {
  local shell=$1 line=$2 got=$'\n'$3$'\n'
  shift 3
  local w
  for w in "$@"; do
    [[ $got != *$'\n'"$w"$'\n'* ]] || fail "$shell: '$line' offers '$w'"
  done
}

# --- bash: the function bash calls, with COMP_WORDS as bash splits a line ---
bash -n "$compdir/byline.bash" || fail "bash -n byline.bash"
source "$compdir/byline.bash"
complete -p byline >/dev/null 2>&1 || fail "bash: the script does not register a completion for byline"
bc() {  # WORD...: the candidates for the last word (bash splits at : and =)
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _byline
  printf '%s\n' "${COMPREPLY[@]}"
}
expect bash "byline se" "$(bc byline se)" search
refuse bash "byline se" "$(bc byline se)" index
expect bash "byline " "$(bc byline "")" index search show similar timeline info eval bench help
expect bash "byline search --so" "$(bc byline search --so)" --sort
expect bash "byline search --sort " "$(bc byline search --sort "")" relevance newest oldest
expect bash "byline search --sort=n" "$(bc byline search --sort = n)" newest
expect bash "byline search --color " "$(bc byline search --color "")" auto always never
expect bash "byline search --format " "$(bc byline search --format "")" text json ids paths csv
expect bash "byline similar --format " "$(bc byline similar --format "")" text json ids paths
refuse bash "byline similar --format " "$(bc byline similar --format "")" csv
expect bash "byline timeline --by " "$(bc byline timeline --by "")" day week month year
expect bash "byline search --facets source,a" "$(bc byline search --facets source,a)" source,author
expect bash "byline search flood ti" "$(bc byline search flood ti)" title:
expect bash "byline search a" "$(bc byline search a)" author:
# `lang:d`: bash replaces what follows the colon.
expect bash "byline search lang:d" "$(bc byline search lang : d)" de da
expect bash "byline search lang:" "$(bc byline search lang :)" en de ar zh
expect bash "byline timeline lang:a" "$(bc byline timeline lang : a)" ar
expect bash "byline index co" "$(bc byline index co)" corpus "cover note.txt" "cold war"
expect bash "byline index corpus/w" "$(bc byline index corpus/w)" corpus/wire
expect bash "byline search --db co" "$(bc byline search --db co)" corpus
expect bash "byline help s" "$(bc byline help s)" search show similar
expect bash "byline -" "$(bc byline -)" --help --version
# bash-completion's loader finds the script by the name it is installed as.
if [[ -f /usr/share/bash-completion/bash_completion ]]; then
  got=$(BASH_COMPLETION_USER_DIR="$tmp/bc" bash -c '
    mkdir -p "$BASH_COMPLETION_USER_DIR/completions"
    cp "$1" "$BASH_COMPLETION_USER_DIR/completions/byline"
    source /usr/share/bash-completion/bash_completion
    __load_completion byline && complete -p byline' _ "$compdir/byline.bash" 2>&1)
  [[ $got == *"-F _byline byline"* ]] || fail "bash: bash-completion does not load it: $got"
else
  fail "bash-completion is not installed (scripts/bootstrap installs it)"
fi

# --- zsh: an interactive zsh in a pseudo-terminal, Tab pressed -------------
if command -v zsh >/dev/null; then
  zsh -n "$compdir/_byline" || fail "zsh -n _byline"
  lines=("byline se" "byline search --sort " "byline search --sort=n" "byline search --color "
    "byline search --facets source,a" "byline search flood ti" "byline search lang:d"
    "byline index co" "byline help s" "byline similar --format ")
  declare -A zg
  current=""
  while IFS= read -r line; do
    if [[ $line == "@@ "* ]]; then current=${line#@@ }; continue; fi
    zg[$current]+=$line$'\n'
  done < <(timeout 120 zsh -f "$here/zsh_complete.zsh" "$compdir" "${lines[@]}")
  expect zsh "byline se" "${zg["byline se"]-}" search
  expect zsh "byline search --sort " "${zg["byline search --sort "]-}" relevance newest oldest
  expect zsh "byline search --sort=n" "${zg["byline search --sort=n"]-}" newest
  expect zsh "byline search --color " "${zg["byline search --color "]-}" auto always never
  expect zsh "byline search --facets source,a" "${zg["byline search --facets source,a"]-}" author
  expect zsh "byline search flood ti" "${zg["byline search flood ti"]-}" title:
  expect zsh "byline search lang:d" "${zg["byline search lang:d"]-}" de da
  expect zsh "byline index co" "${zg["byline index co"]-}" corpus "cover\\ note.txt" "cold\\ war"
  expect zsh "byline help s" "${zg["byline help s"]-}" search show similar
  expect zsh "byline similar --format " "${zg["byline similar --format "]-}" text json ids paths
  refuse zsh "byline similar --format " "${zg["byline similar --format "]-}" csv
else
  fail "zsh is not installed (scripts/bootstrap installs it)"
fi

# --- fish: complete -C, as fish completes a command line --------------------
if command -v fish >/dev/null; then
  fish --no-config -n "$compdir/byline.fish" || fail "fish -n byline.fish"
  fc() { fish --no-config -c "source ${compdir@Q}/byline.fish; complete -C ${1@Q}" | cut -f1; }
  expect fish "byline se" "$(fc "byline se")" search
  expect fish "byline search --sort " "$(fc "byline search --sort ")" relevance newest oldest
  expect fish "byline search --sort=n" "$(fc "byline search --sort=n")" --sort=newest
  expect fish "byline search --color " "$(fc "byline search --color ")" auto always never
  expect fish "byline search --facets source," "$(fc "byline search --facets source,")" source,author source,year
  expect fish "byline search flood ti" "$(fc "byline search flood ti")" title:
  expect fish "byline search lang:d" "$(fc "byline search lang:d")" lang:de lang:da
  refuse fish "byline search la" "$(fc "byline search la")" lang:de
  expect fish "byline index co" "$(fc "byline index co")" corpus/ "cover note.txt" "cold war/"
  expect fish "byline help s" "$(fc "byline help s")" search show similar
  expect fish "byline similar --format " "$(fc "byline similar --format ")" text json ids paths
  refuse fish "byline similar --format " "$(fc "byline similar --format ")" csv
  # Installed in a vendor_completions.d on fish's path, it loads by itself
  # (for a command on the PATH).
  mkdir -p "$tmp/data/fish/vendor_completions.d" "$tmp/bin"
  cp "$compdir/byline.fish" "$tmp/data/fish/vendor_completions.d/"
  printf '#!/bin/sh\n' >"$tmp/bin/byline" && chmod +x "$tmp/bin/byline"
  got=$(PATH="$tmp/bin:$PATH" HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" fish -c 'complete -C "byline se"' | cut -f1)
  expect fish "byline se (vendor_completions.d)" "$got" search
else
  fail "fish is not installed (scripts/bootstrap installs it)"
fi
finish
