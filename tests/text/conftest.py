"""Fixtures of the text tests: where the annotated documents are.

The Chinese reports are in the public mirror's ``docs/`` (``../shared/docs``); the
English development passages are looked up there too and in the directories of
``$INNOSCOPE_DOCS`` (separated by ``:``).  A test whose document is in none of them
skips with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SHARED

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def doc_dirs() -> list[Path]:
    env = [Path(p) for p in os.environ.get("INNOSCOPE_DOCS", "").split(":") if p]
    return [SHARED / "docs", *env]


@pytest.fixture(scope="session")
def find_doc() -> Callable[[str], Path]:
    def find(name: str) -> Path:
        for d in doc_dirs():
            if (d / name).is_file():
                return d / name
        pytest.skip(f"{name} not found in {', '.join(map(str, doc_dirs()))} (set INNOSCOPE_DOCS to its folder)")

    return find
