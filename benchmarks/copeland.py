"""Benchmark: Copeland aggregation (pairwise outranking) of thousands of units, whole process.

Builds a seeded synthetic index (N units x 40 indicators, 5 pillars, 2 sub-indices, one
period) with Copeland at every level and prints the time, the peak memory traced inside
the build and the whole process's peak resident memory (measured in a fresh process, so
that nothing but this build is in it).  Baseline in the same run: the same build with the
arithmetic mean, whose memory is linear in the units.

    python benchmarks/copeland.py [--units 5000]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time, tracemalloc
import numpy as np, pandas as pd
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

units, method = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(3)
codes = [f"i{j:02d}" for j in range(40)]
nodes = [Node("Index", None), Node("S0", "Index"), Node("S1", "Index")]
nodes += [Node(f"P{p}", f"S{p % 2}") for p in range(5)]
nodes += [Node(c, f"P{j % 5}") for j, c in enumerate(codes)]
fw = Framework.from_nodes(nodes)
X = rng.lognormal(1.0, 0.7, size=(units, 40))
X[rng.random(X.shape) < 0.02] = np.nan
wide = pd.DataFrame(X, columns=codes)
wide.insert(0, "unit", [f"u{k:05d}" for k in range(units)])
panel = Panel.from_wide(wide, unit="unit", period=None, source="synthetic")
settings = parse_settings({"treat": {"enabled": False}, "aggregate": {"method": method}})
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
res = build_index(panel, fw, settings)
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
top = res.table()["Index"].sort_values(ascending=False).index[:3].tolist()
del res
tracemalloc.start()
build_index(panel, fw, settings)
peak = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps({"seconds": seconds, "traced_mib": peak, "rss_mib": rss, "rss_before_mib": rss0, "top": top}))
"""


def run(units: int, method: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(units), method], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=5000)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    base = run(args.units, "amean")
    cop = run(args.units, "copeland")
    for name, r in (("amean (baseline)", base), ("copeland", cop)):
        print(
            f"{name}, {args.units:,} units x 40 indicators: {r['seconds']:.2f} s; "
            f"traced peak {r['traced_mib']:.0f} MiB; process peak RSS {r['rss_mib']:.0f} MiB "
            f"({r['rss_before_mib']:.0f} MiB before the build)"
        )
    print(f"copeland / amean: {cop['seconds'] / base['seconds']:.1f}x the time, "
          f"+{cop['rss_mib'] - base['rss_mib']:.0f} MiB process peak")


if __name__ == "__main__":
    main()
