#!/usr/bin/env python3
"""Writes a deterministic list of names for timing `byline search --batch`.

Usage: make_names.py DOCS.jsonl.gz [N]   (default N = 1000) > names.txt

The names are the N most frequent pairs of capitalised words side by side
in the bodies ("Saudi Arabia", "Paul Volcker"), ties by the pair itself,
leaving out pairs with a function word ("The", "In", ...), each written as
a phrase query. The same corpus always gives the same list.
"""
import collections
import gzip
import json
import re
import sys

SKIP = set("""A An And As At But By For From He However If In It Its Mr Mrs
No Not Of On Or She So That The Their There These They This Those To Under
We What When Which While Who With""".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'.&-]*")


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    pairs = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body", "")
            for sentence in re.split(r"[.;:\n]\s", body):
                words = [w.rstrip(".'") for w in WORD.findall(sentence)]
                for a, b in zip(words, words[1:]):
                    ok = lambda w: w[0].isupper() and w[1:].islower() and len(w) > 1 and w not in SKIP
                    if ok(a) and ok(b):
                        pairs[(a, b)] += 1
    best = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    print(f"# {n} most frequent capitalised word pairs of {path.split('/')[-2]} (make_names.py)")
    for (a, b), _ in best:
        print(f'"{a} {b}"')


if __name__ == "__main__":
    main()
