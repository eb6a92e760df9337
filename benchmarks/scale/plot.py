#!/usr/bin/env python3
"""benchmarks/scale/plot.py RESULTS_DIR OUT.svg: draws the figures of every
size-N.json that benchmarks/scale/run wrote into RESULTS_DIR, as one SVG of
four panels: query latency p50 and p99 per class against the archive's size
(Byline solid, plain Xapian dashed; log-log), the indexing rate against the
articles written so far (from each build's samples, per tenth of the
archive), and resident memory against the articles written. Standard
library only."""
import glob
import json
import math
import os
import sys

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#7f7f7f", "#17becf", "#bcbd22"]
W, H = 520, 360  # one panel
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 40, 50


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Panel:
    def __init__(self, x0, y0, title, xlabel, ylabel, xs, ys, xlog, ylog):
        self.x0, self.y0, self.xlog, self.ylog = x0, y0, xlog, ylog
        self.out = []
        self.xr = self.range(xs, xlog)
        self.yr = self.range(ys, ylog)
        self.pw, self.ph = W - LEFT - RIGHT, H - TOP - BOTTOM
        ox, oy = x0 + LEFT, y0 + TOP
        self.out.append(f'<text x="{x0 + W / 2 - 40}" y="{y0 + 22}" font-size="14" '
                        f'text-anchor="middle" font-weight="bold">{esc(title)}</text>')
        self.out.append(f'<rect x="{ox}" y="{oy}" width="{self.pw}" height="{self.ph}" '
                        f'fill="none" stroke="#444"/>')
        # A grid line and a label per tick: (x1, y1, x2, y2, label x, label y, anchor).
        grid = [(self.px(v), oy, self.px(v), oy + self.ph, self.px(v), oy + self.ph + 16,
                 "middle", v) for v in self.ticks(self.xr, xlog)]
        grid += [(ox, self.py(v), ox + self.pw, self.py(v), ox - 6, self.py(v) + 4, "end", v)
                 for v in self.ticks(self.yr, ylog)]
        for x1, y1, x2, y2, lx, ly, anchor, v in grid:
            self.out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                            f'stroke="#ddd"/>')
            self.out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" '
                            f'text-anchor="{anchor}">{esc(self.label(v))}</text>')
        self.out.append(f'<text x="{ox + self.pw / 2}" y="{oy + self.ph + 36}" font-size="12" '
                        f'text-anchor="middle">{esc(xlabel)}</text>')
        self.out.append(f'<text x="{x0 + 16}" y="{oy + self.ph / 2}" font-size="12" '
                        f'text-anchor="middle" transform="rotate(-90 {x0 + 16} '
                        f'{oy + self.ph / 2})">{esc(ylabel)}</text>')
        self.legend_y = oy

    @staticmethod
    def range(vals, log):
        vals = [v for v in vals if v > 0] if log else list(vals)
        if not vals:
            return (1, 10) if log else (0, 1)
        lo, hi = min(vals), max(vals)
        if log:
            lo, hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
            return (lo, hi if hi > lo else lo * 10)
        return (0, hi * 1.1 if hi > 0 else 1)

    @staticmethod
    def ticks(r, log):
        if log:
            out, v = [], r[0]
            while v <= r[1] * 1.0001:
                out.append(v)
                v *= 10
            return out
        step = 10 ** math.floor(math.log10(r[1] / 4)) if r[1] > 0 else 1
        while r[1] / step > 8:
            step *= 2
        return [i * step for i in range(int(r[1] / step) + 1)]

    @staticmethod
    def label(v):
        if v >= 1e6:
            return f"{v / 1e6:g}M"
        if v >= 1e3:
            return f"{v / 1e3:g}k"
        return f"{v:g}"

    def frac(self, v, r, log):
        if log:
            return (math.log10(max(v, r[0])) - math.log10(r[0])) / (math.log10(r[1]) - math.log10(r[0]))
        return (v - r[0]) / (r[1] - r[0])

    def px(self, v):
        return self.x0 + LEFT + self.frac(v, self.xr, self.xlog) * self.pw

    def py(self, v):
        return self.y0 + TOP + self.ph - self.frac(v, self.yr, self.ylog) * self.ph

    def line(self, pts, colour, dashed, name):
        pts = [(x, y) for x, y in pts if (not self.xlog or x > 0) and (not self.ylog or y > 0)]
        if not pts:
            return
        d = " ".join(f"{self.px(x):.1f},{self.py(y):.1f}" for x, y in pts)
        dash = ' stroke-dasharray="5,3"' if dashed else ""
        self.out.append(f'<polyline points="{d}" fill="none" stroke="{colour}" '
                        f'stroke-width="1.6"{dash}/>')
        for x, y in pts:
            self.out.append(f'<circle cx="{self.px(x):.1f}" cy="{self.py(y):.1f}" r="2.5" '
                            f'fill="{colour}"/>')
        if not name:
            return
        lx = self.x0 + LEFT + self.pw + 10
        self.out.append(f'<line x1="{lx}" y1="{self.legend_y}" x2="{lx + 18}" '
                        f'y2="{self.legend_y}" stroke="{colour}" stroke-width="1.6"{dash}/>')
        self.out.append(f'<text x="{lx + 22}" y="{self.legend_y + 4}" font-size="10">'
                        f'{esc(name)}</text>')
        self.legend_y += 14


def cost_points(run, engine):
    """(articles written, CPU ms per article over the last tenth) from the
    build's samples; wall-clock seconds instead where the samples have no CPU
    time (then ms of wall clock per article)."""
    c, n = run["curves"].get(engine) or [], run["articles"]
    pts, last = [], (0.0, 0)
    for tenth in range(1, 11):
        hit = next((r for r in c if r[2] >= n * tenth // 10), None)
        if hit is None:
            continue
        spent = hit[4] if len(hit) > 4 and hit[4] is not None else hit[0]
        if spent <= last[0] or hit[2] <= last[1]:
            continue
        pts.append((hit[2], (spent - last[0]) * 1000 / (hit[2] - last[1])))
        last = (spent, hit[2])
    return pts


def main():
    runs = sorted((json.load(open(p)) for p in glob.glob(os.path.join(sys.argv[1], "size-*.json"))),
                  key=lambda r: r["articles"])
    if not runs:
        sys.exit(f"plot.py: no size-*.json in {sys.argv[1]}")
    sizes = [r["articles"] for r in runs]
    classes = sorted(set().union(*(set(r["benches"].get("Byline", {})) for r in runs)))
    engines = (("Byline", False), ("plain Xapian", True))
    panels = []
    for i, stat in enumerate(("p50_ms", "p99_ms")):
        vals = [r["benches"][e][c][stat] for r in runs for e, _ in engines
                for c in classes if c in r["benches"].get(e, {})]
        p = Panel(i * W, 0, f"Query latency {stat[:3]} (top 10, warm)", "articles",
                  f"{stat[:3]} ms", sizes, vals, True, True)
        for k, c in enumerate(classes):
            for e, dashed in engines:
                pts = [(r["articles"], r["benches"][e][c][stat]) for r in runs
                       if c in r["benches"].get(e, {})]
                p.line(pts, COLOURS[k % len(COLOURS)], dashed, f"{c}" if not dashed else "")
        p.out.append(f'<text x="{p.x0 + LEFT + p.pw + 10}" y="{p.legend_y + 8}" font-size="10">'
                     f'solid Byline, dashed Xapian</text>')
        panels.append(p)
    series = []
    for r in runs:
        for e, dashed in engines:
            series.append((f"{e}, {r['articles']:,}", cost_points(r, e.split()[-1].lower()), dashed,
                           # (a sample after the process ended reads 0 kB)
                           [(row[2], row[1] / 1024) for row in r["curves"].get(e.split()[-1].lower(), [])
                            if row[2] > 0 and row[1] > 0]))
    p = Panel(0, H, "Indexing cost while building", "articles written",
              "CPU ms per article (per tenth)", [1] + [x for s in series for x, _ in s[1]],
              [y for s in series for _, y in s[1]], False, False)
    for k, (name, pts, dashed, _) in enumerate(series):
        p.line(pts, COLOURS[k % len(COLOURS)], dashed, name)
    panels.append(p)
    p = Panel(W, H, "Resident memory while building", "articles written", "MB",
              [1] + [x for s in series for x, _ in s[3]], [y for s in series for _, y in s[3]],
              False, False)
    for k, (name, _, dashed, mem) in enumerate(series):
        p.line(mem, COLOURS[k % len(COLOURS)], dashed, name)
    panels.append(p)
    loads = ", ".join(f"{r['articles']:,}: {r['load']['start']} / {r['load']['end']}" for r in runs)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{2 * H + 30}" '
           f'font-family="sans-serif">', f'<rect width="100%" height="100%" fill="white"/>']
    for p in panels:
        svg.extend(p.out)
    svg.append(f'<text x="10" y="{2 * H + 20}" font-size="11">benchmarks/scale/run, commit '
               f'{esc(runs[-1]["commit"])}, {esc(runs[-1]["started"][:10])}; load average at '
               f'start / end: {esc(loads)}</text>')
    svg.append("</svg>")
    with open(sys.argv[2], "w") as out:
        out.write("\n".join(svg) + "\n")


main()
