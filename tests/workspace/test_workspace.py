"""Workspaces: resolution of paths and settings, long-form data, run records."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.provenance import FileRow
from innoscope.results import Results
from innoscope.workspace import build_workspace, default_data_dir, load_workspace


def make(tmp_path, settings: str = "{}") -> None:
    (tmp_path / "fw.yaml").write_text(
        textwrap.dedent("""
        nodes:
          - {code: I}
          - {code: x, parent: I}
          - {code: y, parent: I, direction: -1}
    """),
        encoding="utf-8",
    )
    rows = [
        ("A", "x", 2020, 1),
        ("B", "x", 2020, 2),
        ("C", "x", 2020, 3),
        ("A", "y", 2020, 5),
        ("B", "y", 2020, 1),
        ("C", "y", 2020, 3),
    ]
    pd.DataFrame(rows, columns=["region", "ind", "year", "val"]).to_csv(tmp_path / "obs.csv", index=False)
    pd.DataFrame({"region": ["A", "B", "C"], "label": ["Alpha", "Beta", "Gamma"]}).to_csv(
        tmp_path / "units.csv", index=False
    )
    (tmp_path / "innoscope.yaml").write_text(
        textwrap.dedent(f"""
        name: small
        data: {{file: obs.csv, layout: long, unit: region, indicator: ind, period: year, value: val,
                units_file: units.csv, name: label}}
        framework: fw.yaml
        settings: {settings}
    """),
        encoding="utf-8",
    )


def test_long_workspace_build_and_record(tmp_path):
    make(tmp_path)
    ws = load_workspace(tmp_path)
    b = build_workspace(ws)
    # B and C tie at 75: both take rank 1 and A comes 3rd, as R's ties.method = "min"
    assert b.result.table(2020, "rank")["I"].to_dict() == {"A": 3, "B": 1, "C": 1}
    res = Results(ws.store_path)
    rec = res.run(b.run_id)
    assert {u.code: u.name for u in res.units(b.run_id)}["B"] == "Beta"
    assert set(rec.inputs) == {str(tmp_path / n) for n in ("obs.csv", "fw.yaml", "units.csv", "innoscope.yaml")}
    assert all(len(v) == 64 for v in rec.inputs.values())
    # every observation keeps its cell of obs.csv, with the file's checksum
    obs = res.observations(b.run_id, unit="B").items
    assert obs and all(isinstance(o.source, FileRow) and o.source.file == "obs.csv" for o in obs)
    assert all(o.source.row >= 2 and o.source.column == "val" and len(o.source.sha256) == 64 for o in obs)
    # overrides change the settings recorded with the run, and its label says so
    b2 = build_workspace(ws, {"normalise": {"method": "zscore"}})
    assert res.run(b2.run_id).settings["normalise"]["method"] == "zscore"
    assert "normalise.method=zscore" in res.run(b2.run_id).label
    assert res.run(b2.run_id).settings_hash != rec.settings_hash


def test_invalid_workspace_settings_name_the_key(tmp_path):
    make(tmp_path, "{treat: {winmax: many}}")
    with pytest.raises(InnoscopeError, match=r"E010 .*innoscope.yaml: settings: treat.winmax"):
        load_workspace(tmp_path)
    make(tmp_path)
    (tmp_path / "innoscope.yaml").write_text("data: {file: obs.csv}\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E010 .*innoscope.yaml: framework: .*Field required"):
        load_workspace(tmp_path)
    with pytest.raises(InnoscopeError, match="E001 .*no workspace file"):
        load_workspace(tmp_path / "elsewhere")


def test_data_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("INNOSCOPE_DATA", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"
    assert default_data_dir(tmp_path / "cli") == tmp_path / "cli"
    monkeypatch.delenv("INNOSCOPE_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_data_dir() == tmp_path / "cache" / "innoscope" / "data"


def test_dataset_workspace_china(shared_data):
    from pathlib import Path

    from innoscope.datasets.registry import SOURCES

    ws = load_workspace(Path(__file__).resolve().parents[2] / "examples" / "china", data_dir=shared_data)
    b = build_workspace(ws, store=False)
    ranks = b.result.table(2023, "rank")["CRSI"]
    assert ranks["北京"] == 1 and ranks.size == 31 and b.result.periods == list(range(2011, 2024))
    sums = ws.checksums()
    expected = {str(shared_data / f.path) for s in ("china-sti-yearbook", "china-gdp") for f in SOURCES[s].files}
    assert expected <= set(sums)
    assert sums[str(shared_data / SOURCES["china-gdp"].files[0].path)] == SOURCES["china-gdp"].files[0].sha256


def test_data_names_a_file_or_a_dataset(tmp_path):
    make(tmp_path)
    (tmp_path / "innoscope.yaml").write_text(
        "data: {file: obs.csv, dataset: asem}\nframework: fw.yaml\n", encoding="utf-8"
    )
    with pytest.raises(InnoscopeError, match=r"E010 .*data: .*either `file` or `dataset`"):
        load_workspace(tmp_path)
    (tmp_path / "innoscope.yaml").write_text("data: {dataset: nope}\nframework: shipped:gii_2019\n", encoding="utf-8")
    ws = load_workspace(tmp_path)
    with pytest.raises(InnoscopeError, match="E901 .*'nope'; known: .*china-regional"):
        ws.load_panel(ws.load_framework())


def test_a_build_on_another_panel_records_that_panels_files(tmp_path):
    from innoscope.datasets.importer import import_table
    from innoscope.datasets.registry import sha256_file

    make(tmp_path)
    ws = load_workspace(tmp_path)
    newer = tmp_path / "newer.csv"
    pd.DataFrame({"region": ["A", "B", "C"], "year": [2021] * 3, "x": [3, 2, 1], "y": [1, 5, 3]}).to_csv(
        newer, index=False
    )
    panel, _ = import_table(newer)
    b = build_workspace(ws, panel=panel.with_checksums({"newer.csv": sha256_file(newer)}))
    assert b.result.periods == [2021]
    assert b.result.table(2021, "rank")["I"].to_dict() == {"A": 1, "B": 2, "C": 2}  # B and C tie at 25
    rec = Results(ws.store_path).run(b.run_id)
    assert set(rec.inputs) == {"newer.csv", str(tmp_path / "fw.yaml"), str(tmp_path / "innoscope.yaml")}
    assert rec.inputs["newer.csv"] == sha256_file(newer)
