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
