"""Counting against hand counts of the golden files (worked out in the comments)."""

from pathlib import Path

import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.provenance import RecordIds, from_dict, to_dict
from innoscope.scientometrics.count import count_records
from innoscope.scientometrics.journals import journal_set, read_journal_file
from innoscope.scientometrics.read import read_records

DATA = Path(__file__).resolve().parents[1] / "data" / "scientometrics"
NSC = journal_set("nature-science-cell")

# wos_plain.txt, by hand:
#   001 NATURE 2021: [Li; Wu] Fudan (Shanghai), [Smith] MIT (USA), [Wu] Zhejiang Univ (Hangzhou)
#   002 SCIENCE 2021: [Zhang] Nanjing (Jiangsu)
#   003 CELL 2020: [Brown] Cambridge (GBR), [Chen] Peking Univ (Beijing)
#   004 SCIENCE ADVANCES 2021, no address;  005 CELL 2021: Tokyo;  006 PLOS ONE 2019: Taizhou (ambiguous)


@pytest.fixture(scope="module")
def wos():
    return read_records([DATA / "wos_plain.txt"]).table


def values(counts):
    return {(r.unit, r.period): r.value for r in counts.observations.itertuples()}


def test_whole_counts_by_country_in_the_nsc_set(wos):
    c = count_records(wos, by="country", counting="whole", journals=NSC, journal_label="nsc")
    assert values(c) == {("CHN", 2021): 2, ("USA", 2021): 1, ("JPN", 2021): 1, ("GBR", 2020): 1, ("CHN", 2020): 1}
    assert c.observations["indicator"].unique().tolist() == ["papers_nsc_whole"]
    chn = c.observations.set_index(["unit", "period"]).loc[("CHN", 2021)]
    assert chn["record_ids"] == "WOS:000000000000001;WOS:000000000000002"


def test_fractional_counts(wos):
    c = count_records(wos, by="country", counting="fractional", journals=NSC)
    v = values(c)
    assert v[("CHN", 2021)] == pytest.approx(1 / 3 + 1 / 3 + 1)  # 001's two Chinese addresses of three, 002
    assert v[("USA", 2021)] == pytest.approx(1 / 3)
    assert v[("JPN", 2021)] == 1.0
    assert v[("CHN", 2020)] == 0.5


def test_author_fractional_shares_each_author_among_their_addresses(wos):
    # 001: Li 1/3 -> Fudan; Wu 1/3 -> half Fudan, half Zhejiang; Smith 1/3 -> MIT
    c = count_records(wos, by="province", counting="author-fractional", journals=NSC)
    v = values(c)
    assert v[("上海", 2021)] == pytest.approx(1 / 3 + 1 / 6)
    assert v[("浙江", 2021)] == pytest.approx(1 / 6)
    assert v[("江苏", 2021)] == 1.0
    assert v[("US-MA", 2021)] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("counting", "expected"),
    [
        ("whole", {"上海": 50.0, "浙江": 50.0, "江苏": 50.0}),  # each province in 1 of China's 2 papers
        ("fractional", {"上海": 20.0, "浙江": 20.0, "江苏": 60.0}),  # 1/3, 1/3, 1 of 5/3
        ("author-fractional", {"上海": 30.0, "浙江": 10.0, "江苏": 60.0}),  # 1/2, 1/6, 1 of 5/3
    ],
)
def test_shares_of_the_national_total(wos, counting, expected):
    c = count_records(wos, by="province", counting=counting, journals=NSC, share_of="CHN")
    obs = c.observations[c.observations.period == 2021]
    assert dict(zip(obs.unit, obs.value, strict=True)) == pytest.approx(expected)
    assert obs["indicator"].iloc[0] == f"papers_{counting.replace('-', '_')}_share_of_chn_pct"
    assert set(obs["reference"]) == {"CHN"}


def test_share_of_the_world(wos):
    c = count_records(wos, by="country", counting="whole", share_of="WORLD")
    v = values(c)
    # 2021: 001, 002, 004 (no address), 005 -> 4 papers; CHN has 2 of them
    assert v[("CHN", 2021)] == 50.0
    assert v[("JPN", 2021)] == 25.0


def test_unassigned_and_no_year_are_reported(wos):
    c = count_records(wos, by="province", counting="fractional")
    ua = c.unassigned.set_index("period")
    # 2019: Taizhou unmatched at province level; 2021: 004 (no address), 005 Tokyo and MIT have provinces
    assert ua.loc[2019, "weight"] == 1.0
    assert ua.loc[2021, "records"] == 1 and ua.loc[2021, "weight"] == 1.0
    assert c.no_year == 0
    scopus = read_records([DATA / "scopus_old.csv"]).table
    assert count_records(scopus, by="country").no_year == 1  # Year n.d.


def test_every_unit_kind(wos):
    city = values(count_records(wos, by="city", journals=NSC))
    assert city[("上海市", 2021)] == 1 and city[("Cambridge, USA", 2021)] == 1 and city[("Cambridge, GBR", 2020)] == 1
    inst = values(count_records(wos, by="institution", journals=NSC))
    assert inst[("Fudan Univ, CHN", 2021)] == 1 and inst[("Univ Tokyo, JPN", 2021)] == 1


def test_journal_file_and_fields(wos):
    keys = read_journal_file(DATA / "journals.txt")
    assert keys == {"NATURE", "J AM CHEM SOC"}
    c = count_records(wos, by="country", journals=keys)
    assert set(c.observations["record_ids"]) == {"WOS:000000000000001"}
    physics = count_records(wos, by="country", fields=("physics",))
    assert set(physics.observations["record_ids"]) == {"WOS:000000000000001"}


def test_patents_by_inventor_and_applicant():
    t = read_records([DATA / "patents.csv"]).table
    inv = values(count_records(t, by="country", counting="fractional", kind="patent"))
    # WO..01: two Chinese inventors (1/2 each); WO..02: two US inventors; WO..05: Seoul; WO..04: 2020
    assert inv == {("CHN", 2020): 1.0, ("CHN", 2021): 1.0, ("KOR", 2021): 1.0, ("USA", 2021): 1.0}
    prov = values(count_records(t, by="province", counting="fractional", kind="patent"))
    assert prov[("上海", 2021)] == 0.5 and prov[("浙江", 2021)] == 0.5
    app = values(count_records(t, by="province", kind="patent", role="applicant"))
    assert app == {("广东", 2021): 1.0}
    assert count_records(t, by="country", kind="patent").no_year == 1  # WO..03 filed 2021-13-01


def test_exact_sums_do_not_depend_on_order(wos):
    shuffled = wos.sample(frac=1.0, random_state=0)
    a = count_records(wos, by="country", counting="fractional").observations
    b = count_records(shuffled, by="country", counting="fractional", threads=1).observations
    pd.testing.assert_frame_equal(a, b)


def test_refused_options(wos):
    with pytest.raises(InnoscopeError, match="E609"):
        count_records(wos, by="province", share_of="FRA")
    with pytest.raises(InnoscopeError, match="E605"):
        count_records(wos, by="cluster")
    with pytest.raises(InnoscopeError, match="E606"):
        journal_set("top-journals")
    with pytest.raises(ValueError):
        count_records(wos, by="planet")


def test_record_ids_are_a_typed_source(wos):
    from innoscope.scientometrics.outputs import count_panel

    c = count_records(wos, by="country", journals=NSC, source_file="wos.parquet", source_sha256="ab" * 32)
    panel = count_panel(c.observations)
    i = int(((panel.values.unit == "CHN") & (panel.values.period == 2021)).to_numpy().nonzero()[0][0])
    src = panel.source(i)
    assert src == RecordIds("wos.parquet", "ab" * 32, ("WOS:000000000000001", "WOS:000000000000002"))
    assert from_dict(to_dict(src)) == src


@pytest.mark.parametrize("by", ["country", "province", "city", "institution"])
@pytest.mark.parametrize("counting", ["whole", "fractional"])
def test_first_row_flags_give_the_distinct_counts(wos, by, counting):
    """Whole counts sum the records table's first-row flags; without them, DISTINCT gives the same."""
    plain = wos.drop(columns=[c for c in wos.columns if c.startswith("first_")])
    for share in (None, "CHN", "WORLD"):
        a = count_records(wos, by=by, counting=counting, share_of=share)
        b = count_records(plain, by=by, counting=counting, share_of=share)
        pd.testing.assert_frame_equal(a.observations, b.observations)
        pd.testing.assert_frame_equal(a.unassigned, b.unassigned)
        assert a.no_year == b.no_year
