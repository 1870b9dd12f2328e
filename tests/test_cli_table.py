"""The one table printer: numbers never cut, wide tables wrapped into blocks that repeat the keys."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rich.console import Console

from innoscope.cli import common


def printed(monkeypatch, frame, width, **kw) -> str:
    console = Console(width=width, record=True, force_terminal=False)
    monkeypatch.setattr(common, "out", console)
    common.print_frame(frame, "t", **kw)
    return console.export_text()


def test_wide_tables_wrap_and_keep_every_digit(monkeypatch):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"rank": pd.array([1, 2, 10], dtype="Int64"), "unit": ["CHE", "SWE", "USA"]})
    for j in range(12):
        frame[f"node{j}"] = rng.uniform(0, 1000, 3)
    text = printed(monkeypatch, frame, 60, keys=2, decimals=2)
    assert "…" not in text
    for j in range(12):  # every column and every number appears whole
        assert f"node{j}" in text
        for v in frame[f"node{j}"]:
            assert f"{v:.2f}" in text
    headers = [line for line in text.splitlines() if "node" in line]
    assert len(headers) > 1 and all(line.split()[1:4] == ["rank", "┃", "unit"] for line in headers)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert re.search(r"│\s+10 │ USA", text)  # ranks as integers


def test_cells(monkeypatch):
    frame = pd.DataFrame({"x": [1.0, np.nan], "y": [0.125, 2.0], "name": ["a very long name indeed " * 3, None]})
    text = printed(monkeypatch, frame, 80, decimals={"y": 1}, text_width=20)
    assert "0.1" in text and "2.0" in text and "nan" not in text.lower() and "None" not in text
    assert re.search(r"│\s+1 │", text)  # a whole-number float column prints as integers
    assert "…" not in text
