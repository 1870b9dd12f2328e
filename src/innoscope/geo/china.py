"""China's administrative divisions (省/市/区县) with GB/T 2260 codes, in Chinese and in pinyin.

The divisions and their coordinates are the ``adcodes`` table shipped by the
``cpca`` package (3,500 divisions: 34 provincial-level, the prefecture-level
cities and the counties and districts, each with a 12-digit code whose first
six digits are GB/T 2260).  Names in Latin script are their pinyin
(``pypinyin``), written the way Web of Science and patent offices write them
(``WUHAN``, ``XIAN``, ``PUDONG``), plus the exonyms that are not plain pinyin
(``HARBIN``, ``HOHHOT``, ``URUMQI``, ``INNER MONGOLIA``).  Each division maps
onto the China framework's provinces (:data:`innoscope.geo.places.PROVINCES`).

Postal codes: the first two digits of a six-digit Chinese postcode name the
province (``200000`` Shanghai, ``430074`` Hubei), which settles names shared by
several provinces.

>>> d = divisions_named("TAIZHOU")
>>> sorted((x.name, x.province) for x in d)
[('台州市', '浙江'), ('泰州市', '江苏')]
>>> division("420100").name, division("420100").province, postcode_province("430074")
('武汉市', '湖北', '湖北')
>>> [x.name for x in divisions_named("武汉")], [x.code for x in divisions_named("PUDONG")]
(['武汉市'], ['310115'])
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from innoscope.geo.places import PROVINCES

__all__ = ["Division", "ascii_key", "division", "divisions", "divisions_named", "postcode_province"]

Level = str  # "province" | "prefecture" | "county"

# first two digits of a postcode -> province (China Post's postcode areas)
POSTCODE_AREAS: dict[str, str] = {
    "10": "北京",
    "30": "天津",
    "05": "河北",
    "06": "河北",
    "07": "河北",
    "03": "山西",
    "04": "山西",
    "01": "内蒙古",
    "02": "内蒙古",
    "11": "辽宁",
    "12": "辽宁",
    "13": "吉林",
    "15": "黑龙江",
    "16": "黑龙江",
    "20": "上海",
    "21": "江苏",
    "22": "江苏",
    "31": "浙江",
    "32": "浙江",
    "23": "安徽",
    "24": "安徽",
    "35": "福建",
    "36": "福建",
    "33": "江西",
    "34": "江西",
    "25": "山东",
    "26": "山东",
    "27": "山东",
    "45": "河南",
    "46": "河南",
    "47": "河南",
    "43": "湖北",
    "44": "湖北",
    "41": "湖南",
    "42": "湖南",
    "51": "广东",
    "52": "广东",
    "53": "广西",
    "54": "广西",
    "57": "海南",
    "40": "重庆",
    "61": "四川",
    "62": "四川",
    "63": "四川",
    "64": "四川",
    "55": "贵州",
    "56": "贵州",
    "65": "云南",
    "66": "云南",
    "67": "云南",
    "85": "西藏",
    "86": "西藏",
    "71": "陕西",
    "72": "陕西",
    "73": "甘肃",
    "74": "甘肃",
    "81": "青海",
    "75": "宁夏",
    "83": "新疆",
    "84": "新疆",
}

# Latin names that are not the plain pinyin of the Chinese name (by GB/T 2260 code).
EXONYMS: dict[str, tuple[str, ...]] = {
    "150000": ("INNER MONGOLIA", "NEI MONGOL", "NEIMENGGU"),
    "540000": ("TIBET", "XIZANG"),
    "610000": ("SHAANXI", "SHAANXI PROVINCE"),
    "810000": ("HONG KONG", "HONGKONG", "HONG KONG SAR"),
    "820000": ("MACAU", "MACAO"),
    "710000": ("TAIWAN",),
    "150100": ("HOHHOT", "HUHHOT"),
    "650100": ("URUMQI", "URUMCHI"),
    "540100": ("LHASA",),
    "230100": ("HARBIN",),
    "230200": ("QIQIHAR",),
    "610100": ("XIAN", "XI AN"),
    "211300": ("CHAOYANG",),
    "110105": ("CHAOYANG",),
    "220104": ("CHAOYANG",),
    "650200": ("KARAMAY",),
    "653101": ("KASHGAR", "KASHI"),
    "652901": ("AKSU",),
    "652801": ("KORLA",),
    "653201": ("HOTAN",),
    "650400": ("TURPAN",),
    "540200": ("XIGAZE", "SHIGATSE"),
    "150702": ("HAILAR",),
    "150200": ("BAOTOU",),
    "440300": ("SHENZHEN",),
    "441900": ("DONGGUAN",),
    "442000": ("ZHONGSHAN",),
}
# provinces keep their ENGLISH names from places.py; the two Shanxis differ only in the doubled A.
_SUFFIX_ZH = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}?族)*(?:自治[州县旗]|特别行政区|自治区|地区|林区|新区|市|区|县|盟|旗|省)$"
)
_NOT_ASCII_KEY = re.compile(r"[^A-Z0-9]+")


@dataclass(frozen=True)
class Division:
    """One division: GB/T 2260 code, Chinese name, level, the province's standard short name, coordinates."""

    code: str
    name: str
    level: Level
    province: str
    lat: float | None
    lon: float | None

    @property
    def prefecture_code(self) -> str:
        """The code of the prefecture-level city this division lies in (itself for a prefecture)."""
        return self.code[:4] + "00" if self.level != "province" else self.code


def ascii_key(name: str) -> str:
    """The key Latin names are compared by: upper case, letters and digits only.

    >>> ascii_key("Xi'an"), ascii_key("HONG KONG"), ascii_key("Nei-Mongol")
    ('XIAN', 'HONGKONG', 'NEIMONGOL')
    >>> ascii_key("Jyväskylä"), ascii_key("São Paulo")
    ('JYVASKYLA', 'SAOPAULO')
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_ASCII_KEY.sub("", name.upper())


def _adcodes_file() -> Path:
    spec = find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise ImportError("cpca is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


_PROVINCE_OF_PREFIX = {code[:2]: short for short, (_, code) in PROVINCES.items()}
_PROVINCE_OF_PREFIX.update({"71": "台湾", "81": "香港", "82": "澳门"})
_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@functools.cache
def divisions() -> dict[str, Division]:
    """Every division by its six-digit code."""
    out: dict[str, Division] = {}
    with _adcodes_file().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if name in _SKIP or code[:2] not in _PROVINCE_OF_PREFIX:
                continue
            level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
            lat = float(row["latitude"]) if row["latitude"] else None
            lon = float(row["longitude"]) if row["longitude"] else None
            out[code] = Division(code, name, level, _PROVINCE_OF_PREFIX[code[:2]], lat, lon)
    return out


def division(code: str) -> Division:
    """The division with this GB/T 2260 code (six digits, or the 12-digit form)."""
    return divisions()[code[:6]]


def _short_zh(name: str) -> str:
    short = _SUFFIX_ZH.sub("", name)
    return short if len(short) >= 2 else name


@functools.cache
def _index() -> tuple[dict[str, tuple[Division, ...]], dict[str, tuple[Division, ...]]]:
    """(ascii key -> divisions, Chinese name -> divisions)."""
    from pypinyin import lazy_pinyin

    from innoscope.geo.places import ENGLISH

    latin: dict[str, list[Division]] = {}
    chinese: dict[str, list[Division]] = {}

    def add(table: dict[str, list[Division]], key: str, d: Division) -> None:
        bucket = table.setdefault(key, [])
        if d not in bucket:
            bucket.append(d)

    english_of = {zh: en for en, zh in ENGLISH.items()}
    for d in divisions().values():
        short = _short_zh(d.name)
        add(chinese, d.name, d)
        if d.level != "county":  # 区/县 names without their suffix misfire too often in Chinese text
            add(chinese, short, d)
        exonyms = EXONYMS.get(d.code)
        if d.level == "province" and d.province in english_of:
            add(latin, ascii_key(english_of[d.province]), d)
        if exonyms:
            for name in exonyms:
                add(latin, ascii_key(name), d)
        elif d.level != "province" or d.province not in english_of:
            add(latin, ascii_key("".join(lazy_pinyin(short))), d)
    # Shanxi (山西) and Shaanxi (陕西): the plain pinyin of 陕西 is also SHANXI; keep only the convention.
    latin["SHANXI"] = [d for d in latin["SHANXI"] if d.province != "陕西"]
    return {k: tuple(v) for k, v in latin.items()}, {k: tuple(v) for k, v in chinese.items()}


def divisions_named(name: str) -> tuple[Division, ...]:
    """Every division a name can stand for: Chinese (``武汉``, ``武汉市``) or Latin (``WUHAN``)."""
    latin, chinese = _index()
    if re.search(r"[\u4e00-\u9fff]", name):
        return chinese.get(name.strip(), ())
    return latin.get(ascii_key(name), ())


def chinese_names() -> tuple[str, ...]:
    """Every Chinese division name the index knows, longest first (for scanning Chinese text)."""
    return tuple(sorted(_index()[1], key=len, reverse=True))


def postcode_province(code: str) -> str | None:
    """The province a six-digit Chinese postcode belongs to (None for anything else)."""
    code = code.strip()
    if len(code) != 6 or not code.isdigit():
        return None
    return POSTCODE_AREAS.get(code[:2])
