"""The API tests' evaluation: 31 provinces with a stored run and audits, copied for each test that writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.api.fixtures import build_with_audits, make_workspace

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def provinces(tmp_path_factory) -> Path:
    """The evaluation built once (read-only for tests: copy it to write)."""
    root = make_workspace(tmp_path_factory.mktemp("provinces") / "ws")
    build_with_audits(root)
    return root


@pytest.fixture
def workspace(provinces, tmp_path) -> Path:
    """A copy of the evaluation, store included, that a test may write to."""
    dest = tmp_path / "ws"
    shutil.copytree(provinces, dest, ignore=shutil.ignore_patterns("*.lock", "innoscope.files"))
    return dest


def client_for(root: Path, *, token_file: bool = True, store_only: bool = False, **options):
    from fastapi.testclient import TestClient

    from innoscope.api import ServerConfig, create_app

    store = root / "innoscope.duckdb"
    extra = {"token": TOKEN, "token_from_file": True} if token_file else {}
    config = ServerConfig(store=store, workspace=None if store_only else root, **extra, **options)
    return TestClient(create_app(config), base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="session")
def reader(provinces):
    """A client of the built evaluation for read-only tests."""
    with client_for(provinces) as c:
        yield c


@pytest.fixture
def writer(workspace):
    with client_for(workspace) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c
