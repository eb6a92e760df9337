#!/usr/bin/env bash
# The man pages render without a warning at 80 columns (groff -ww through
# man), and each has the sections a reader looks for.
#   man_pages_test.sh MAN_DIR     (the built pages: BUILD/docs/man)
# shellcheck source=tests/install/lib.sh
source "$(dirname "$0")/lib.sh"
mandir=$1
command -v man >/dev/null || skip "man (package man-db) is not installed"

pages=("$mandir"/*.1)
[[ -e ${pages[0]} ]] || { echo "FAIL: no man pages in $mandir" >&2; exit 1; }
for page in "${pages[@]}"; do
  name=$(basename "$page")
  err=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [[ -z $err ]] || fail "$name: man --warnings: $err"
  err=$(groff -k -ww -z -man -Tutf8 "$page" 2>&1 | head -3)
  [[ -z $err ]] || fail "$name: groff -ww: $err"
  text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null)
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT "SEE ALSO"; do
    grep -q "^$section\$" <<<"$text" || fail "$name: no $section section"
  done
  # Nothing wider than the page (a literal block too long for 80 columns).
  long=$(LC_ALL=C.UTF-8 grep -E '^.{81,}' <<<"$text" | head -1)
  [[ -z $long ]] || fail "$name: a line wider than 80 columns: $long"
done
# What byline(1) and byline-search(1) must explain.
text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$mandir/byline.1" 2>/dev/null)
for section in COMMANDS "THE DATABASE" FILES EXAMPLES; do
  grep -q "^$section\$" <<<"$text" || fail "byline.1: no $section section"
done
for var in BYLINE_DB XDG_DATA_HOME NO_COLOR PAGER XAPIAN_FLUSH_THRESHOLD; do
  grep -q "$var" <<<"$text" || fail "byline.1: ENVIRONMENT does not name $var"
done
for code in 0 1 2 3 4 5 6 130 143; do
  grep -Eq "^       $code\$" <<<"$text" || fail "byline.1: EXIT STATUS does not list $code"
done
text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$mandir/byline-search.1" 2>/dev/null)
for section in "QUERY SYNTAX" OUTPUT; do
  grep -q "^$section\$" <<<"$text" || fail "byline-search.1: no $section section"
done
finish
