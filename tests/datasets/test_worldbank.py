"""World Bank R&D expenditure: countries by ISO3, the aggregates told apart."""

from __future__ import annotations

from innoscope.datasets.worldbank import load_worldbank


def test_units(shared_data):
    wb = load_worldbank(shared_data)
    units = wb.drop_duplicates("unit").set_index("unit")
    assert len(units) == 192 and units["country"].is_unique
    assert (units.at["CHN", "kind"], units.at["WLD", "kind"], units.at["NAM", "iso2c"]) == (
        "country",
        "aggregate",
        "NA",
    )
    assert units.loc[["XD", "XN", "XT"], "country"].tolist() == [
        "High income",
        "Lower middle income",
        "Upper middle income",
    ]
    assert (units["kind"] == "country").sum() == 152
    assert wb.loc[(wb["unit"] == "DEU") & (wb["year"] == 2020), "row"].item() >= 2
