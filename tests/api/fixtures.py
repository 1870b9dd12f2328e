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
    """Build the workspace and audit it (uncertainty, then Sobol) as the command line does; the run id."""
    from typer.testing import CliRunner

    from innoscope.cli import app
    from innoscope.workspace import build_workspace, load_workspace

    run_id = build_workspace(load_workspace(root)).run_id
    for extra in ([], ["--sobol"]):
        result = CliRunner().invoke(app, ["audit", "uncertainty", str(root), "--runs", "64", "--seed", "1", *extra])
        assert result.exit_code == 0, result.output
    return run_id


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
