"""Many clients at once through a real server: 20 uploads and 5 runs at the same time, all stored."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx

from innoscope.api import ServerConfig
from innoscope.results import Results
from tests.api.conftest import TOKEN
from tests.api.fixtures import serving


def test_20_concurrent_uploads_and_5_concurrent_runs_are_all_stored(workspace):
    store = workspace / "innoscope.duckdb"
    runs_before = len(Results(store).runs())
    config = ServerConfig(store=store, workspace=workspace, token=TOKEN, token_from_file=True)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    docs = [f"第{k}号简报：全年发表论文{100 + k}篇，同比增长{k}.5%。".encode() for k in range(20)]
    methods = ["minmax", "zscore", "rank", "prank", "borda"]

    with serving(config) as base, httpx.Client(base_url=base, headers=auth, timeout=120) as client:

        def upload(k: int) -> httpx.Response:
            return client.post("/api/v1/documents", files={"file": (f"brief-{k}.txt", docs[k], "text/plain")})

        def run(method: str) -> httpx.Response:
            return client.post("/api/v1/runs", json={"overrides": {"normalise": {"method": method}}})

        with ThreadPoolExecutor(25) as pool:
            uploads = [pool.submit(upload, k) for k in range(20)]
            starts = [pool.submit(run, m) for m in methods]
            up = [f.result() for f in uploads]
            jobs = [f.result() for f in starts]
        assert [r.status_code for r in up] == [201] * 20
        assert [r.status_code for r in jobs] == [202] * 5
        done = {}
        deadline = time.monotonic() + 120
        while len(done) < 5 and time.monotonic() < deadline:
            for j in jobs:
                state = client.get(f"/api/v1/jobs/{j.json()['job_id']}").json()
                if state["status"] in ("done", "failed"):
                    done[state["job_id"]] = state
            time.sleep(0.1)
        assert sorted(s["status"] for s in done.values()) == ["done"] * 5, done
        listed = client.get("/api/v1/documents").json()

    res = Results(store)
    assert len(listed) == 20 and {d["name"] for d in listed} == {f"brief-{k}.txt" for k in range(20)}
    assert all(d.facts >= 1 for d in res.documents())
    values = sorted(f.value for f in res.facts(subject="论文").items)
    assert values == [float(100 + k) for k in range(20)]
    runs = res.runs()
    assert len(runs) == runs_before + 5
    assert sorted(r.settings["normalise"]["method"] for r in runs[runs_before:]) == sorted(methods)
    assert {s["result"]["run_id"] for s in done.values()} == {r.run_id for r in runs[runs_before:]}
