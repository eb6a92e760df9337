#!/usr/bin/env bash
# `cmake --install BUILD --prefix ~/.local` (HOME a temporary folder) installs
# byline, its man pages and its completions where each tool finds them by
# itself once PREFIX/bin is on the PATH: man (man-db's PATH-derived
# manpath), bash-completion (PATH and XDG lookups), fish (its user
# vendor_completions.d); zsh with the folder on $fpath (the README says so).
#   cmake_install_test.sh BUILD_DIR
# shellcheck source=tests/install/lib.sh
source "$(dirname "$0")/lib.sh"
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
make_temp
export HOME=$tmp/home
unset XDG_DATA_HOME XDG_CONFIG_HOME BASH_COMPLETION_USER_DIR MANPATH BYLINE_DB
prefix=$HOME/.local
mkdir -p "$HOME"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log" >&2
  echo "FAIL: cmake --install failed" >&2
  exit 1
}

[[ -x $prefix/bin/byline ]] || fail "no $prefix/bin/byline"
out=$("$prefix/bin/byline" --version 2>&1) || fail "installed byline --version: $out"
[[ $out == "byline "* ]] || fail "installed byline --version says: $out"
pages=()
for page in "$build"/docs/man/*.1; do pages+=("$(basename "$page" .1)"); done
((${#pages[@]} >= 8)) || fail "only ${#pages[@]} man pages built in $build/docs/man"
for page in "${pages[@]}"; do
  [[ -f $prefix/share/man/man1/$page.1 ]] || fail "man page $page.1 not installed"
done
for f in share/bash-completion/completions/byline share/zsh/vendor-completions/_byline \
  share/fish/vendor_completions.d/byline.fish; do
  [[ -f $prefix/$f ]] || fail "$f not installed"
done

export PATH=$prefix/bin:/usr/local/bin:/usr/bin:/bin
[[ $(command -v byline) == "$prefix/bin/byline" ]] || fail "byline on the PATH is $(command -v byline)"
# man finds the pages from the PATH alone.
if command -v man >/dev/null; then
  for page in byline byline-search; do
    got=$(man -w "$page" 2>&1)
    [[ $got == "$prefix/share/man/man1/$page.1" ]] || fail "man -w $page: $got"
  done
else
  fail "man (man-db) is not installed (scripts/bootstrap installs it)"
fi
# bash-completion's loader finds the script (on first Tab in a real shell).
if [[ -f /usr/share/bash-completion/bash_completion ]]; then
  got=$(bash -c 'source /usr/share/bash-completion/bash_completion
    __load_completion byline && complete -p byline' 2>&1)
  [[ $got == *"-F _byline byline"* ]] || fail "bash-completion does not find the completion: $got"
else
  fail "bash-completion is not installed (scripts/bootstrap installs it)"
fi
# fish loads it from ~/.local/share/fish/vendor_completions.d by itself.
if command -v fish >/dev/null; then
  got=$(fish -c 'complete -C "byline se"' 2>&1 | cut -f1)
  [[ $got == *search* ]] || fail "fish does not complete 'byline se' from the installed file: $got"
else
  fail "fish is not installed (scripts/bootstrap installs it)"
fi
# zsh, with the installed folder on $fpath.
if command -v zsh >/dev/null; then
  got=$(timeout 60 zsh -f "$here/zsh_complete.zsh" "$prefix/share/zsh/vendor-completions" "byline se")
  [[ $got == *$'\n'search* ]] || fail "zsh does not complete 'byline se' from the installed file: $got"
else
  fail "zsh is not installed (scripts/bootstrap installs it)"
fi
finish
