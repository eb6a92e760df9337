#!/usr/bin/env bash
# Every command and option that `byline --help` and `byline COMMAND --help`
# list is in the man pages and in the bash, zsh and fish completions, with
# the values of options that take one of a set (--sort relevance|newest|...).
# An option added without its documentation turns this test red.
#   docs_cover_test.sh BYLINE MAN_DIR COMPLETIONS_DIR
# shellcheck source=tests/install/lib.sh
source "$(dirname "$0")/lib.sh"
byline=$1 mandir=$2 compdir=$3
here=$(cd "$(dirname "$0")" && pwd)

# The commands: the entries of the "Subcommands:" (or "Commands:") section.
top_help=$("$byline" --help) || { echo "FAIL: byline --help failed" >&2; exit 1; }
mapfile -t commands < <(awk 'tolower($0) ~ /^(sub)?commands:?$/ { on = 1; next }
                             on && /^$/ { on = 0 }
                             on && /^ +[a-z]/ { print $1 }' <<<"$top_help")
((${#commands[@]} >= 5)) || { echo "FAIL: found ${#commands[@]} commands in byline --help:
$top_help" >&2; exit 1; }
echo "commands: ${commands[*]}"

# options SUB: one line per option that `byline SUB --help` lists,
# "NAME[,NAME...]<TAB>VALUE VALUE..." (the values when it takes one of a
# set: CLI11's {a,b,c} or a|b|c in place of the argument's name).
options() {
  local line names arg values args=()
  [[ $1 == _ ]] || args=("$1")
  "$byline" "${args[@]}" --help | while IFS= read -r line; do
    # An option's line is indented a little; a description's continuation
    # is indented to its column.
    [[ $line =~ ^\ {1,8}(-[^[:space:]]+)(\ +([^[:space:]]+))? ]] || continue
    names=${BASH_REMATCH[1]} arg=${BASH_REMATCH[3]} values=""
    if [[ $arg =~ ^[a-z]+(\|[a-z]+)+$ ]]; then values=${arg//|/ }; fi
    if [[ $line =~ \{([a-z]+(,[a-z]+)+)\} ]]; then values=${BASH_REMATCH[1]//,/ }; fi
    printf '%s\t%s\n' "$names" "$values"
  done
}

# opts[SUB]="--a -b ..."; values["SUB --opt"]="x y". SUB "_" is `byline`
# itself, for its own options.
declare -A opts values
total_values=0
for sub in _ "${commands[@]}"; do
  list=""
  while IFS=$'\t' read -r names vals; do
    for name in ${names//,/ }; do
      list+=" $name"
      [[ -n $vals ]] && values["$sub $name"]=$vals && total_values=$((total_values + 1))
    done
  done < <(options "$sub")
  [[ $list == *--help* ]] || fail "byline $sub --help: no option found (has its format changed?)"
  opts[$sub]=$list
done
((total_values > 0)) || fail "no option with a set of values found in any --help (format changed?)"

# --- man pages: each option in bold on its command's page ------------------
page_of() { if [[ $1 == _ || $1 == help ]]; then echo "$mandir/byline.1"; else echo "$mandir/byline-$1.1"; fi; }
for sub in _ "${commands[@]}"; do
  page=$(page_of "$sub")
  if [[ ! -f $page ]]; then fail "no man page $(basename "$page") for byline $sub"; continue; fi
  for name in ${opts[$sub]}; do
    grep -qF "\\fB$name\\fR" "$page" || fail "$(basename "$page"): no $name (byline $sub)"
  done
  for key in "${!values[@]}"; do
    [[ ${key% *} == "$sub" ]] || continue
    for v in ${values[$key]}; do
      grep -qF "\\fB$v\\fR" "$page" || fail "$(basename "$page"): no value $v of $key"
    done
  done
done
for sub in "${commands[@]}"; do
  grep -qF "\\fB$sub\\fR" "$mandir/byline.1" || fail "byline.1: COMMANDS does not list $sub"
done

# --- completions: what each shell offers after each of these lines -------
# "byline " (the commands), "byline SUB -" (its options), "byline SUB --opt "
# (the option's values). got_SHELL[LINE] is " candidate candidate ... ".
lines=("byline " "byline -")
for sub in "${commands[@]}"; do lines+=("byline $sub -"); done
for key in "${!values[@]}"; do lines+=("byline ${key#_ } "); done
declare -A got_bash got_fish got_zsh

source "$compdir/byline.bash" || fail "bash: $compdir/byline.bash does not load"
for l in "${lines[@]}"; do
  read -ra COMP_WORDS <<<"$l"
  [[ $l == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _byline
  # shellcheck disable=SC2034  # read by check_shell, through a nameref
  got_bash[$l]=" ${COMPREPLY[*]} "
done

if command -v fish >/dev/null; then
  script="source ${compdir@Q}/byline.fish"
  for l in "${lines[@]}"; do script+="; echo ${l@Q}'@@'; complete -C ${l@Q}"; done
  current=""
  while IFS= read -r line; do
    if [[ $line == *@@ ]]; then current=${line%@@}; continue; fi
    got_fish[$current]+=" ${line%%$'\t'*} "
  done < <(fish --no-config -c "$script")
else
  fail "fish is not installed (scripts/bootstrap installs it): cannot check its completions"
fi

if command -v zsh >/dev/null; then
  current=""
  while IFS= read -r line; do
    if [[ $line == "@@ "* ]]; then current=${line#@@ }; continue; fi
    got_zsh[$current]+=" $line "
  done < <(timeout 120 zsh -f "$here/zsh_complete.zsh" "$compdir" "${lines[@]}")
else
  fail "zsh is not installed (scripts/bootstrap installs it): cannot check its completions"
fi

# check_shell SHELL: every command, option and value among its candidates.
check_shell() {
  local shell=$1 sub name key v l
  local -n got=got_$1
  for sub in "${commands[@]}"; do
    [[ ${got["byline "]-} == *" $sub "* ]] || fail "$shell: no command $sub"
  done
  for sub in _ "${commands[@]}"; do
    if [[ $sub == _ ]]; then l="byline -"; else l="byline $sub -"; fi
    for name in ${opts[$sub]}; do
      [[ ${got[$l]-} == *" $name "* ]] || fail "$shell: no $name for byline $sub"
    done
  done
  for key in "${!values[@]}"; do
    for v in ${values[$key]}; do
      [[ ${got["byline ${key#_ } "]-} == *" $v "* ]] || fail "$shell: no value $v for byline $key"
    done
  done
}
check_shell bash
command -v fish >/dev/null && check_shell fish
command -v zsh >/dev/null && check_shell zsh
finish
