#!/usr/bin/env bash
# The Debian package, as a user gets it (CI runs this as root): built by
# cpack from the build in BUILD_DIR, installed with apt (which resolves its
# dependencies), used (the binary, a search, man, the completions in place),
# then removed, leaving nothing behind.
#   tests/install/deb_check.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "deb_check.sh: needs root (apt install)" >&2
  exit 2
fi
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rm -f "$build"/byline_*.deb
(cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB"; }
debs=("$build"/byline_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || fail "cpack wrote no byline_*.deb in $build"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) kB"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libxapian30 libicu72 libgumbo1 zlib1g; do
  [[ $depends == *"$lib"* ]] || fail "Depends does not name $lib"
done

apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get install $deb"; }
dpkg -s byline >/dev/null 2>&1 || fail "byline is not installed after apt-get install"
/usr/bin/byline --version
/usr/bin/byline --help >/dev/null || fail "byline --help"
for page in byline byline-search; do
  got=$(MANPATH=/usr/share/man man -w "$page")
  [ "$got" = "/usr/share/man/man1/$page.1" ] || fail "man -w $page: $got"
done
for page in "$build"/docs/man/*.1; do
  [ -f "/usr/share/man/man1/$(basename "$page")" ] || fail "$(basename "$page") not installed"
done
for f in /usr/share/bash-completion/completions/byline /usr/share/zsh/vendor-completions/_byline \
  /usr/share/fish/vendor_completions.d/byline.fish; do
  [ -f "$f" ] || fail "$f not installed"
done
# The installed binary works: index the sample corpus, find an article.
/usr/bin/byline index -q "$source_dir/corpus" --db "$tmp/db"
count=$(/usr/bin/byline search --db "$tmp/db" --count hajin)
[ "$count" -ge 1 ] || fail "byline search --count hajin: $count"

apt-get remove -y -qq byline >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get remove byline"; }
[ ! -e /usr/bin/byline ] || fail "/usr/bin/byline is still there after apt-get remove"
[ ! -e /usr/share/man/man1/byline.1 ] || fail "byline.1 is still there after apt-get remove"
echo "deb_check: the package builds, installs, works and goes"
