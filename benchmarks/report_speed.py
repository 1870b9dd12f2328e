"""Benchmark: writing a unit's report from a stored run of the China evaluation (31 provinces, 2011-2023).

Builds the China workspace into a temporary store (the data directory must hold
the yearbook and GDP sources), then times the report's sentence models asked
question by question (a read connection each, the baseline) and in one
``Results.session()``, the whole report with its charts, and each output format.

    python benchmarks/report_speed.py [--data-dir ../shared/data] [--unit 上海]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--unit", default="上海")
    args = ap.parse_args()
    from innoscope.report import build_report
    from innoscope.report.context import sentence_models
    from innoscope.report.writers import write
    from innoscope.results import Results
    from innoscope.workspace import build_workspace, load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "innoscope.duckdb"
        b = build_workspace(load_workspace(REPO / "examples" / "china", args.data_dir), store=store)
        res = Results(store)
        res.run(b.run_id)
        plain = _time(lambda: sentence_models(res, args.unit, run_id=b.run_id))

        def in_session():
            with res.session():
                sentence_models(res, args.unit, run_id=b.run_id)

        session = _time(in_session)
        report = build_report(res, unit=args.unit, run_id=b.run_id)
        print(f"report of {args.unit}: {len(report.sections)} sections, {len(report.numbers)} sourced numbers")
        print(f"sentence models, a connection per question: {plain:.2f} s")
        print(f"sentence models, one session:               {session:.2f} s  ({plain / session:.1f}x faster)")
        t = time.perf_counter()
        illustrated = build_report(res, unit=args.unit, run_id=b.run_id, figures=True)
        print(f"report with its 5 charts:                   {time.perf_counter() - t:.2f} s")
        for ext in ("json", "md", "html", "docx", "pdf"):
            t = time.perf_counter()
            out = write(illustrated if ext in ("html", "docx", "pdf") else report, Path(tmp) / f"r.{ext}")
            print(f"  .{ext:<5} {time.perf_counter() - t:6.2f} s  {out.stat().st_size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
