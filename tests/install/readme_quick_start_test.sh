#!/usr/bin/env bash
# The README's quick start, as a newcomer runs it: in a fresh clone (at
# ~/byline, HOME a temporary folder, so the default database is new), every
# command of the code blocks marked <!-- quick-start --> in the clone's
# README, in order, each of which must exit 0; in a block of `$ COMMAND`
# lines, the lines that follow a command are its output, and must appear in
# what it prints, in that order ("..." stands for lines left out; times and
# rates may differ). `scripts/bootstrap demo` installs the binary already
# built in BUILD_DIR (BYLINE_PREBUILT) into ~/.local instead of building it
# again; PATH has ~/.local/bin, as a new login shell has.
#   readme_quick_start_test.sh SOURCE_DIR BUILD_DIR
# shellcheck source=tests/install/lib.sh
source "$(dirname "$0")/lib.sh"
source_dir=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
command -v git >/dev/null || skip "git is not installed"
git -C "$source_dir" rev-parse HEAD >/dev/null 2>&1 || skip "$source_dir is not a git checkout to clone"
make_temp
export HOME=$tmp/home
unset XDG_DATA_HOME BYLINE_DB MANPATH
export PREFIX=$HOME/.local BYLINE_PREBUILT=$build
export PATH=$HOME/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8 NO_COLOR=1
mkdir -p "$HOME"
clone=$HOME/byline
git clone -q "$source_dir" "$clone" || { echo "FAIL: git clone $source_dir" >&2; exit 1; }
echo "clone of $(git -C "$clone" log -1 --format='%h %s')"

# The marked blocks, one line each as "C<TAB>command" or "O<TAB>output",
# and "B" between blocks.
blocks=$(awk '
  /^<!-- quick-start/ { marked = 1; next }
  marked && /^```/ { marked = 0; inblock = 1; prompted = 0; print "B"; next }
  inblock && /^```/ { inblock = 0; next }
  inblock {
    if ($0 ~ /^\$ /) { print "C\t" substr($0, 3); prompted = 1 }
    else if (!prompted) { print "C\t" $0 }
    else { print "O\t" $0 }
    next
  }
  { marked = marked && ($0 == "") }  # the marker stands right above its block
' "$clone/README.md")
ncommands=$(grep -c $'^C\t' <<<"$blocks")
((ncommands >= 3)) || { echo "FAIL: $ncommands commands in marked blocks of README.md" >&2; exit 1; }

# What varies from run to run: times and rates; where the clone and HOME are.
normalise() {
  sed -E -e 's/[0-9][0-9.,]* (ms|s|articles\/s|MB\/s)\b/N \1/g' -e 's/\(N ms\)/(N ms)/g'
}
# check COMMAND OUTPUT EXPECTED: each EXPECTED line, in order, in OUTPUT.
check_output() {
  local cmd=$1 out expected line i=0
  out=$(normalise <<<"$2")
  expected=$(normalise <<<"${3//\/home\/you/$HOME}")
  mapfile -t got_lines <<<"$out"
  while IFS= read -r line; do
    [[ $line == ... || -z $line ]] && continue
    while ((i < ${#got_lines[@]})) && [[ ${got_lines[i]} != "$line" ]]; do i=$((i + 1)); done
    if ((i == ${#got_lines[@]})); then
      fail "'$cmd': its output has no line (after the ones matched before):
  $line
output:
$2"
      return
    fi
    i=$((i + 1))
  done <<<"$expected"
}

run_pending() {
  [[ -z ${cmd-} ]] && return
  echo "\$ $cmd"
  local out status
  out=$(cd "$clone" && timeout 300 bash -c "$cmd" 2>&1 </dev/null)
  status=$?
  if ((status != 0)); then
    fail "'$cmd' exited with $status:
$out"
  else
    check_output "$cmd" "$out" "$expected"
  fi
  cmd="" expected=""
}
cmd="" expected=""
while IFS=$'\t' read -r kind text; do
  case $kind in
    B) run_pending ;;
    C) run_pending; cmd=$text ;;
    O) expected+=$text$'\n' ;;
  esac
done <<<"$blocks"
run_pending

# The quick start left byline runnable by name and the corpus indexed in the
# default database.
[[ $(command -v byline) == "$HOME/.local/bin/byline" ]] || fail "byline is not in ~/.local/bin"
[[ -d $HOME/.local/share/byline/index ]] || fail "no default database at ~/.local/share/byline/index"
finish
