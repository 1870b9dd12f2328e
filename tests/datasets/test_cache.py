"""Parsed sources are kept by checksum and parser, checked first, and safe when two processes fill them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

from innoscope.datasets import cache
from innoscope.datasets.cache import parsed
from innoscope.datasets.panels import LOADERS, load_panel
from innoscope.errors import InnoscopeError


@pytest.fixture()
def asem_data(tmp_path, shared_data):
    """A data directory of its own holding the ASEM source (so a test may damage it)."""
    root = tmp_path / "data"
    shutil.copytree(shared_data / "asem", root / "asem", ignore=shutil.ignore_patterns("reference"))
    return root


def _counting(calls, value):
    def load():
        calls.append(1)
        return value

    return load


def test_a_source_is_parsed_once(tmp_path, asem_data, monkeypatch):
    monkeypatch.setenv("INNOSCOPE_CACHE", str(tmp_path / "cache"))
    calls = []
    real = LOADERS["asem"]
    monkeypatch.setitem(LOADERS, "asem", lambda d: (calls.append(1), real(d))[1])
    first = load_panel("asem", asem_data)
    second = load_panel("asem", asem_data)
    assert len(calls) == 1 and len(list((tmp_path / "cache").glob("panel-asem-*.pkl"))) == 1
    assert second.values.equals(first.values) and second.units.equals(first.units)
    assert second.checksums == first.checksums and second.periods == first.periods
    assert second.values.equals(real(asem_data).values)  # what the loader itself gives


def test_a_changed_file_is_refused_not_served(tmp_path, asem_data):
    calls = []
    parsed("asem-test", ("asem",), asem_data, _counting(calls, 1), folder=tmp_path)
    with (asem_data / "asem" / "ASEM_iData.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    with pytest.raises(InnoscopeError, match="E902"):
        parsed("asem-test", ("asem",), asem_data, _counting(calls, 1), folder=tmp_path)
    assert len(calls) == 1


def test_another_parser_or_data_directory_parses_again(tmp_path, asem_data, monkeypatch):
    calls = []
    parsed("asem-test", ("asem",), asem_data, _counting(calls, "a"), folder=tmp_path)
    other = tmp_path / "elsewhere"
    shutil.copytree(asem_data, other)
    assert parsed("asem-test", ("asem",), other, _counting(calls, "b"), folder=tmp_path) == "b"
    monkeypatch.setattr(cache, "parser_version", lambda: "changed code")
    assert parsed("asem-test", ("asem",), asem_data, _counting(calls, "c"), folder=tmp_path) == "c"
    assert len(calls) == 3


def test_a_damaged_entry_is_parsed_again_and_an_unwritable_cache_is_not_used(tmp_path):
    calls = []
    parsed("t", (), tmp_path, _counting(calls, [1, 2]), folder=tmp_path / "c")
    (entry,) = (tmp_path / "c").glob("t-*.pkl")
    entry.write_bytes(b"not a pickle")
    assert parsed("t", (), tmp_path, _counting(calls, [1, 2]), folder=tmp_path / "c") == [1, 2]
    assert parsed("t", (), tmp_path, _counting(calls, [1, 2]), folder=tmp_path / "c") == [1, 2]
    assert len(calls) == 2
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    assert parsed("t", (), tmp_path, _counting(calls, 7), folder=blocked / "sub") == 7


def test_two_processes_fill_the_cache_at_once(tmp_path):
    code = textwrap.dedent(
        """
        import sys, time
        from innoscope.datasets.cache import parsed

        def slow():
            time.sleep(0.5)  # both processes parse at the same time
            return list(range(200_000))

        value = parsed("race", (), sys.argv[2], slow, folder=sys.argv[1])
        print(len(value), sum(value))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "c"), str(tmp_path)], stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120)[0].decode().split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outs[0] == outs[1] == ["200000", str(sum(range(200_000)))]
    assert len(list((tmp_path / "c").glob("race-*.pkl"))) == 1 and not list((tmp_path / "c").glob("*.tmp"))
    assert parsed("race", (), tmp_path, lambda: None, folder=tmp_path / "c") == list(range(200_000))
