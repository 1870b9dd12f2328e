"""Panel input: long and wide tables from CSV, Excel and Parquet, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.panel import Panel, read_table

LONG = "unit,indicator,period,value\nA,x,2020,1\nA,x,2021,2\nB,x,2020,3\nB,y,2020,\n"


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_long_csv(tmp_path):
    p = Panel.from_long(read_table(write(tmp_path, "l.csv", LONG)), source="l.csv")
    assert p.periods == [2020, 2021]
    cube, periods = p.cube(["x", "y"])
    assert periods == [2020, 2021]
    assert cube.shape == (2, 2, 2)
    assert cube[0, 1, 0] == 3 and np.isnan(cube[0, 1, 1]) and np.isnan(cube[1, 1, 0])
    assert (p.values.loc[2, "file"], p.values.loc[2, "row"]) == ("l.csv", 4)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_encodings(tmp_path, encoding):
    text = "unit,indicator,period,value\n上海,研发强度,2021,4.21\n北京,研发强度,2021,6.53\n"
    p = Panel.from_long(read_table(write(tmp_path, "zh.csv", text, encoding)))
    assert p.unit_codes == ["上海", "北京"] and p.indicator_codes == ["研发强度"]


def test_wide_xlsx_and_parquet_agree(tmp_path):
    df = pd.DataFrame({"uCode": ["A", "B"], "Time": [2020, 2020], "grp": ["n", "s"], "x": [1.5, None], "y": [2, 3]})
    df.to_excel(tmp_path / "w.xlsx", index=False)
    df.to_parquet(tmp_path / "w.parquet", index=False)
    a = Panel.from_wide(read_table(tmp_path / "w.xlsx"), groups=["grp"])
    b = Panel.from_wide(read_table(tmp_path / "w.parquet"), groups=["grp"])
    for p in (a, b):
        cube, _ = p.cube(["x", "y"])
        np.testing.assert_allclose(cube[0], [[1.5, 2], [np.nan, 3]])
        assert list(p.groups("grp")) == ["n", "s"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (LONG + "A,x,2021,5\n", r"E102 .*l.csv:3, l.csv:6 repeat \(A, x, 2021\)"),
        ("unit,indicator,period,value\nA,x,2020,1\nA,y,2020,12abc\n", r"E103 l.csv:3, column value: .*'12abc'"),
        ("unit,indicator,period,value\nA,x,2020,inf\n", r"E107 l.csv:2, column value"),
        ("unit,indicator,period\nA,x,2020\n", r"E101 l.csv: .*'value'"),
        ("unit,indicator,period,value\n,x,2020,1\n", r"l.csv:2, column unit: .*empty"),
        ("unit,indicator,period,value\nA,x,2020,1\nA,x,,1\n", r"E108 l.csv:3, column period: empty period"),
    ],
)
def test_bad_long_tables(tmp_path, text, message):
    with pytest.raises(InnoscopeError, match=message):
        Panel.from_long(read_table(write(tmp_path, "l.csv", text)), source="l.csv")


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(InnoscopeError, match="E003"):
        read_table(write(tmp_path, "e.csv", ""))
    with pytest.raises(InnoscopeError, match="E003"):
        read_table(write(tmp_path, "h.csv", "unit,indicator,period,value\n"))
    with pytest.raises(InnoscopeError, match="E001 .*nope.csv"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InnoscopeError, match="E002"):
        read_table(write(tmp_path, "x.json", "{}"))


def test_wrong_encoding_and_broken_xlsx(tmp_path):
    bad = tmp_path / "bin.csv"
    bad.write_bytes(b"unit,value\n\xff\xfe\x00\x81\x00,1\n")
    with pytest.raises(InnoscopeError, match="E004 .*bin.csv"):
        read_table(bad)
    broken = write(tmp_path, "b.xlsx", "not a zip")
    with pytest.raises(InnoscopeError, match="E004 .*b.xlsx"):
        read_table(broken)


def test_wide_duplicates_and_duplicate_columns(tmp_path):
    with pytest.raises(InnoscopeError, match=r"E102 w.csv: .*rows 2, 3 repeat unit A period 2020"):
        Panel.from_wide(read_table(write(tmp_path, "w.csv", "uCode,Time,x\nA,2020,1\nA,2020,2\n")), source="w.csv")
    with pytest.raises(InnoscopeError, match="column 'x' appears twice"):
        read_table(write(tmp_path, "d.csv", "uCode,x,x\nA,1,2\n"))


def test_coinr_idata(asem_dir):
    df = read_table(asem_dir / "ASEM_iData.csv")
    groups = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]
    p = Panel.from_wide(df, unit="uCode", name="uName", period="Time", groups=groups)
    assert len(p.unit_codes) == 51 and p.periods == [2018]
    # the 63 missing indicator cells, plus one missing denominator (Energy)
    assert int(p.values["value"].isna().sum()) == 64
    assert p.units.set_index("unit").at["CHE", "name"] == "Switzerland"
