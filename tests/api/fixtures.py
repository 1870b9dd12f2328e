"""A small evaluation of China's 31 provinces made from seeded numbers, with a stored audit: what the
API and dashboard tests serve, without the public data mirror."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.geo import PROVINCES

YEARS = [2019, 2020, 2021, 2022, 2023]
INDICATORS = {"ENV": ("rd_share", "firms"), "INP": ("rd_staff", "budget"), "OUT": ("patents", "papers")}
REPORT = (
    "2023年，上海市全社会研发经费支出相当于全市生产总值的比例达到4.4%左右。"
    "全年发明专利授权36797件，同比增长20.5%。每万人口高价值发明专利拥有量达到50.2件。"
)


def make_workspace(root: Path) -> Path:
    """A workspace folder: 31 provinces × 5 years × 6 indicators, 3 dimensions, min-max and mean."""
    root.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240601)
    rows = []
    level = {p: rng.uniform(20, 80, 6) for p in PROVINCES}
    for year in YEARS:
        for short, (full, _code) in PROVINCES.items():
            level[short] = level[short] * rng.uniform(0.93, 1.12, 6)
            rows.append(
                {"unit": short, "name": full, "year": year, **dict(zip(_codes(), level[short].round(3), strict=True))}
            )
    pd.DataFrame(rows).to_csv(root / "data.csv", index=False)
    nodes = ["  - {code: STI, name: {en: S&T innovation index, zh: 科技创新指数}}"]
    names = {"ENV": ("Environment", "创新环境"), "INP": ("Inputs", "创新投入"), "OUT": ("Outputs", "创新产出")}
    for dim, inds in INDICATORS.items():
        en, zh = names[dim]
        nodes.append(f"  - {{code: {dim}, parent: STI, name: {{en: {en}, zh: {zh}}}}}")
        nodes += [f"  - {{code: {i}, parent: {dim}, name: {{en: {i}, zh: {i}指标}}, unit: '%'}}" for i in inds]
    (root / "framework.yaml").write_text("name: provinces\nnodes:\n" + "\n".join(nodes) + "\n", encoding="utf-8")
    (root / "innoscope.yaml").write_text(
        textwrap.dedent("""\
        name: Provinces test evaluation
        data: {file: data.csv, unit: unit, name: name, period: year}
        framework: framework.yaml
        settings:
          normalise: {method: minmax, l: 0, u: 100}
        uncertainty:
          weights: {noise: {1: 0.3, 2: 0.3}}
          normalise:
            - {method: minmax, l: 0, u: 100}
            - {method: minmax, l: 1, u: 100}
        """),
        encoding="utf-8",
    )
    return root


def _codes() -> list[str]:
    return [i for inds in INDICATORS.values() for i in inds]


def build_with_audits(root: Path) -> int:
    """Build the workspace, store the run and an uncertainty and a sensitivity audit of it; the run id."""
    from innoscope.audit.engine import Problem
    from innoscope.audit.sensitivity import run_sobol
    from innoscope.audit.space import parse_space, sample
    from innoscope.audit.uncertainty import run_uncertainty
    from innoscope.store import AuditRecord, Store
    from innoscope.workspace import build_workspace, load_workspace

    ws = load_workspace(root)
    b = build_workspace(ws)
    space = parse_space(ws.uncertainty, ws.settings, b.framework)
    problem = Problem(b.panel, b.framework, ws.settings, space, YEARS[-1])
    ua = run_uncertainty(problem, sample(space, b.framework, ws.settings, 64, seed=1))
    sa = run_sobol(problem, 16, seed=1, resamples=20)
    sobol = pd.DataFrame(
        {
            "target": "mean absolute rank shift",
            "factor": sa.indices["input"],
            "s1": sa.indices["S1"],
            "s1_low": sa.indices["S1"] - sa.indices["S1_conf"],
            "s1_high": sa.indices["S1"] + sa.indices["S1_conf"],
            "st": sa.indices["ST"],
            "st_low": sa.indices["ST"] - sa.indices["ST_conf"],
            "st_high": sa.indices["ST"] + sa.indices["ST_conf"],
            "flagged": sa.indices["S1_conf"] > sa.indices["S1"].abs(),
        }
    )
    with Store(ws.store_path) as store:
        store.save_audit(AuditRecord(b.run_id, "uncertainty", YEARS[-1], 64, 1, "local", intervals=ua.summary))
        store.save_audit(AuditRecord(b.run_id, "sensitivity", YEARS[-1], sa.runs, 1, "local", sobol=sobol))
    return b.run_id


@contextlib.contextmanager
def serving(config) -> Iterator[str]:
    """The app of ``config`` served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from innoscope.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
