#!/usr/bin/env python3
"""One size's figures for benchmarks/scale/run: reads what the run measured
(a JSON object on stdin: sizes, times, memory; the bench and eval outputs and
the sampler's curves in its folders), writes them all as one JSON file (the
argument; benchmarks/scale/plot.py reads it) and prints the Markdown tables."""
import json
import os
import statistics
import sys

run = json.load(sys.stdin)
work, tmp, rounds = run["work"], run["tmp"], run["rounds"]
n, text = run["articles"], run["text_bytes"]


def bench(kind):
    """Median p50 and p99 per class over the rounds, or None if not run."""
    paths = [f"{work}/{kind}{r}.json" for r in range(1, rounds + 1)]
    if not all(os.path.exists(p) for p in paths):
        return None
    runs = [json.load(open(p))["classes"] for p in paths]
    return {c: {"p50_ms": statistics.median(r[c]["p50_ms"] for r in runs),
                "p99_ms": statistics.median(r[c]["p99_ms"] for r in runs),
                "queries": runs[0][c].get("queries")}
            for c in runs[0]}


def known(path):
    try:
        tags = json.load(open(path)).get("tags", {})
    except (OSError, ValueError):
        return None
    return {t: v["success_1"] for t, v in sorted(tags.items()) if "success_1" in v}


def curve(name):
    rows = []
    try:
        for line in open(f"{tmp}/curve-{name}"):
            f = line.split()
            if len(f) >= 4:
                rows.append([int(f[0]), int(f[1]), int(f[2]), float(f[3]),
                             float(f[4]) if len(f) > 4 else None])
    except OSError:
        pass
    return rows  # seconds, resident kB, articles written, load average, CPU seconds


run["benches"] = {k: v for k, v in (
    ("plain Xapian", bench("x")), ("Byline", bench("b")), ("Byline, snippets", bench("bs")),
    ("Byline, copied through one writer", bench("bc")),
    ("Byline, 2 local shards (stub)", bench("s")),
    ("Byline, 2 xapian-tcpsrv on loopback", bench("r"))) if v}
run["known"] = {"one database": known(f"{work}/known.json"),
                "2 shards": known(f"{work}/known-s.json")}
run["curves"] = {"byline": curve("byline"), "xapian": curve("xapian")}
for key in ("work", "tmp"):
    del run[key]
with open(sys.argv[1], "w") as out:
    json.dump(run, out, indent=1)
    out.write("\n")

loads = [row[3] for c in run["curves"].values() for row in c]
print(f"\n### {n:,} articles ({text / 1e9:.2f} GB of text)\n")
print(f"Started {run['started']}; load average (1, 5, 15 min) at the start {run['load']['start']}, "
      f"after indexing {run['load']['indexed']}, at the end {run['load']['end']}"
      + (f"; while indexing median {statistics.median(loads):.1f}, max {max(loads):.1f}"
         if loads else "")
      + (". The two engines indexed at the same time." if run["parallel"]
         else ". The two engines indexed one after the other."))
print()
print("| engine | index time | articles/s | MB/s | CPU (user + system) | CPU ms per article "
      "| peak RSS | index size |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")


def row(name, secs, kb, size, cpu=None):
    size_text = f"{size / 1e6:,.0f} MB" if size else "-"
    cpu_text = f"{cpu:,.0f} s | {cpu * 1000 / n:.2f}" if cpu else "- | -"
    print(f"| {name} | {secs:,.0f} s | {n / secs:,.0f} | {text / 1e6 / secs:.2f} | {cpu_text} | "
          f"{kb / 1024:,.0f} MB | {size_text} |")


if run["xapian"]["secs"]:
    row("plain Xapian 1.4 (TermGenerator, one writer)", run["xapian"]["secs"], run["xapian"]["kb"],
        run["xapian"]["bytes"], run["xapian"].get("cpu"))
row("Byline (bulk build in segments)", run["byline"]["secs"], run["byline"]["kb"],
    run["byline"]["bytes"], run["byline"].get("cpu"))
if run["shards"]["secs"]:
    row("Byline, --shards 2", run["shards"]["secs"], run["shards"]["kb"], None)
benches = run["benches"]
classes = sorted(set().union(*(set(b) for b in benches.values())))
print()
print("| p50 / p99 ms (top 10, warm, one thread) | " + " | ".join(classes) + " |")
print("|---|" + "---|" * len(classes))
for name, b in benches.items():
    cells = [f"{b[c]['p50_ms']:.2f} / {b[c]['p99_ms']:.2f}" if c in b else "-" for c in classes]
    print(f"| {name} | " + " | ".join(cells) + " |")
x, b = benches.get("plain Xapian"), benches.get("Byline")
if x and b:
    cells = []
    for c in classes:
        if c in x and c in b and x[c]["p50_ms"] > 0 and x[c]["p99_ms"] > 0:
            cells.append(f"{b[c]['p50_ms'] / x[c]['p50_ms']:.2f} / {b[c]['p99_ms'] / x[c]['p99_ms']:.2f}")
        else:
            cells.append("-")
    print("| Byline / plain Xapian | " + " | ".join(cells) + " |")
for name, k in run["known"].items():
    if k is not None:
        print(f"\nKnown items, success@1 (byline eval --known-items), {name}: "
              + ", ".join(f"{t} {v:.3f}" for t, v in k.items()))
if run.get("merge_secs") is not None:
    print(f"\nByline's bulk build merged its segments in {run['merge_secs']:,.1f} s of its "
          f"{run['byline']['secs']:,.0f} s.")
recopy = run.get("recopy") or run.get("compact") or {}
if recopy.get("secs") is not None:
    print(f"\nFragmentation: Byline's merged database copied through one writer "
          f"(benchmarks/scale/recopy.py) in {recopy['secs']:,.0f} s, "
          f"{run['byline']['bytes'] / 1e6:,.0f} MB -> {recopy['bytes'] / 1e6:,.0f} MB"
          + (f"; postlist table entries (posting-list chunks and document lengths) "
             f"{recopy['postlist_items']:,} -> {recopy['postlist_items_recopy']:,}"
             if recopy.get("postlist_items") else "") + ".")
if run["incremental"]["secs"] is not None:
    print(f"\nIncremental run adding {run['add']:,} articles (a second root folder): "
          f"{run['incremental']['secs']:,.1f} s, {run['add'] / run['incremental']['secs']:,.0f} "
          f"articles/s, peak RSS {run['incremental']['kb'] / 1024:,.0f} MB"
          + (f", CPU {run['incremental']['cpu']:,.1f} s" if run["incremental"].get("cpu") else "")
          + ".")
for name, c in (("Byline", run["curves"]["byline"]), ("plain Xapian", run["curves"]["xapian"])):
    if not c:
        continue
    # The first sample at or past each tenth of the archive: when, and the memory then.
    marks = []
    for tenth in range(1, 11):
        hit = next((r for r in c if r[2] >= n * tenth // 10), None)
        if hit:
            cpu = f", {hit[4]:,.0f} CPU s" if hit[4] is not None else ""
            marks.append(f"{hit[2]:,} at {hit[0]:,} s ({hit[1] / 1024:,.0f} MB{cpu})")
    print(f"\n{name}'s build, sampled every 5 s: resident memory max "
          f"{max(r[1] for r in c) / 1024:,.0f} MB; articles written: " + "; ".join(marks) + ".")
