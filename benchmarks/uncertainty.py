"""Benchmark: Monte Carlo uncertainty analysis, vectorised engine against a plain loop, and the whole command.

Two problems: the ASEM workspace with COINr's own uncertain inputs (winmax 1-5, two
normalisations, 100 noisy weight sets, two aggregations) and a GII-sized synthetic index
(130 units x 80 indicators, 4 levels) with the same kinds of inputs. For each: replications
per second of the vectorised engine on N runs, and of a plain loop that calls the single-run
pipeline (build_index) once per replication on a sample of the same design, in the same run.

The whole command (process start to exit, on a copy of examples/asem whose store already
holds the nominal run) for 10,000 and 100,000 runs, with its peak resident memory: the
median of ``--repeat`` runs, beside ``python -c "import pandas"`` timed in the same run.
``--period all`` over T periods of a synthetic panel: one pass for all periods against the
loop of one analysis per period (each preparing the whole panel), for growing T.

    python benchmarks/uncertainty.py [--runs 10000] [--loop 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.audit.engine import Problem, evaluate, evaluate_periods
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


def whole_process(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median seconds and median peak RSS (MiB) of ``cmd`` run ``repeat`` times as a fresh process."""
    times, peaks = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t0)
        if status != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), statistics.median(peaks)


def whole_commands(data: Path, seed: int, repeat: int) -> None:
    exe = [sys.executable, "-m", "innoscope.cli"]
    base, _ = whole_process([sys.executable, "-c", "import pandas"], repeat)
    print(f"baseline, python -c 'import pandas': {base:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "asem"
        shutil.copytree(REPO / "examples" / "asem", ws, ignore=shutil.ignore_patterns("*.duckdb*"))
        cmd = [*exe, "audit", "uncertainty", str(ws), "--seed", str(seed), "--data-dir", str(data)]
        whole_process([*cmd, "--runs", "100"], 1)  # the store now holds the nominal run
        for runs, extra in ((10_000, []), (10_000, ["--no-store"]), (100_000, [])):
            t, rss = whole_process([*cmd, "--runs", str(runs), *extra], repeat)
            label = " (not recorded)" if extra else ""
            print(
                f"ASEM whole command, {runs:,} runs{label}: {t:.2f} s ({t / base:.1f}x importing pandas), "
                f"peak RSS {rss:.0f} MiB; COINr at about 0.15 s per run: {0.15 * runs:,.0f} s"
            )


def synthetic_panel(units: int, indicators: int, periods: int, seed: int = 5) -> tuple[Panel, Framework]:
    rng = np.random.default_rng(seed)
    codes = [f"i{j:02d}" for j in range(indicators)]
    nodes = [Node("I", None)] + [Node(f"P{p}", "I") for p in range(4)]
    nodes += [Node(c, f"P{j % 4}", direction=-1 if j % 7 == 0 else 1) for j, c in enumerate(codes)]
    X = rng.lognormal(1.0, 0.8, size=(periods * units, indicators))
    X[rng.random(X.shape) < 0.03] = np.nan
    wide = pd.DataFrame(X, columns=codes)
    wide.insert(0, "unit", np.tile([f"u{k:03d}" for k in range(units)], periods))
    wide.insert(1, "year", np.repeat(np.arange(2000, 2000 + periods), units).astype(str))
    return Panel.from_wide(wide, unit="unit", period="year", source="synthetic"), Framework.from_nodes(nodes)


def every_period(runs: int, seed: int) -> None:
    space_spec = {**ASEM_SPACE, "aggregate": [{"method": "amean"}, {"method": "genmean", "p": 2}]}
    print(f"--period all, 60 units x 20 indicators, {runs:,} runs: seconds (per period)")
    for periods in (2, 4, 8, 16):
        panel, fw = synthetic_panel(60, 20, periods, seed)
        settings = parse_settings({"treat": {"winmax": 5}})
        space = parse_space({**space_spec, "weights": {"noise": {1: 0.25}, "sets": 100}}, settings, fw)
        problem = Problem(panel, fw, settings, space, panel.periods[-1])
        design = sample(space, fw, runs, seed)
        t0 = time.perf_counter()
        together = evaluate_periods(problem, design, panel.periods)
        t_all = time.perf_counter() - t0
        t0 = time.perf_counter()
        alone = [evaluate(Problem(panel, fw, settings, space, p), design) for p in panel.periods]
        t_loop = time.perf_counter() - t0
        assert np.array_equal(together, np.stack(alone), equal_nan=True)
        print(
            f"  T={periods:2d}: one pass {t_all:.2f} s ({t_all / periods:.3f}); "
            f"one analysis per period {t_loop:.2f} s ({t_loop / periods:.3f})"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--loop", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
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
        whole_commands(data, args.seed, args.repeat)
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
    every_period(2000, args.seed)


if __name__ == "__main__":
    main()
