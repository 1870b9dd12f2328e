"""Typed provenance: round trips, validation, and the panel's sources."""

import pandas as pd
import pytest

from innoscope.panel import Panel
from innoscope.provenance import Derived, FactSpan, FileRow, ScoreRef, describe, from_dict, to_dict


@pytest.mark.parametrize(
    "src",
    [
        FileRow("data.xlsx", "ab" * 32, "Sheet1", 7, "GDP"),
        FactSpan("cd" * 32, 10, 16, doc="report.txt"),
        ScoreRef(3, "Index", "CHE", "2022"),
        Derived("a / b * 10000", (FileRow("a.csv", row=2, column="x"), Derived("c", (FactSpan("ef" * 32, 0, 4),)))),
    ],
)
def test_round_trip(src):
    d = to_dict(src)
    assert d["kind"] == src.kind
    assert from_dict(d) == src


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="empty or negative"):
        FactSpan("ab" * 32, 5, 5)
    with pytest.raises(ValueError, match="unknown source kind 'cell'"):
        from_dict({"kind": "cell"})


def test_describe_names_file_sheet_row_and_column():
    assert describe(FileRow("book.xlsx", sheet="S", row=4, column="B")) == "book.xlsx[S]:4, column B"
    assert describe(Derived("x / y", (FileRow("a.csv", row=2), FileRow("b.csv", row=3)))) == "x / y ← a.csv:2; b.csv:3"


def test_panel_rows_locate_their_cells():
    long = pd.DataFrame({"unit": ["A", "B"], "indicator": ["x", "x"], "period": ["2020", "2020"], "v": ["1", "2"]})
    p = Panel.from_long(long, value="v", source="obs.csv").with_checksums({"obs.csv": "ff" * 32})
    assert p.source(1) == FileRow("obs.csv", "ff" * 32, None, 3, "v")


def test_a_typed_source_column_takes_precedence():
    derived = Derived("x / pop", (FileRow("x.csv", row=2, column="x"), FileRow("pop.csv", row=9, column="2020")))
    values = pd.DataFrame(
        {
            "unit": ["A", "B"],
            "indicator": ["r", "r"],
            "period": [2020, 2020],
            "value": [1.0, 2.0],
            "file": ["", "y.csv"],
            "row": [0, 5],
            "source": [derived, None],
        }
    )
    p = Panel(values, pd.DataFrame({"unit": ["A", "B"], "name": ["A", "B"]}))
    assert p.source(0) == derived
    assert p.source(1) == FileRow("y.csv", None, None, 5, None)
