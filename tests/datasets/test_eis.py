"""The EIS 2023 database read as a panel: EU-relative scores of 38 countries and the EU, keyed by ISO3."""

from __future__ import annotations

import numpy as np
import pytest

from innoscope.datasets.eis import EU, load_eis


@pytest.fixture(scope="module")
def eis(shared_data):
    return load_eis(shared_data)


def test_layout(eis):
    data, dropped = eis
    assert dropped == 14040 and len(data) == 39 * 45 * 8
    assert data.groupby("depth")["code"].nunique().to_dict() == {1: 1, 2: 12, 3: 32}
    eu16 = data[(data["unit"] == EU) & (data["year"] == 2016)]
    assert (eu16["value"] == 100).all()
    assert int(data["value"].isna().sum()) == 344
    assert set(data.loc[data["depth"] == 1, "code"]) == {"SII"}


def test_countries_by_iso3(eis):
    data, _ = eis
    codes = data.drop_duplicates("unit").set_index("country")["unit"]
    assert len(codes) == 39 and codes.drop("EU Average").str.fullmatch(r"[A-Z]{3}").all()
    assert (codes["EL"], codes["UK"], codes["DE"], codes["MK"], codes["EU Average"]) == ("GRC", "GBR", "DEU", "MKD", EU)
    groups = data.drop_duplicates("unit").set_index("unit")
    assert (groups.at["CHE", "zone"], groups.at["CHE", "performance"]) == ("non-EU", "Leader")


def test_panel_measure_and_cells(shared_data, eis):
    from innoscope.datasets.panels import load_panel

    panel = load_panel("eis-2023", shared_data)
    assert panel.measures == ["relative"] and len(panel.unit_codes) == 39
    assert set(panel.units.columns) == {"unit", "name", "zone", "performance"}
    v = panel.values
    i = int(np.flatnonzero((v["unit"] == "GRC") & (v["indicator"] == "SII") & (v["period"] == 2023))[0])
    src = panel.source(i)
    assert (src.sheet, src.column) == ("Sheet 1", "Value")
    import pandas as pd

    sheet = pd.read_excel(shared_data / src.file, sheet_name="Sheet 1", engine="calamine")
    cell = sheet.iloc[src.row - 2]
    assert (cell["Country"], cell["Year"], str(cell["Numbers"]), cell["Level"]) == ("EL", 2023, "0", 0)
    assert cell["Value"] == v.loc[i, "value"]


def _sheet(tmp_path, frame):
    import pandas as pd

    from innoscope.datasets.registry import SOURCES

    dest = tmp_path / SOURCES["eis-2023"].files[0].path
    dest.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(dest) as xw:
        frame.to_excel(xw, sheet_name="Sheet 1", index=False)
    return dest


def test_bad_sheets_are_refused(tmp_path):
    import pandas as pd

    from innoscope.errors import InnoscopeError

    good = pd.DataFrame(
        {
            "Indicator": ["Summary Innovation Index"] * 2,
            "Perf": ["Strong"] * 2,
            "Year": [2022, 2023],
            "Zone": ["EU"] * 2,
            "Country": ["EL"] * 2,
            "CountryName": ["Greece"] * 2,
            "Level": [0, 0],
            "Value": [80.5, 81.0],
            "Numbers": ["0", "0"],
            "DigitCount": [1, 1],
        }
    )
    _sheet(tmp_path, good)
    data, _ = load_eis(tmp_path, verify=False)
    assert data[["unit", "code", "value", "row"]].values.tolist() == [["GRC", "SII", 80.5, 2], ["GRC", "SII", 81.0, 3]]
    _sheet(tmp_path, good.drop(columns=["Numbers"]))
    with pytest.raises(InnoscopeError, match=r"E101 .*EIS_Data_Stratified.xlsx \[Sheet 1\]: .*Numbers"):
        load_eis(tmp_path, verify=False)
    _sheet(tmp_path, good.assign(Value=["80.5", "n.a.x"]))
    with pytest.raises(InnoscopeError, match=r"E103 .*\[Sheet 1\]:3, column Value: .*'n.a.x'"):
        load_eis(tmp_path, verify=False)
    _sheet(tmp_path, good.assign(Country=["XX", "XX"]))
    with pytest.raises(InnoscopeError, match=r"E943 .*column Country: .*'XX'"):
        load_eis(tmp_path, verify=False)
    _sheet(tmp_path, good.assign(Year=[2023, 2023]))
    with pytest.raises(InnoscopeError, match=r"E102 .*\[Sheet 1\]: .*rows 2, 3 repeat \(EL, 2023, SII\)"):
        load_eis(tmp_path, verify=False)
