# shellcheck shell=bash
# Shared by the tests in tests/install: failures counted and named, a
# temporary folder removed at exit, skips that ctest reports as skipped.
set -uo pipefail

failures=0
tmp=""
# fail MESSAGE: one failed check; the test goes on and fails at the end.
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# skip MESSAGE: the test cannot run here (ctest: SKIP_RETURN_CODE 77).
skip() {
  echo "SKIPPED: $*"
  exit 77
}
# finish: the exit status of the test.
finish() {
  if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
  exit 0
}
# make_temp: sets $tmp to a fresh folder removed at exit.
make_temp() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/byline-install-test.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
}
# contains WORD LIST...: whether WORD is one of LIST.
contains() {
  local w=$1
  shift
  local x
  for x in "$@"; do [[ $x == "$w" ]] && return 0; done
  return 1
}
