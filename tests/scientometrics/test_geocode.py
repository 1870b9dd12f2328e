"""Addresses to places: hand-annotated addresses in the spellings WoS, Scopus and patent offices use."""

import pytest

from innoscope.scientometrics.geocode import geocode

# address -> (city, province, country, match), annotated by hand
CASES = [
    ("WUHAN UNIV, SCH INFORMAT MANAGEMENT, WUHAN, HUBEI, PEOPLES R CHINA", ("武汉市", "湖北", "CHN", "matched")),
    ("INST SCI & TECH INFORMAT CHINA, BEIJING 100038, PEOPLES R CHINA", ("北京市", "北京", "CHN", "matched")),
    ("COLLABORAT INNOVAT CTR, YICHANG 443002, HUBEI PROVINCE, PEOPLES R CHINA", ("宜昌市", "湖北", "CHN", "matched")),
    (
        "Chinese Acad Sci, Inst Phys, Haidian Dist, Beijing 100190, Peoples R China",
        ("北京市", "北京", "CHN", "matched"),
    ),
    ("Fudan Univ, Shanghai 200433, Peoples R China", ("上海市", "上海", "CHN", "matched")),
    ("Xi An Jiaotong Univ, Xian 710049, Shaanxi, Peoples R China", ("西安市", "陕西", "CHN", "matched")),
    ("Shanxi Univ, Taiyuan 030006, Shanxi, Peoples R China", ("太原市", "山西", "CHN", "matched")),
    ("Harbin Inst Technol, Harbin 150001, Heilongjiang, Peoples R China", ("哈尔滨市", "黑龙江", "CHN", "matched")),
    ("Nanjing Univ, Taizhou 225300, Peoples R China", ("泰州市", "江苏", "CHN", "matched")),  # postcode 22: Jiangsu
    ("Taizhou Univ, Taizhou 318000, Zhejiang, Peoples R China", ("台州市", "浙江", "CHN", "matched")),
    ("Univ X, Taizhou, Peoples R China", (None, None, "CHN", "ambiguous")),  # 台州 or 泰州: not guessed
    ("Suzhou Univ, Suzhou, Peoples R China", (None, None, "CHN", "ambiguous")),  # 苏州 or 宿州
    ("Soochow Univ, Suzhou 215006, Jiangsu, Peoples R China", ("苏州市", "江苏", "CHN", "matched")),
    ("Tianjin Univ, Hebei Dist, Tianjin 300130, Peoples R China", ("天津市", "天津", "CHN", "matched")),
    ("Hebei Univ Technol, Tianjin 300401, Peoples R China", ("天津市", "天津", "CHN", "matched")),
    ("Sun Yat Sen Univ, Guangzhou 510275, Guangdong, Peoples R China", ("广州市", "广东", "CHN", "matched")),
    ("Peking Univ, Peoples R China", (None, None, "CHN", "partial")),
    ("上海市浦东新区张江路1号", ("上海市", "上海", "CHN", "matched")),
    ("浙江省杭州市西湖区", ("杭州市", "浙江", "CHN", "matched")),
    ("SUNY COLL OSWEGO, OSWEGO, NY 13126 USA", ("Oswego", "US-NY", "USA", "matched")),
    ("MIT, Dept Phys, Cambridge, MA 02139 USA", ("Cambridge", "US-MA", "USA", "matched")),
    ("Harvard Medical School, Boston, MA, United States", ("Boston", "US-MA", "USA", "matched")),
    ("GEORGIA TECH, ATLANTA, GA", ("Atlanta", "US-GA", "USA", "matched")),  # older WoS: no USA
    ("Univ X, Springfield, USA", (None, None, "USA", "ambiguous")),
    ("Univ Cambridge, Dept Genet, Cambridge CB2 3EH, England", ("Cambridge", "GB.ENG", "GBR", "matched")),
    ("BANGOR UNIV, SCH COMP SCI, BANGOR, GWYNEDD, WALES", ("Bangor", "GB.WLS", "GBR", "matched")),
    ("UNIV EDINBURGH, EDINBURGH EH8 9YL, MIDLOTHIAN, SCOTLAND", ("Edinburgh", "GB.SCT", "GBR", "matched")),
    ("MAX PLANCK GESELL, HOFGARTENSTR 8, D-80539 MUNICH, GERMANY", ("Munich", "DE.02", "DEU", "matched")),
    ("LEIDEN UNIV, CWTS, NL-2300 AX LEIDEN, NETHERLANDS", ("Leiden", "NL.11", "NLD", "matched")),
    ("UNIV SAO PAULO, BR-05508 SAO PAULO, BRAZIL", ("São Paulo", "BR.27", "BRA", "matched")),
    ("ROYAL SCH LIBRARIANSHIP, DK-2300 COPENHAGEN S, DENMARK", ("Copenhagen", "DK.17", "DNK", "matched")),
    ("NATL TAIWAN UNIV, TAIPEI 10617, TAIWAN", ("Taipei", "TW.04", "TWN", "matched")),
    ("Univ Tokyo, Tokyo 1130033, Japan", ("Tokyo", "JP.40", "JPN", "matched")),
    ("AS POPOV MUSEUM, LENINGRAD 190000, USSR", (None, None, None, "unmatched")),
    ("CHEMOPETROL, CS-65649 BRNO, CZECHOSLOVAKIA", (None, None, None, "unmatched")),
]


@pytest.mark.parametrize(("address", "expected"), CASES)
def test_addresses(address, expected):
    p = geocode(address)
    assert (p.city, p.province, p.country, p.match) == expected, p.note


def test_matched_places_have_coordinates_and_codes():
    p = geocode("Chinese Acad Sci, Inst Phys, Haidian Dist, Beijing 100190, Peoples R China")
    assert (p.division, p.precision, p.institution) == ("110108", "district", "Chinese Acad Sci")
    assert 39.8 < p.lat < 40.1 and 116.1 < p.lon < 116.4
    assert geocode("Fudan Univ, Shanghai 200433, Peoples R China").precision == "city"


def test_unmatched_and_ambiguous_say_why():
    assert geocode("Univ X, Taizhou, Peoples R China").note == "TAIZHOU: 台州市 (浙江) | 泰州市 (江苏)"
    assert "country not recognised" in geocode("X, LENINGRAD, USSR").note
    assert geocode("").match == "unmatched"


def test_a_postcode_that_contradicts_the_province_is_noted():
    p = geocode("Univ X, Wuhan 200433, Hubei, Peoples R China")
    assert (p.province, p.city) == ("湖北", "武汉市")
    assert "postcode 200433 is in 上海" in p.note


def test_country_hint_for_addresses_without_country():
    p = geocode("Pudong New Area, Shanghai", "CN")
    assert (p.city, p.province, p.division, p.institution) == ("上海市", "上海", "310115", None)
    assert geocode("Stuttgart", "DE").city == "Stuttgart"
    assert geocode("Seoul", "KOR").country == "KOR"
