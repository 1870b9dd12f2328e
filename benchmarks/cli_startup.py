"""Benchmark: how long the command line takes to answer ``--help``, against importing pandas.

Times, as whole processes (median of ``--repeat`` runs each): ``python -c "import pandas"``
(the baseline, in the same run), ``innoscope --help`` and the ``--help`` of every command the
app has, found by walking it.  The floor: every help faster than the baseline (and about
0.25 s on an idle machine).

    python benchmarks/cli_startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("innoscope")


def seconds(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def commands() -> list[list[str]]:
    import typer

    from innoscope.cli import app

    def walk(cmd, prefix, ctx):
        yield prefix
        for name in getattr(cmd, "list_commands", lambda ctx: [])(ctx):
            yield from walk(cmd.get_command(ctx, name), [*prefix, name], ctx)

    root = typer.main.get_command(app)
    return list(walk(root, [], root.make_context("innoscope", ["--help"], resilient_parsing=True)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    base = seconds([sys.executable, "-c", "import pandas"], args.repeat)
    print(f"python -c 'import pandas' (baseline): {base:.3f} s")
    rows = [(" ".join(path) or "(root)", seconds([str(EXE), *path, "--help"], args.repeat)) for path in commands()]
    for name, t in rows:
        print(f"  innoscope {name} --help: {t:.3f} s ({t / base:.2f}x the baseline)")
    worst = max(rows, key=lambda r: r[1])
    print(
        f"{len(rows)} helps: median {statistics.median(t for _, t in rows):.3f} s, slowest {worst[1]:.3f} s "
        f"({worst[0]}), {worst[1] / base:.2f}x the baseline"
    )


if __name__ == "__main__":
    main()
