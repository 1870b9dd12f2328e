"""Benchmark: ``innoscope demo`` cold (nothing parsed yet), warm (nothing changed) and forced, whole process.

The demo reads the China yearbook's ``.rda`` tables (a pure-Python R reader), GDP and
population, builds the index twice, audits it and writes reports.  The parsed sources are
kept by checksum (``innoscope.datasets.cache``), and a results folder whose runs, audit,
files and code are unchanged is not made again.  This runs the demo with an empty cache
folder, then ``--repeat`` times on the same folder (warm: nothing changed), then
``--repeat`` times with ``--force`` (everything computed again from the kept sources), and
times loading the China panel alone both ways, so the share of the data steps is visible
beside the reports'.

    python benchmarks/demo.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PANEL = "import sys, time; from innoscope.datasets.panels import load_panel; t = time.perf_counter(); "
PANEL += "load_panel('china-regional', sys.argv[1]); print(time.perf_counter() - t)"


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = Path(os.environ.get("INNOSCOPE_DATA") or REPO.parent / "shared" / "data")
    if not (data / "china-sti-yearbook").is_dir():
        print(f"skipped: the China sources are not in {data}")
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INNOSCOPE_CACHE": str(Path(tmp) / "cache"), "INNOSCOPE_DATA": str(data)}
        demo = [sys.executable, "-m", "innoscope.cli", "demo", "--out", str(Path(tmp) / "results")]
        cold = timed(demo, env)
        warm = statistics.median(timed(demo, env) for _ in range(args.repeat))
        forced = statistics.median(timed([*demo, "--force"], env) for _ in range(args.repeat))
        env_cold = {**env, "INNOSCOPE_CACHE": str(Path(tmp) / "empty")}
        panel = [sys.executable, "-c", PANEL, str(data)]
        p_cold = float(subprocess.run(panel, env=env_cold, capture_output=True, text=True, check=True).stdout)
        p_warm = float(subprocess.run(panel, env=env, capture_output=True, text=True, check=True).stdout)
    print(f"innoscope demo, cold (sources parsed): {cold:.2f} s; warm (nothing changed): {warm:.2f} s")
    print(f"  --force (everything computed again from the kept sources): {forced:.2f} s ({forced / warm:.0f}x warm)")
    print(f"  the China panel alone: {p_cold:.2f} s parsed, {p_warm:.3f} s kept ({p_cold / p_warm:.0f}x)")


if __name__ == "__main__":
    main()
