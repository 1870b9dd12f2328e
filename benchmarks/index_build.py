"""Benchmark: the full index pipeline on a synthetic 1,000-unit x 200-indicator x 10-period panel.

Prints the time and peak memory of each part, and the speed-up of the vectorised
aggregation over a per-unit Python loop computing the same scores in the same run
(a ratio, so it is comparable across machines).  Seeded: every run builds the same panel.

    python benchmarks/index_build.py [--units 1000 --indicators 200 --periods 10]
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from innoscope.frameworks import Framework, Node
from innoscope.index.aggregate import Agg, aggregate
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel


def synthetic(units: int, indicators: int, periods: int, seed: int = 7) -> tuple[Panel, Framework]:
    rng = np.random.default_rng(seed)
    codes = [f"i{j:03d}" for j in range(indicators)]
    n_pillars = max(1, indicators // 10)
    nodes = [Node("Index", None)]
    nodes += [Node(f"S{s}", "Index") for s in range(4)]
    nodes += [Node(f"P{p:02d}", f"S{p % 4}") for p in range(n_pillars)]
    nodes += [Node(c, f"P{j % n_pillars:02d}", direction=1 if j % 5 else -1) for j, c in enumerate(codes)]
    fw = Framework.from_nodes(nodes)
    # skewed, partly missing data so that treatment and imputation have work to do
    values = rng.lognormal(mean=2.0, sigma=1.0, size=(periods, units, indicators))
    values[rng.random(values.shape) < 0.03] = np.nan
    t, u, i = np.meshgrid(np.arange(periods), np.arange(units), np.arange(indicators), indexing="ij")
    long = pd.DataFrame(
        {
            "unit": np.array([f"u{k:04d}" for k in range(units)])[u.ravel()],
            "indicator": np.array(codes)[i.ravel()],
            "period": 2010 + t.ravel(),
            "value": values.ravel(),
        }
    )
    meta = pd.DataFrame({"unit": [f"u{k:04d}" for k in range(units)], "region": rng.choice(list("ABCD"), units)})
    return Panel.from_long(long, units=meta, source="synthetic"), fw


def loop_aggregate(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The per-unit Python loop that the vectorised aggregation replaces."""
    out = np.empty(X.shape[0])
    for r in range(X.shape[0]):
        num = den = 0.0
        for c in range(X.shape[1]):
            if not np.isnan(X[r, c]):
                num += w[c] * X[r, c]
                den += w[c]
        out[r] = num / den if den else np.nan
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--indicators", type=int, default=200)
    ap.add_argument("--periods", type=int, default=10)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"panel: {args.units} units x {args.indicators} indicators x {args.periods} periods")

    t0 = time.perf_counter()
    panel, fw = synthetic(args.units, args.indicators, args.periods)
    t_panel = time.perf_counter() - t0
    settings = parse_settings(
        {"impute": {"method": "group_mean", "group": "region"}, "screen": {"threshold": 0.5}, "treat": {"winmax": 5}}
    )
    t0 = time.perf_counter()
    result = build_index(panel, fw, settings)
    t_build = time.perf_counter() - t0
    del result
    tracemalloc.start()  # a second, traced run: the peak memory the pipeline allocates
    result = build_index(panel, fw, settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n_treated = int((result.treatment["action"] != "none").sum())

    X = result.stages["normalised"].reshape(-1, args.indicators)
    w = np.ones(args.indicators)
    rows = min(X.shape[0], 2000)
    t0 = time.perf_counter()
    vec = aggregate(X[:rows], w, Agg.AMEAN)
    t_vec = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = loop_aggregate(X[:rows], w)
    t_loop = time.perf_counter() - t0
    assert np.allclose(vec, ref, equal_nan=True)

    print(f"build panel from long table: {t_panel:.2f} s")
    print(f"full pipeline (denominate..rank): {t_build:.2f} s")
    print(f"  peak memory allocated by the pipeline {peak / 2**20:.0f} MiB; process peak RSS {rss:.0f} MiB")
    print(f"  {len(result.scores):,} score rows, {n_treated} indicator-periods treated for outliers")
    print(
        f"aggregation, {rows} rows x {args.indicators} children: vectorised {t_vec * 1e3:.2f} ms, "
        f"per-unit loop {t_loop * 1e3:.0f} ms, speed-up {t_loop / t_vec:.0f}x"
    )


if __name__ == "__main__":
    main()
