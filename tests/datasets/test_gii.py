"""The GII 2019 data export read as a panel: every number with its measure, economy code and cell."""

from __future__ import annotations

import csv
import shutil

import numpy as np
import pytest

from innoscope.datasets.gii import column_letter, gii_wide, load_gii
from innoscope.datasets.registry import SOURCES
from innoscope.errors import InnoscopeError


@pytest.fixture(scope="module")
def gii(shared_data):
    return load_gii(shared_data)


def test_file_layout(gii):
    assert gii["economy"].nunique() == 129 and gii["code"].nunique() == 111
    assert sorted(gii["measure"].unique()) == ["rank", "raw", "score"]
    per_level = gii[gii["measure"] == "score"]["level"].value_counts().sort_index().tolist()
    assert per_level == [80 * 129, 21 * 129, 7 * 129, 2 * 129, 129]
    china = gii[gii["iso3"] == "CHN"].set_index(["code", "measure"])["value"]
    assert (china["GII", "rank"], china["GII", "score"]) == (14, 54.8)
    assert (china["2.3.2", "score"], china["2.3.2", "raw"]) == (46.3, 2.1)
    assert gii["bracketed"].sum() == 256 and (gii.loc[gii["bracketed"], "measure"] == "rank").all()


def test_every_cell_is_where_the_table_says(gii, shared_data):
    """Each number's row and column letter point at the very cell of the CSV (read here by the csv module)."""
    path = shared_data / SOURCES["gii-2019"].files[0].path
    with path.open(newline="", encoding="ascii") as f:
        cells = list(csv.reader(f))
    letters = {column_letter(i): i for i in range(len(cells[0]))}
    sample = gii[gii["value"].notna()].sample(500, random_state=1)
    for r in sample.itertuples():
        text = cells[r.row - 1][letters[r.column]].strip().strip("[]")
        assert float(text) == r.value, (r.economy, r.code, r.measure)
        assert cells[0][letters[r.column]].strip() == r.economy


def test_economies_by_iso3_with_their_names(gii):
    names = gii.drop_duplicates("iso3").set_index("iso3")["economy"]
    assert len(names) == 129 and names.index.str.fullmatch(r"[A-Z]{3}").all()
    assert names["USA"] == "United States of America (the)"
    assert (names["HKG"], names["TZA"], names["KOR"], names["CIV"]) == (
        "Hong Kong, China",
        "United Republic of Tanzania (the)",
        "Republic of Korea (the)",
        "Cote d'Ivoire",
    )


def test_the_panel_keeps_the_measures_apart(shared_data, gii):
    from innoscope.datasets.panels import load_panel
    from innoscope.frameworks import shipped
    from innoscope.panel import select_measures

    panel = load_panel("gii-2019", shared_data)
    assert panel.measures == ["rank", "raw", "score"] and len(panel.unit_codes) == 129
    fw = shipped("gii_2019")
    with pytest.raises(InnoscopeError, match=r"E940 .*indicator 1.1.1: .*rank, raw, score"):
        select_measures(panel, fw)
    scores, oriented = select_measures(panel, fw, "score")
    assert scores.measures == ["score"] and oriented.node("1.2.3").direction == 1  # a score is oriented
    raw, as_given = select_measures(panel, fw, "raw")
    assert as_given.node("1.2.3").direction == -1
    i = int(np.flatnonzero((raw.values["unit"] == "CHN") & (raw.values["indicator"] == "2.3.2"))[0])
    src = raw.source(i)
    assert (src.row, src.column, src.sha256, raw.values.loc[i, "value"]) == (
        35,
        column_letter(263 + 24),
        SOURCES["gii-2019"].files[0].sha256,
        2.1,
    )
    assert gii_wide(gii, "raw", (1,)).loc["CHN", "2.3.2"] == 2.1


def test_an_unknown_economy_is_refused(tmp_path, shared_data):
    src = SOURCES["gii-2019"].files[0]
    dest = tmp_path / src.path
    dest.parent.mkdir(parents=True)
    shutil.copyfile(shared_data / src.path, dest)
    dest.write_text(dest.read_text(encoding="ascii").replace("Albania", "Atlantis"), encoding="ascii")
    with pytest.raises(InnoscopeError, match=r"E943 .*2019_data.csv:1: .*'Atlantis'"):
        load_gii(tmp_path, verify=False)


def test_a_non_numeric_cell_is_named(tmp_path, shared_data):
    src = SOURCES["gii-2019"].files[0]
    dest = tmp_path / src.path
    dest.parent.mkdir(parents=True)
    with (shared_data / src.path).open(newline="", encoding="ascii") as f:
        cells = list(csv.reader(f))
    cells[3][140] = "5xx"  # an odd cell in the score block
    with dest.open("w", newline="", encoding="ascii") as f:
        csv.writer(f).writerows(cells)
    with pytest.raises(InnoscopeError, match=rf"E103 .*2019_data.csv:4, column {column_letter(140)}: .*'5xx'"):
        load_gii(tmp_path, verify=False)
