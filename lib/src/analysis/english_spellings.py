#!/usr/bin/env python3
"""Writes english_spellings.inc: British and American spellings of one word.

Source: Debian's `scowl` package (SCOWL 2020.12.07, Kevin Atkinson's
Spell-Checker Oriented Word Lists, `apt-get install scowl`), whose lists
/usr/share/dict/scowl/{british,british_z,american}-words.SIZE hold the
words that only one spelling uses (british: -ise; british_z: Oxford -ize;
american), up to SIZE (10 most common ... 95 rarest); not the -upper lists,
whose British-only words are Latin and place names. A word that only
British spelling uses is paired with a word that only American spelling uses
when one or more of the rewrites in RULES turns the first into the second
(`organise` -> `organize`, `colour` -> `color`, `centre` -> `center`,
`travelled` -> `traveled`, `defence` -> `defense`, `aluminium` ->
`aluminum`). Both sides must be in the lists, so a common word used on both
sides of the Atlantic (`hour`, `four`, `tour`, `program`, `meter`) is never
paired: only spellings that the word lists call British or American are.
Each group of spellings joined so is read as one, its American spelling
(of the lowest SIZE, then alphabetical): American text then stems exactly as
before, and the Snowball English stemmer's -ize rules, which join
`optimization` to `optimal` and `normalize` to `normal`, apply to British
text too (read as the British -ise spelling instead, cacm lost 2.5% MAP:
benchmarks/README.md "Session 8").

    lib/src/analysis/english_spellings.py [SCOWL_DIR] > lib/src/analysis/english_spellings.inc

SIZE up to 80 (SCOWL's "huge" size, rare but real words; 95, "insane",
adds archaic ones and found no more of the bbc-news known-item variants,
benchmarks/README.md "Session 8").
"""
import glob
import os
import re
import sys

MAX_SIZE = 80
# British -> American rewrites (a regular expression and its replacement),
# applied up to 3 times at any place. "re" only after a consonant that is not
# the word's first letter ("renest" is not "ernest"); "ae" and "oe" not at
# the word's end ("tae", "compositae" are no "te", "composite").
RULES = [(re.compile(p), r) for p, r in [
    ("is", "iz"), ("ys", "yz"),                  # organise, analyse
    ("our", "or"),                                # colour
    ("(?<=.[^aeiou])re", "er"),                  # centre, centrepiece
    ("(?<=.[^aeiou])red", "ered"), ("(?<=.[^aeiou])ring", "ering"),  # centred, centring
    ("ll", "l"), ("l", "ll"),                     # travelled; fulfil, enrol
    ("ence", "ense"),                             # defence, offence
    ("ogue", "og"),                               # catalogue
    ("ae(?=.)", "e"), ("oe(?=.)", "e"),           # anaemia, manoeuvre
    ("mme", "m"),                                 # kilogramme
    ("eing", "ing"), ("dgement", "dgment"),       # ageing, judgement
    ("ium", "um"),                                # aluminium
    ("sc", "sk"), ("ough", "ow"), ("que", "ck"),  # sceptic, plough, cheque
]]


# British words that a rewrite joins to a different word, found by reading
# every pair the table joins in bbc-news, reuters21578, cacm and cranfield:
# French (notre/noter, vivre/viver, ventre/venter), names (Caesar/Cesar,
# Mellon, Neves), and oecus/ECUs, shoer/Sher.
EXCLUDE = {"caesar", "moellon", "naeves", "notre", "oecus", "shoer", "ventre", "vivre"}
MIN_LETTERS = 4  # "bael"/"bel", "haet"/"het", "goey"/"gey": short words collide


def load(directory, kinds):
    """word -> smallest SIZE it is listed at, for the lists `kinds`."""
    words = {}
    for kind in kinds:
        for path in glob.glob(os.path.join(directory, kind + ".*")):
            size = int(path.rsplit(".", 1)[1])
            if size > MAX_SIZE:
                continue
            with open(path, encoding="latin-1") as f:
                for line in f:
                    w = line.strip().lower()
                    if w.isascii() and w.isalpha():
                        words[w] = min(size, words.get(w, size))
    return words


def rewrites(word, depth=3):
    """word -> fewest RULES applications that give it, for every rewrite."""
    found, front = {}, {word}
    for d in range(1, depth + 1):
        nxt = set()
        for x in front:
            for pattern, new in RULES:
                for m in pattern.finditer(x):
                    y = x[:m.start()] + new + x[m.end():]
                    if y not in found and y != word:
                        found[y] = d
                        nxt.add(y)
        front = nxt
    return found


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/scowl"
    # (Not the -upper lists: "Acre", "Compositae" would join "Acer", "Composite".)
    ise = load(directory, ["british-words"])
    oxford = load(directory, ["british_z-words"])
    american_only = load(directory, ["american-words"])
    if not ise or not american_only:
        sys.exit("english_spellings.py: no SCOWL lists in %s (apt-get install scowl)" % directory)
    british = dict(oxford, **ise)
    # American spellings: American-only words, and the Oxford -ize words that
    # -ise British spelling does not use (`acclimatize`).
    american = dict(american_only)
    for w, size in oxford.items():
        if w not in ise:
            american.setdefault(w, size)
    # Pairs: a British-only word and the American word its rewrite gives,
    # American-only words first, then fewest rewrites; a tie is left out.
    parent = {}

    def find(w):
        while parent.get(w, w) != w:
            w = parent[w]
        return w

    for b in sorted(set(british) - set(american_only)):
        if b in EXCLUDE or len(b) < MIN_LETTERS:
            continue
        cands = [(a not in american_only, d, a) for a, d in rewrites(b).items()
                 if a in american and a not in ise and len(a) >= MIN_LETTERS]
        if not cands:
            continue
        cands.sort()
        if len(cands) > 1 and cands[0][:2] == cands[1][:2]:
            print("english_spellings.py: %s is %s: left out" %
                  (b, " or ".join(c[2] for c in cands if c[:2] == cands[0][:2])), file=sys.stderr)
            continue
        parent.setdefault(b, b)
        parent.setdefault(cands[0][2], cands[0][2])
        parent[find(b)] = find(cands[0][2])
    groups = {}
    for w in parent:
        groups.setdefault(find(w), []).append(w)

    def rank(w):
        return (w not in american_only, w in british, american.get(w, 99), w)

    out = []
    for members in groups.values():
        first = min(members, key=rank)
        out.extend((w, first) for w in members if w != first)
    out.sort()
    print("// Generated by lib/src/analysis/english_spellings.py from Debian's scowl")
    print("// 2020.12.07-2 (SCOWL sizes up to %d): do not edit. A spelling and the" % MAX_SIZE)
    print("// American spelling its group is read as (%d spellings, %d groups)." %
          (len(out), len(groups)))
    for w, first in out:
        print('{"%s", "%s"},' % (w, first))


if __name__ == "__main__":
    main()
