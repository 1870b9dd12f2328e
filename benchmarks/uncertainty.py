"""Benchmark: Monte Carlo uncertainty analysis, vectorised engine against a plain loop.

Two problems: the ASEM workspace with COINr's own uncertain inputs (winmax 1-5, two
normalisations, 100 noisy weight sets, two aggregations) and a GII-sized synthetic index
(130 units x 80 indicators, 4 levels) with the same kinds of inputs. For each: replications
per second of the vectorised engine on N runs, and of a plain loop that calls the single-run
pipeline (build_index) once per replication on a sample of the same design, in the same run.
The ASEM line also times the whole CLI command (process start to exit) for N runs.

    python benchmarks/uncertainty.py [--runs 10000] [--loop 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.audit.engine import Problem, evaluate
from innoscope.audit.space import parse_space, sample
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.index.weights import given_weights
from innoscope.panel import Panel

REPO = Path(__file__).resolve().parents[1]
ASEM_SPACE = {
    "winmax": [1, 2, 3, 4, 5],
    "normalise": [{"method": "minmax", "l": 1, "u": 100}, {"method": "zscore", "mean": 10, "sd": 2}],
    "weights": {"noise": {2: 0.25, 3: 0.25}, "sets": 100},
    "aggregate": [{"method": "amean"}, {"method": "gmean"}],
}


def gii_like(seed: int = 11) -> tuple[Panel, Framework]:
    """130 units, 80 indicators -> 21 sub-pillars -> 7 pillars -> 2 sub-indices -> index."""
    rng = np.random.default_rng(seed)
    nodes = [Node("GII", None), Node("In", "GII"), Node("Out", "GII")]
    nodes += [Node(f"P{p}", "In" if p < 5 else "Out") for p in range(7)]
    nodes += [Node(f"S{s:02d}", f"P{s % 7}") for s in range(21)]
    nodes += [Node(f"i{j:02d}", f"S{j % 21:02d}", direction=-1 if j % 9 == 0 else 1) for j in range(80)]
    fw = Framework.from_nodes(nodes)
    X = rng.lognormal(1.0, 0.8, size=(130, 80))
    X[rng.random(X.shape) < 0.05] = np.nan
    wide = pd.DataFrame(X, columns=[f"i{j:02d}" for j in range(80)])
    wide.insert(0, "unit", [f"u{k:03d}" for k in range(130)])
    return Panel.from_wide(wide, unit="unit", period=None, source="synthetic"), fw


def single_run_loop(problem: Problem, design, k: int) -> float:
    """Seconds per replication of the plain loop over the first ``k`` runs."""
    t0 = time.perf_counter()
    for r in range(k):
        s = problem.settings_for(design.choices.iloc[r].to_dict(), ("impute", "treat", "normalise", "aggregate"))
        base = given_weights(problem.framework, s.weights.values)
        weights = dict(zip(design.nodes, base * design.weights[r], strict=True))
        weights.pop(problem.framework.root)
        build_index(problem.panel, problem.framework, s.with_overrides({"weights": {"values": weights}}))
    return (time.perf_counter() - t0) / k


def measure(name: str, problem: Problem, runs: int, loop: int, seed: int) -> None:
    design = sample(problem.space, problem.framework, runs, seed)
    t0 = time.perf_counter()
    evaluate(problem, design)
    t_vec = time.perf_counter() - t0
    per_loop = single_run_loop(problem, design, loop)
    print(
        f"{name}: vectorised {runs:,} runs in {t_vec:.2f} s = {runs / t_vec:,.0f} runs/s; plain loop "
        f"{1 / per_loop:,.1f} runs/s (on {loop} runs); speed-up {per_loop * runs / t_vec:,.0f}x"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--loop", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}")
    data = REPO.parent / "shared" / "data"
    if (data / "asem" / "ASEM_iData.csv").is_file():
        from innoscope.workspace import load_workspace

        ws = load_workspace(REPO / "examples" / "asem", data_dir=data)
        fw = ws.load_framework()
        panel = ws.load_panel(fw)
        problem = Problem(panel, fw, ws.settings, parse_space(ASEM_SPACE, ws.settings, fw), panel.periods[-1])
        measure("ASEM (51 x 49, 4 levels)", problem, args.runs, args.loop, args.seed)
        cli = [
            sys.executable,
            "-m",
            "innoscope.cli",
            "audit",
            "uncertainty",
            str(REPO / "examples" / "asem"),
            "--runs",
            str(args.runs),
            "--seed",
            str(args.seed),
            "--data-dir",
            str(data),
        ]
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, capture_output=True)
        print(
            f"ASEM whole command, {args.runs:,} runs: {time.perf_counter() - t0:.2f} s "
            f"(COINr: about 0.15 s per run, {0.15 * args.runs:,.0f} s)"
        )
    else:
        print(f"ASEM skipped: {data} not found")
    panel, fw = gii_like()
    settings = parse_settings({"impute": {"method": "mean"}, "treat": {"winmax": 5}})
    space = parse_space(ASEM_SPACE, settings, fw)
    measure(
        "GII-sized synthetic (130 x 80, 4 levels)",
        Problem(panel, fw, settings, space, 0),
        args.runs,
        args.loop,
        args.seed,
    )


if __name__ == "__main__":
    main()
