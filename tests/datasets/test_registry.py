"""The registry: status, checksums, downloads (with a stand-in for the network) and clear refusals."""

from __future__ import annotations

import shutil

import pytest

from innoscope.datasets.registry import SOURCES, pull, require, status
from innoscope.errors import InnoscopeError


def test_mirror_is_complete_and_intact(shared_data):
    for name in SOURCES:
        assert status(name, shared_data, verify=True) == "present", name


def test_missing_source_names_the_pull_command(tmp_path):
    assert status("gii-2019", tmp_path) == "missing"
    with pytest.raises(InnoscopeError, match=r"E001 .*2019_data.csv: .*innoscope data pull gii-2019"):
        require("gii-2019", tmp_path)


def test_pull_verifies_checksums(tmp_path, shared_data):
    src = SOURCES["gii-2019"].files[0]
    mirror = (shared_data / src.path).read_bytes()
    asked = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return mirror

    written = pull("gii-2019", tmp_path, fetch=fetch)
    assert written == [tmp_path / src.path] and asked == [src.url]
    assert status("gii-2019", tmp_path, verify=True) == "present"
    assert pull("gii-2019", tmp_path, fetch=fetch) == []  # already there: nothing fetched
    assert len(asked) == 1
    with pytest.raises(InnoscopeError, match=r"E902 https://.*SHA-256 mismatch.*nothing was written"):
        pull("worldbank-rd", tmp_path, fetch=lambda url: b"not the file")
    assert status("worldbank-rd", tmp_path) == "missing"  # nothing half-written


def test_corrupt_and_truncated_files_are_refused(tmp_path, shared_data):
    shutil.copytree(shared_data / "china-sti-yearbook", tmp_path / "china-sti-yearbook")
    target = tmp_path / "china-sti-yearbook" / "data" / "RDIntense.rda"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes()[:500])
    assert status("china-sti-yearbook", tmp_path, verify=True) == "corrupt"
    with pytest.raises(InnoscopeError, match=r"E902 .*RDIntense.rda: .*SHA-256 mismatch.*innoscope data pull"):
        require("china-sti-yearbook", tmp_path)
    from innoscope.datasets.china import load_yearbook

    with pytest.raises(InnoscopeError, match=r"E004 .*RDIntense.rda: .*not a readable R data file"):
        load_yearbook(tmp_path, objects=("RDIntense",), verify=False)


def test_unknown_source():
    with pytest.raises(InnoscopeError, match="known: asem, china-gdp"):
        status("nope")


def test_data_commands(shared_data, tmp_path):
    from typer.testing import CliRunner

    from innoscope.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["data", "list", "--data-dir", str(shared_data), "--verify"])
    assert r.exit_code == 0 and r.output.count("present") == len(SOURCES)
    r = runner.invoke(app, ["data", "list", "--data-dir", str(tmp_path)])
    assert r.output.count("missing") == len(SOURCES)
    r = runner.invoke(app, ["data", "pull", "nope", "--data-dir", str(tmp_path)])
    assert r.exit_code == 2 and "known: asem" in r.output
    r = runner.invoke(
        app, ["data", "show", "gii-2019", "--data-dir", str(shared_data), "--out", str(tmp_path / "g.parquet")]
    )
    assert r.exit_code == 0 and "129 units" in r.output and (tmp_path / "g.parquet").is_file()


def test_ensure_pulls_only_what_is_missing(tmp_path, shared_data):
    from innoscope.datasets.registry import ensure

    fetched = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        path = next(f.path for f in SOURCES["china-gdp"].files if f.url == url)
        return (shared_data / path).read_bytes()

    assert ensure("china-gdp", tmp_path, fetch=fetch) == tmp_path
    assert ensure("china-gdp", tmp_path, fetch=fetch) == tmp_path
    assert len(fetched) == 1
