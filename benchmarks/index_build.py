"""Benchmark: the panel from a long file and the full index pipeline at scale (default 10,000 x 200 x 10).

A seeded synthetic panel (log-normal values, 3 % missing, so every indicator-period fails the
skew/kurtosis test and goes through winsorising) is written once as a long CSV file of
units x indicators x periods rows (kept in the temporary folder between runs).  Each part
runs in a fresh process, so its memory is its own:

* the panel from the long file (``Panel.read_long``: Arrow's reader, labels coded, values
  parsed on the way), against ``pandas.read_csv`` of the same file in the same run;
* the full pipeline (denominate, group-mean impute, screen, outlier treatment, min-max,
  weights, arithmetic aggregation over 4 levels, ranks, the score table): its time, the
  peak memory it allocates (traced, a second build) and the process's peak RSS before and
  after it; and the vectorised aggregation against a per-unit Python loop computing the
  same scores (a ratio, comparable across machines).

    python benchmarks/index_build.py [--units 10000 --indicators 200 --periods 10]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETUP = r"""
import json, resource, sys, time, tracemalloc
import numpy as np, pandas as pd
from innoscope.frameworks import Framework, Node
from innoscope.panel import Panel

def framework(indicators):
    codes = [f"i{j:03d}" for j in range(indicators)]
    n_pillars = max(1, indicators // 10)
    nodes = [Node("Index", None)]
    nodes += [Node(f"S{s}", "Index") for s in range(4)]
    nodes += [Node(f"P{p:02d}", f"S{p % 4}") for p in range(n_pillars)]
    nodes += [Node(c, f"P{j % n_pillars:02d}", direction=1 if j % 5 else -1) for j, c in enumerate(codes)]
    return Framework.from_nodes(nodes)

def units_table(units, seed=7):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"unit": [f"u{k:05d}" for k in range(units)], "region": rng.choice(list("ABCD"), units)})

def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

WRITE = SETUP + r"""
import pyarrow as pa, pyarrow.csv as pv
path, units, indicators, periods = sys.argv[1], *map(int, sys.argv[2:5])
rng = np.random.default_rng(7)
t, u, i = np.meshgrid(np.arange(periods), np.arange(units), np.arange(indicators), indexing="ij")
values = rng.lognormal(mean=2.0, sigma=1.0, size=t.size)
values[rng.random(t.size) < 0.03] = np.nan
ucodes = pa.array([f"u{k:05d}" for k in range(units)])
icodes = pa.array([f"i{j:03d}" for j in range(indicators)])
table = pa.table({
    "unit": pa.DictionaryArray.from_arrays(pa.array(u.ravel().astype(np.int32)), ucodes),
    "indicator": pa.DictionaryArray.from_arrays(pa.array(i.ravel().astype(np.int32)), icodes),
    "period": pa.array(2010 + t.ravel()),
    "value": pa.array(values, from_pandas=True),
}).cast(pa.schema([("unit", pa.string()), ("indicator", pa.string()), ("period", pa.int64()), ("value", pa.float64())]))
pv.write_csv(table, path + ".tmp")
import os; os.replace(path + ".tmp", path)
"""

READ = SETUP + r"""
path, how = sys.argv[1], sys.argv[2]
before = rss()
t0 = time.perf_counter()
if how == "pandas":
    df = pd.read_csv(path)
    n = len(df)
else:
    p = Panel.read_long(path, units=units_table(int(sys.argv[3])))
    n = len(p.values)
print(json.dumps({"seconds": time.perf_counter() - t0, "rows": n, "rss": rss(), "before": before}))
"""

BUILD = SETUP + r"""
from innoscope.index.aggregate import Agg, aggregate
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
path, units, indicators = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
panel = Panel.read_long(path, units=units_table(units))
fw = framework(indicators)
settings = parse_settings(
    {"impute": {"method": "group_mean", "group": "region"}, "screen": {"threshold": 0.5}, "treat": {"winmax": 5}}
)
before = rss()
t0 = time.perf_counter()
result = build_index(panel, fw, settings)
seconds = time.perf_counter() - t0
after = rss()
rows, treated = len(result.scores), int((result.treatment["action"] != "none").sum())
X = result.stages["normalised"].reshape(-1, indicators)
del result
tracemalloc.start()
build_index(panel, fw, settings)
peak = tracemalloc.get_traced_memory()[1] / 2**20
tracemalloc.stop()

def loop_aggregate(X, w):
    out = np.empty(X.shape[0])
    for r in range(X.shape[0]):
        num = den = 0.0
        for c in range(X.shape[1]):
            if not np.isnan(X[r, c]):
                num += w[c] * X[r, c]
                den += w[c]
        out[r] = num / den if den else np.nan
    return out

w = np.ones(indicators)
k = min(X.shape[0], 2000)
t1 = time.perf_counter(); vec = aggregate(X[:k], w, Agg.AMEAN); t_vec = time.perf_counter() - t1
t1 = time.perf_counter(); ref = loop_aggregate(X[:k], w); t_loop = time.perf_counter() - t1
assert np.allclose(vec, ref, equal_nan=True)
print(json.dumps({"seconds": seconds, "traced": peak, "before": before, "after": after, "rows": rows,
                  "treated": treated, "vec": t_vec, "loop": t_loop, "k": k}))
"""


def child(code: str, *args: object) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=200)
    ap.add_argument("--periods", type=int, default=10)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    size = f"{args.units}x{args.indicators}x{args.periods}"
    path = Path(tempfile.gettempdir()) / "innoscope-bench" / f"long-{size}.csv"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        sizes = [str(args.units), str(args.indicators), str(args.periods)]
        subprocess.run([sys.executable, "-c", WRITE, str(path), *sizes], check=True)
        print(f"wrote {path} ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - t0:.1f} s")
    rows = args.units * args.indicators * args.periods
    print(f"panel: {args.units:,} units x {args.indicators} indicators x {args.periods} periods = {rows:,} rows")
    base = child(READ, path, "pandas")
    mine = child(READ, path, "panel", args.units)
    print(
        f"panel from the long file: {mine['seconds']:.2f} s, peak RSS {mine['rss']:.0f} MiB; "
        f"pandas.read_csv of the same file {base['seconds']:.2f} s ({mine['seconds'] / base['seconds']:.2f}x)"
    )
    b = child(BUILD, path, args.units, args.indicators)
    print(f"full pipeline (denominate..rank, score table): {b['seconds']:.2f} s")
    print(
        f"  peak memory allocated by the pipeline {b['traced']:.0f} MiB; process peak RSS {b['after']:.0f} MiB "
        f"({b['before']:.0f} MiB with the panel, before the build)"
    )
    print(f"  {b['rows']:,} score rows, {b['treated']} indicator-periods treated for outliers")
    print(
        f"aggregation, {b['k']} rows x {args.indicators} children: vectorised {b['vec'] * 1e3:.2f} ms, "
        f"per-unit loop {b['loop'] * 1e3:.0f} ms, speed-up {b['loop'] / b['vec']:.0f}x"
    )


if __name__ == "__main__":
    main()
