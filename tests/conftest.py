"""Shared fixtures: the public data mirror in ../shared, skipped with a reason where absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("INNOSCOPE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not (data / "asem" / "ASEM_iData.csv").is_file():
        pytest.skip(f"public data mirror not found at {data} (set INNOSCOPE_SHARED to the folder holding data/)")
    return data


@pytest.fixture(scope="session")
def asem_dir(shared_data: Path) -> Path:
    return shared_data / "asem"


@pytest.fixture(scope="session")
def asem_ref(asem_dir: Path) -> Path:
    return asem_dir / "reference"


@pytest.fixture(scope="session")
def asem_workspace(shared_data: Path):
    from innoscope.workspace import load_workspace

    return load_workspace(REPO / "examples" / "asem", data_dir=shared_data)


@pytest.fixture(scope="session")
def asem_inputs(asem_workspace):
    fw = asem_workspace.load_framework()
    return asem_workspace.load_panel(fw), fw


@pytest.fixture()
def asem_copy(tmp_path, shared_data):
    """A copy of examples/asem in tmp_path (its run store lands there), with the data directory."""
    import shutil

    dest = tmp_path / "asem"
    shutil.copytree(REPO / "examples" / "asem", dest, ignore=shutil.ignore_patterns("*.duckdb*"))
    return dest, shared_data
