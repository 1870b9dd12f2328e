"""The gazetteer: country spellings, China's divisions and postcodes, world cities, US ZIP codes."""

import pytest

from innoscope.geo import (
    PROVINCES,
    cities_named,
    country_iso3,
    division,
    divisions_named,
    find_region,
    postcode_province,
    us_state,
    zip_place,
)
from innoscope.geo.china import divisions


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("PEOPLES R CHINA", "CHN"),
        ("ENGLAND", "GBR"),
        ("SCOTLAND", "GBR"),
        ("WALES", "GBR"),
        ("NORTH IRELAND", "GBR"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("SOUTH KOREA", "KOR"),
        ("Russian Federation", "RUS"),
        ("U ARAB EMIRATES", "ARE"),
        ("TAIWAN", "TWN"),
        ("CZECH REPUBLIC", "CZE"),
        ("NETHERLANDS", "NLD"),
        ("BOSNIA & HERCEG", "BIH"),
        ("Côte d'Ivoire", "CIV"),
        ("DEU", "DEU"),
    ],
)
def test_country_spellings(name, iso3):
    assert country_iso3(name) == iso3


@pytest.mark.parametrize("name", ["USSR", "CZECHOSLOVAKIA", "ATLANTIS", ""])
def test_countries_that_are_not_guessed(name):
    assert country_iso3(name) is None


def test_every_framework_province_is_a_division_with_its_code():
    for short, (full, code) in PROVINCES.items():
        d = division(code)
        assert (d.name, d.province, d.level) == (full, short, "province")


def test_divisions_belong_to_the_province_of_their_code_prefix():
    codes = {code[:2]: short for short, (_, code) in PROVINCES.items()}
    for d in divisions().values():
        if d.code[:2] in codes:
            assert d.province == codes[d.code[:2]]
    # 3,000 and more divisions below the provinces, with coordinates inside China's bounding box
    lower = [d for d in divisions().values() if d.level != "province"]
    assert len(lower) > 3000
    placed = [d for d in lower if d.lat is not None]
    assert all(3 < d.lat < 54 and 73 < d.lon < 136 for d in placed)  # the South China Sea islands reach 4°N


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("WUHAN", {"420100"}),
        ("Xi'an", {"610100", "220403", "231005"}),  # 西安市 and two districts 西安区 (Jilin, Heilongjiang)
        ("HARBIN", {"230100"}),
        ("URUMQI", {"650100"}),
        ("HAIDIAN", {"110108"}),
        ("SHAANXI", {"610000"}),
        ("SHANXI", {"140000"}),
        ("TAIZHOU", {"331000", "321200"}),  # 台州 (Zhejiang), 泰州 (Jiangsu)
        ("深圳", {"440300"}),
        ("深圳市", {"440300"}),
        ("浦东新区", {"310115"}),
    ],
)
def test_division_names(name, codes):
    assert {d.code for d in divisions_named(name)} == codes


@pytest.mark.parametrize(
    ("code", "province"),
    [
        ("200433", "上海"),
        ("100871", "北京"),
        ("430074", "湖北"),
        ("310027", "浙江"),
        ("610064", "四川"),
        ("830000", "新疆"),
    ],
)
def test_postcodes(code, province):
    assert postcode_province(code) == province


def test_postcodes_that_are_not_chinese():
    assert postcode_province("02139") is None
    assert postcode_province("999999") is None


def test_world_cities_by_country_and_tier():
    assert [c.name for c in cities_named("MUNCHEN", "DE")] == ["Munich"]
    assert [c.name for c in cities_named("Jyväskylä", "FI")] == ["Jyväskylä"]
    lapua = cities_named("LAPUA", "FI")  # fewer than 15,000 inhabitants: the second tier
    assert len(lapua) == 1 and lapua[0].population < 15000
    assert len(cities_named("SPRINGFIELD", "US")) > 3  # ambiguous without the state
    assert cities_named("NOWHERE TOWN", "FR") == ()


def test_us_states_and_zip_codes():
    assert (us_state("MA"), us_state("Massachusetts"), us_state("ZZ")) == ("MA", "MA", None)
    z = zip_place("02139")
    assert (z.city, z.state) == ("Cambridge", "MA")
    assert abs(z.lat - 42.36) < 0.05 and abs(z.lon + 71.10) < 0.05
    assert zip_place("00000") is None
    assert zip_place("ABCDE") is None


def test_running_text_lookup_is_unchanged():
    assert find_region("上海共有48项") == "上海"
    assert find_region("Shanghai ranked 8th") == "上海"


def test_the_running_text_country_names_agree_with_the_address_table():
    """places.WORLD_EN (names in reports) and countries.py (names in addresses) never disagree."""
    from innoscope.geo.places import WORLD_EN

    checked = 0
    for name, code in WORLD_EN.items():
        if len(code) == 3 and code.isascii() and code.isupper() and code not in ("OECD",):
            found = country_iso3(name)
            assert found in (code, None), name
            checked += found is not None
    assert checked > 60
