"""The fast readers give what the plain pandas readers give: the same text, the same numbers, the same errors."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.panel import Panel, read_table
from innoscope.panel.readers import _parse_python, parse_number_block, parse_numbers

CELLS = [
    "1.5", " 2 ", "1e3", "1E-3", "+4", "-.5", ".5", "5.", "0001", "1e400", "1e-400", "-0", "00.5",
    "3.14159265358979323846", "12345678901234567890", "\u30004.2\u3000", "\t7\t",
    "inf", "-inf", "Infinity", "INF", "+inf", "nan", "NaN", "-nan", "+nan", "NA", "n/a", "None", "null", "..", "…",
    "-", "—", "", "   ",
    "1,5", "1 000", "0x10", "1_000", "１２", "١٢", "TRUE", "1.5e", "e5", "--1", "1d3", "1.2.3", "1e+", "abc", "%",
]


def _outcome(fn, cells):
    try:
        return fn(pd.Series(cells, dtype=object), "f.csv", "x", 2).tolist()
    except InnoscopeError as exc:
        return str(exc)


@pytest.mark.parametrize("cell", CELLS)
def test_each_cell_parses_as_the_pandas_parser_does(cell):
    fast = _outcome(parse_numbers, ["1", cell, "2"])
    plain = _outcome(_parse_python, ["1", cell, "2"])
    assert fast == plain or (isinstance(fast, list) and np.array_equal(fast, plain, equal_nan=True))


def test_many_numbers_in_every_format_parse_bit_for_bit():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.lognormal(0, 4, 3000), -rng.lognormal(0, 4, 1000), rng.integers(-999, 999, 500)])
    cells = [f"{v!r}" for v in x.tolist()] + [f"{v:{f}}" for f in (".17g", ".6e", ".3f") for v in x]
    fast = parse_numbers(pd.Series(cells, dtype="str"), "f.csv", "x")
    assert fast.tobytes() == np.array([float(c) for c in cells]).tobytes()


def test_a_block_names_the_first_bad_cell_column_by_column():
    df = pd.DataFrame({"a": ["1", "2", "3"], "b": ["4", "x5", "y"], "c": ["z", "6", "7"]}, dtype="str")
    assert parse_number_block(df, ["a"], "w.csv").tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(InnoscopeError, match=r"E103 w\.csv:3, column b: non-numeric value: 'x5' \(2 such cell"):
        parse_number_block(df, ["a", "b", "c"], "w.csv")
    df["b"] = ["4", "inf", "5"]
    with pytest.raises(InnoscopeError, match=r"E107 w\.csv:3, column b"):
        parse_number_block(df, ["a", "b"], "w.csv")


def _cells(col: pd.Series) -> list:
    return [None if not isinstance(v, str) or not v.strip() else v for v in col]


def _plain(text: str) -> pd.DataFrame:
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    return df


@pytest.mark.parametrize(
    "text",
    [
        'unit,name,value\nA,"Smith, J.",1\nB,"say ""hi""",2\n',  # quoted delimiters and quotes
        'unit,note,value\nA,"two\nlines",1\nB,one,2\n',  # a newline inside quotes
        "unit,value\r\nA,1\r\nB,\r\nC,  \r\n",  # CRLF, empty and blank cells
        "\ufeffunit , value\nA,1\n\nB,2\n",  # BOM, a padded header, an empty line
        "unit,value,extra\nA,1\nB,2,3\n",  # a short row: pandas' reader fills it
    ],
)
def test_csv_text_as_pandas_reads_it(tmp_path, text):
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    got, want = read_table(p), _plain(text.removeprefix("\ufeff"))
    assert list(got.columns) == list(want.columns)
    for c in want.columns:
        assert _cells(got[c]) == _cells(want[c])


def _same_panel(a, b):
    assert a.values.equals(b.values), (a.values.head(), b.values.head())
    assert a.units.equals(b.units)
    assert a.periods == b.periods and a.indicator_codes == b.indicator_codes and a.unit_codes == b.unit_codes
    cube_a, _ = a.cube(a.indicator_codes)
    assert np.array_equal(cube_a, b.cube(b.indicator_codes)[0], equal_nan=True)


@pytest.mark.parametrize(
    "text",
    [
        "unit,indicator,period,value\nA,x,2020,1\nA,x,2021,2\nB,x,2020,3\nB,y,2020,\n",
        'unit,indicator,period,value,note\n"A",x,2020,1.5,a\nNA,x,2020,NA,"b, c"\n B ,y, 2021 ,-,d\n',  # NA: Namibia
        "unit,indicator,value\nA,x,1e3\nB,x, 2 \nA,y,n/a\n",  # no period column
        "unit,indicator,period,value\nA,x,2020,1\nA,x,2020.0,2\n",  # one period twice: refused
        "unit,indicator,period,value\nA,x,2020,1\nB,x,,2\n",  # an empty period: refused with its row
        "unit,indicator,period,value\nA,x,2020,1\nB,x,2020,abc\n",  # a bad number: named
        "unit,indicator,period,value\nA,x,2020,-nan\n",  # not a number to pandas either
        "unit,indicator,period,value\nA,x,2020,inf\n",  # infinite: refused
        "unit,indicator,period,value\nA,x,2020,1\nB,x,2020\n",  # a short row
        "unit,indicator,period,value\n上海,研发,2021,4.2\n北京,研发,2021,\u30006.5\u3000\n",  # a wide space
    ],
)
def test_read_long_gives_what_from_long_gives(tmp_path, text):
    p = tmp_path / "long.csv"
    p.write_text(text, encoding="utf-8")

    def general():
        return Panel.from_long(read_table(p), source="long.csv")

    try:
        want = general()
    except InnoscopeError as exc:
        with pytest.raises(InnoscopeError) as got:
            Panel.read_long(p)
        assert str(got.value) == str(exc)
        return
    _same_panel(Panel.read_long(p), want)


def test_read_long_of_gb18030_and_xlsx(tmp_path):
    text = "unit,indicator,period,value\n上海,研发强度,2021,4.21\n北京,研发强度,2021,6.53\n"
    p = tmp_path / "zh.csv"
    p.write_bytes(text.encode("gb18030"))
    _same_panel(Panel.read_long(p), Panel.from_long(read_table(p), source="zh.csv"))
    x = tmp_path / "l.xlsx"
    pd.read_csv(io.StringIO(text)).to_excel(x, index=False)
    _same_panel(Panel.read_long(x), Panel.from_long(read_table(x), source="l.xlsx"))


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("unit,indicator,period,value\nA,x,2020,1\nB,x,2020,NA\n", True),
        ('unit,indicator,period,value\n"A\nB",x,2020,1\n', True),  # a quoted newline
        ("unit,indicator,period,value\nA,x,2020,1\nB,x,2020,abc\n", False),  # the general route names the cell
        ("unit,indicator,period,value\nA,x,2020,1\nB,x,2020\n", False),
    ],
)
def test_which_route_a_long_file_takes(tmp_path, text, fast):
    from innoscope.panel.readers import read_coded_columns

    p = tmp_path / "long.csv"
    p.write_text(text, encoding="utf-8")
    assert (read_coded_columns(p, ["unit", "indicator", "period"], "value") is not None) is fast
