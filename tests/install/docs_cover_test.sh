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

# --- bash -------------------------------------------------------------------
source "$compdir/byline.bash" || fail "bash: $compdir/byline.bash does not load"
bash_complete() {  # WORD...: the candidates for the last WORD
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _byline
  printf '%s\n' "${COMPREPLY[@]}"
}
got=" $(bash_complete byline "" | tr '\n' ' ') "
for sub in "${commands[@]}"; do [[ $got == *" $sub "* ]] || fail "bash: no command $sub"; done
for sub in _ "${commands[@]}"; do
  if [[ $sub == _ ]]; then got=" $(bash_complete byline - | tr '\n' ' ') "
  else got=" $(bash_complete byline "$sub" - | tr '\n' ' ') "; fi
  for name in ${opts[$sub]}; do [[ $got == *" $name "* ]] || fail "bash: no $name for byline $sub"; done
done
for key in "${!values[@]}"; do
  got=" $(bash_complete byline "${key%% *}" "${key##* }" "" | tr '\n' ' ') "
  for v in ${values[$key]}; do [[ $got == *" $v "* ]] || fail "bash: no value $v for byline $key"; done
done

# --- fish -------------------------------------------------------------------
if command -v fish >/dev/null; then
  script="source ${compdir@Q}/byline.fish"
  lines=("byline " "byline -")
  for sub in "${commands[@]}"; do lines+=("byline $sub -"); done
  for key in "${!values[@]}"; do lines+=("byline $key "); done
  for l in "${lines[@]}"; do script+="; echo ${l@Q}'@@'; complete -C ${l@Q}"; done
  declare -A fish_got
  current=""
  while IFS= read -r line; do
    if [[ $line == *@@ ]]; then current=${line%@@}; continue; fi
    fish_got[$current]+=" ${line%%$'\t'*} "
  done < <(fish --no-config -c "$script")
  for sub in "${commands[@]}"; do [[ ${fish_got["byline "]} == *" $sub "* ]] || fail "fish: no command $sub"; done
  for sub in _ "${commands[@]}"; do
    l="byline ${sub#_} -"
    for name in ${opts[$sub]}; do
      [[ ${fish_got[${l/  / }]} == *" $name "* ]] || fail "fish: no $name for byline $sub"
    done
  done
  for key in "${!values[@]}"; do
    for v in ${values[$key]}; do
      [[ ${fish_got["byline ${key#_ } "]} == *" $v "* ]] || fail "fish: no value $v for byline $key"
    done
  done
else
  fail "fish is not installed (scripts/bootstrap installs it): cannot check its completions"
fi

# --- zsh --------------------------------------------------------------------
if command -v zsh >/dev/null; then
  lines=("byline " "byline -")
  for sub in "${commands[@]}"; do lines+=("byline $sub -"); done
  for key in "${!values[@]}"; do lines+=("byline ${key#_ } "); done
  declare -A zsh_got
  current=""
  while IFS= read -r line; do
    if [[ $line == "@@ "* ]]; then current=${line#@@ }; continue; fi
    zsh_got[$current]+=" $line "
  done < <(timeout 120 zsh -f "$here/zsh_complete.zsh" "$compdir" "${lines[@]}")
  for sub in "${commands[@]}"; do [[ ${zsh_got["byline "]} == *" $sub "* ]] || fail "zsh: no command $sub"; done
  for sub in _ "${commands[@]}"; do
    l="byline ${sub#_} -"
    for name in ${opts[$sub]}; do
      [[ ${zsh_got[${l/  / }]} == *" $name "* ]] || fail "zsh: no $name for byline $sub"
    done
  done
  for key in "${!values[@]}"; do
    for v in ${values[$key]}; do
      [[ ${zsh_got["byline ${key#_ } "]} == *" $v "* ]] || fail "zsh: no value $v for byline $key"
    done
  done
else
  fail "zsh is not installed (scripts/bootstrap installs it): cannot check its completions"
fi
finish
