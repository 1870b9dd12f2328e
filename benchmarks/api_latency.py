"""Benchmark: the API's answer times through a real server, against the results-layer call behind each.

Builds the tests' seeded evaluation of China's 31 provinces (5 years, 3 dimensions, 6 indicators,
an uncertainty and a Sobol audit), serves it with uvicorn on loopback and times, per endpoint, the
median of ``--repeat`` requests and of the same question asked of :class:`~innoscope.results.Results`
directly (the baseline: the ratio is what HTTP, the request's own store reads and the response
models add).  Then 20 document uploads one after another and 20 at once.

    python benchmarks/api_latency.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx2 as httpx  # noqa: E402
from tests.api.fixtures import build_with_audits, make_workspace, serving  # noqa: E402

from innoscope.api import ServerConfig  # noqa: E402
from innoscope.results import Results  # noqa: E402

TOKEN = "benchmark-token-0123456789"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    root = make_workspace(Path(tempfile.mkdtemp()) / "ws")
    build_with_audits(root)
    store = root / "innoscope.duckdb"
    res = Results(store)
    cases = {
        "ranking (31 rows)": ("/api/v1/runs/1/ranking", lambda: res.ranking(1)),
        "scores, one year (310 rows)": (
            "/api/v1/runs/1/scores?period=2023&limit=1000",
            lambda: res.scores(1, period=2023),
        ),
        "scores, all (1,550 rows)": ("/api/v1/runs/1/scores?limit=100000", lambda: res.scores(1)),
        "scores as CSV (1,550 rows)": ("/api/v1/runs/1/scores?limit=100000&format=csv", lambda: res.scores(1)),
        "unit profile": (
            "/api/v1/runs/1/units/上海/profile",
            lambda: (
                res.scores(1, unit="上海"),
                res.streak(1, "上海"),
                res.records(1, "上海"),
                res.strengths(1, "上海"),
                res.intervals(run_id=1),
            ),
        ),
        "what-if weights": ("/api/v1/runs/1/whatif?weights=ENV:2", lambda: res.score_frame(1, period=2023)),
        "provenance of a score": (
            "/api/v1/runs/1/provenance?node=STI&unit=上海&period=2023",
            lambda: res.provenance(1, "STI", "上海", 2023),
        ),
    }
    config = ServerConfig(store=store, workspace=root, token=TOKEN, token_from_file=True)
    with serving(config) as base, httpx.Client(base_url=base, timeout=60) as client:
        client.get("/api/v1/runs")  # warm up
        print(f"{'endpoint':32} {'API median':>11} {'results layer':>14} {'ratio':>6}")
        for name, (url, direct) in cases.items():
            api = median_time(lambda url=url: client.get(url).raise_for_status(), args.repeat)
            lib = median_time(direct, args.repeat)
            print(f"{name:32} {api * 1000:9.1f} ms {lib * 1000:12.1f} ms {api / lib:6.2f}")
        docs = [f"第{k}号简报：全年发表论文{100 + k}篇，同比增长{k}.5%。".encode() * 20 for k in range(40)]
        auth = {"Authorization": f"Bearer {TOKEN}"}

        def upload(k: int) -> None:
            r = client.post("/api/v1/documents", files={"file": (f"d{k}.txt", docs[k], "text/plain")}, headers=auth)
            r.raise_for_status()

        t = time.perf_counter()
        for k in range(20):
            upload(k)
        one_by_one = time.perf_counter() - t
        t = time.perf_counter()
        with ThreadPoolExecutor(20) as pool:
            list(pool.map(upload, range(20, 40)))
        at_once = time.perf_counter() - t
    stored = len(Results(store).documents())
    print(
        f"20 uploads one by one: {one_by_one:.2f} s; 20 at once: {at_once:.2f} s "
        f"(ratio {at_once / one_by_one:.2f}); documents stored: {stored} of 40"
    )


if __name__ == "__main__":
    main()
