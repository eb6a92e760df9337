#!/usr/bin/env bash
# generate_archive_test.sh GENERATOR: the synthetic archive's promises that
# benchmarks/scale/run relies on, on a small corpus written here: the same
# seed gives the same archive; --first-id N moves every id up by N and
# changes nothing else (so a folder made with N at least another archive's
# size adds only new ids to it); --plant N writes N known items whose
# made-up word is in their article only, and leaves every other article as
# it was.
set -euo pipefail
gen="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "generate_archive_test: $*" >&2; exit 1; }

python3 - "$tmp/corpus.jsonl.gz" <<'PY'
import gzip, json, sys
with gzip.open(sys.argv[1], "wt") as out:
    for i in range(150):
        body = " ".join(f"Sentence {i} {k} tells of the harbour and the council at length." for k in range(3))
        out.write(json.dumps({"id": f"c{i}", "lang": "en", "body": body}) + "\n")
PY
ids() { zcat "$1"/*.jsonl.gz | python3 -c 'import json, sys; print("\n".join(json.loads(l)["id"] for l in sys.stdin))'; }
bodies() { zcat "$1"/*.jsonl.gz | python3 -c 'import json, sys; print("\n".join(json.loads(l)["body"] for l in sys.stdin))'; }

"$gen" "$tmp/a" 60 2 7 "$tmp/corpus.jsonl.gz" 2>/dev/null
"$gen" "$tmp/b" 60 2 7 "$tmp/corpus.jsonl.gz" 2>/dev/null
cmp -s <(zcat "$tmp"/a/*.jsonl.gz) <(zcat "$tmp"/b/*.jsonl.gz) || fail "the same seed gave two archives"
[ "$(ids "$tmp/a" | wc -l)" = 60 ] || fail "not 60 articles"

"$gen" --first-id 1000 "$tmp/c" 60 2 7 "$tmp/corpus.jsonl.gz" 2>/dev/null
diff <(ids "$tmp/a" | sed 's/^gen-//' | awk '{print "gen-" $1 + 1000}') <(ids "$tmp/c") > /dev/null ||
  fail "--first-id 1000 did not move every id up by 1000"
cmp -s <(bodies "$tmp/a") <(bodies "$tmp/c") || fail "--first-id changed the articles"
ids "$tmp/c" | awk '{ if (substr($0, 5) + 0 < 1000) bad = 1 } END { exit bad }' ||
  fail "--first-id 1000 left an id under gen-1000"

"$gen" --plant 3 "$tmp/d" 60 2 7 "$tmp/corpus.jsonl.gz" 2>/dev/null
[ "$(ids "$tmp/d" | grep -c '^known-')" = 3 ] || fail "--plant 3 did not plant 3 known items"
[ "$(grep -c $'\tphrase$' "$tmp/d/.known-items.tsv")" = 3 ] || fail "no 3 phrase items in .known-items.tsv"
# Every article but the planted ones is the unplanted archive's.
paste -d'|' <(ids "$tmp/d") <(bodies "$tmp/d") | grep -v '^known-' > "$tmp/d.rest"
paste -d'|' <(ids "$tmp/a") <(bodies "$tmp/a") | grep -v -x -F -f "$tmp/d.rest" > "$tmp/a.only" || true
[ "$(wc -l < "$tmp/a.only")" = 3 ] || fail "planting changed articles other than the 3 planted"
# Each made-up word is in its own article only.
while IFS=$'\t' read -r query id tag; do
  [ "$tag" = words ] || continue
  word=$(echo "$query" | awk '{print $2}')
  holders=$(paste -d'|' <(ids "$tmp/d") <(bodies "$tmp/d") | grep -c -w "$word" || true)
  [ "$holders" = 1 ] || fail "$word is in $holders articles, not 1"
  paste -d'|' <(ids "$tmp/d") <(bodies "$tmp/d") | grep -w "$word" | grep -q "^$id|" ||
    fail "$word is not in $id"
done < <(grep -v '^#' "$tmp/d/.known-items.tsv")
echo "generate_archive_test: ok"
