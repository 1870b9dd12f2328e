"""A small gazetteer: China's provincial-level regions and leading cities, and the countries and
groupings innovation reports name.

Chinese places are given by their standard short name; other countries by their
ISO 3166 alpha-3 code, and the groupings as ``EU``, ``EA`` (euro area) and ``OECD``,
so that a foreign figure in a Chinese report does not take the report's own region.

>>> find_region("闵行大零号湾创新创业集聚区"), find_region("上海共有48项"), find_region("在沪院士")
(None, '上海', '上海')
>>> find_region("广东省研发投入"), find_region("深圳市"), find_region("Shanghai ranked 8th")
('广东', '深圳', '上海')
>>> find_region("与新加坡合作"), find_region("R&D intensity in the EU28 area"), find_region("the UK's GERD")
('SGP', 'EU', 'GBR')
>>> find_region("US$2.5 billion"), find_region("Turkey's") , find_region("a turkey")
(None, 'TUR', None)
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH", "PROVINCES", "WORLD_EN", "WORLD_ZH", "find_region", "place_names"]

# standard short name -> (full name, code of GB/T 2260)
PROVINCES: dict[str, tuple[str, str]] = {
    "北京": ("北京市", "110000"),
    "天津": ("天津市", "120000"),
    "河北": ("河北省", "130000"),
    "山西": ("山西省", "140000"),
    "内蒙古": ("内蒙古自治区", "150000"),
    "辽宁": ("辽宁省", "210000"),
    "吉林": ("吉林省", "220000"),
    "黑龙江": ("黑龙江省", "230000"),
    "上海": ("上海市", "310000"),
    "江苏": ("江苏省", "320000"),
    "浙江": ("浙江省", "330000"),
    "安徽": ("安徽省", "340000"),
    "福建": ("福建省", "350000"),
    "江西": ("江西省", "360000"),
    "山东": ("山东省", "370000"),
    "河南": ("河南省", "410000"),
    "湖北": ("湖北省", "420000"),
    "湖南": ("湖南省", "430000"),
    "广东": ("广东省", "440000"),
    "广西": ("广西壮族自治区", "450000"),
    "海南": ("海南省", "460000"),
    "重庆": ("重庆市", "500000"),
    "四川": ("四川省", "510000"),
    "贵州": ("贵州省", "520000"),
    "云南": ("云南省", "530000"),
    "西藏": ("西藏自治区", "540000"),
    "陕西": ("陕西省", "610000"),
    "甘肃": ("甘肃省", "620000"),
    "青海": ("青海省", "630000"),
    "宁夏": ("宁夏回族自治区", "640000"),
    "新疆": ("新疆维吾尔自治区", "650000"),
}
CITIES = (
    "深圳",
    "广州",
    "杭州",
    "南京",
    "苏州",
    "武汉",
    "成都",
    "西安",
    "合肥",
    "宁波",
    "青岛",
    "厦门",
    "长沙",
    "郑州",
    "济南",
    "沈阳",
    "大连",
    "无锡",
    "东莞",
    "佛山",
    "珠海",
    "香港",
    "澳门",
    "台湾",
    # the other prefecture-level cities of Guangdong and Zhejiang, whose reports name them
    "惠州",
    "汕头",
    "湛江",
    "茂名",
    "江门",
    "肇庆",
    "清远",
    "韶关",
    "梅州",
    "河源",
    "汕尾",
    "潮州",
    "揭阳",
    "云浮",
    "阳江",
    "温州",
    "嘉兴",
    "湖州",
    "绍兴",
    "金华",
    "衢州",
    "舟山",
    "台州",
    "丽水",
)
# one-character abbreviations, only after 在/来/赴/驻/留 (在粤, 来沪), where they cannot be another word
ABBREVIATIONS = {
    "沪": "上海",
    "京": "北京",
    "津": "天津",
    "粤": "广东",
    "浙": "浙江",
    "苏": "江苏",
    "皖": "安徽",
    "闽": "福建",
    "赣": "江西",
    "鲁": "山东",
    "豫": "河南",
    "鄂": "湖北",
    "湘": "湖南",
    "桂": "广西",
    "琼": "海南",
    "渝": "重庆",
    "川": "四川",
    "黔": "贵州",
    "滇": "云南",
    "陕": "陕西",
    "晋": "山西",
    "冀": "河北",
    "辽": "辽宁",
}
ALIASES = {f"{verb}{abbr}": name for abbr, name in ABBREVIATIONS.items() for verb in ("在", "来", "赴", "驻", "留")}
ENGLISH = {
    "Beijing": "北京",
    "Tianjin": "天津",
    "Hebei": "河北",
    "Shanxi": "山西",
    "Inner Mongolia": "内蒙古",
    "Liaoning": "辽宁",
    "Jilin": "吉林",
    "Heilongjiang": "黑龙江",
    "Shanghai": "上海",
    "Jiangsu": "江苏",
    "Zhejiang": "浙江",
    "Anhui": "安徽",
    "Fujian": "福建",
    "Jiangxi": "江西",
    "Shandong": "山东",
    "Henan": "河南",
    "Hubei": "湖北",
    "Hunan": "湖南",
    "Guangdong": "广东",
    "Guangxi": "广西",
    "Hainan": "海南",
    "Chongqing": "重庆",
    "Sichuan": "四川",
    "Guizhou": "贵州",
    "Yunnan": "云南",
    "Tibet": "西藏",
    "Xizang": "西藏",
    "Shaanxi": "陕西",
    "Gansu": "甘肃",
    "Qinghai": "青海",
    "Ningxia": "宁夏",
    "Xinjiang": "新疆",
    "Shenzhen": "深圳",
    "Guangzhou": "广州",
    "Hangzhou": "杭州",
    "Nanjing": "南京",
    "Suzhou": "苏州",
    "Wuhan": "武汉",
    "Chengdu": "成都",
    "Hong Kong": "香港",
    "Macao": "澳门",
    "Macau": "澳门",
}

# Countries and groupings, in English and Chinese, to ISO 3166 alpha-3 codes (EU, EA, OECD for groupings).
WORLD_EN: dict[str, str] = {
    "United States": "USA", "United States of America": "USA", "the US": "USA", "U.S.": "USA", "USA": "USA",
    "United Kingdom": "GBR", "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR",
    "England": "GBR", "Scotland": "GBR", "Wales": "GBR", "Germany": "DEU", "France": "FRA", "Italy": "ITA",
    "Spain": "ESP", "Portugal": "PRT", "Netherlands": "NLD", "Belgium": "BEL", "Luxembourg": "LUX",
    "Denmark": "DNK", "Sweden": "SWE", "Finland": "FIN", "Norway": "NOR", "Iceland": "ISL", "Ireland": "IRL",
    "Austria": "AUT", "Switzerland": "CHE", "Poland": "POL", "Czechia": "CZE", "Czech Republic": "CZE",
    "Slovakia": "SVK", "Slovenia": "SVN", "Hungary": "HUN", "Romania": "ROU", "Bulgaria": "BGR", "Croatia": "HRV",
    "Greece": "GRC", "Cyprus": "CYP", "Malta": "MLT", "Estonia": "EST", "Latvia": "LVA", "Lithuania": "LTU",
    "Serbia": "SRB", "North Macedonia": "MKD", "Montenegro": "MNE", "Albania": "ALB", "Ukraine": "UKR",
    "Moldova": "MDA", "Turkey": "TUR", "Türkiye": "TUR", "Israel": "ISR", "Japan": "JPN", "Korea": "KOR",
    "South Korea": "KOR", "Republic of Korea": "KOR", "India": "IND", "Singapore": "SGP", "Australia": "AUS",
    "New Zealand": "NZL", "Canada": "CAN", "Brazil": "BRA", "Mexico": "MEX", "Chile": "CHL", "Argentina": "ARG",
    "Colombia": "COL", "South Africa": "ZAF", "Russia": "RUS", "Russian Federation": "RUS", "China": "CHN",
    "Vietnam": "VNM", "Viet Nam": "VNM", "Malaysia": "MYS", "Thailand": "THA", "Indonesia": "IDN",
    "Philippines": "PHL", "Saudi Arabia": "SAU", "United Arab Emirates": "ARE", "UAE": "ARE", "Qatar": "QAT",
    "Egypt": "EGY", "Kenya": "KEN", "Rwanda": "RWA", "Nigeria": "NGA", "Morocco": "MAR", "Iran": "IRN",
    "Pakistan": "PAK", "Bangladesh": "BGD", "Taiwan": "台湾",
    "EU": "EU", "European Union": "EU", "EU27": "EU", "EU-27": "EU", "EU28": "EU", "EU-28": "EU", "EU27_2020": "EU",
    "Euro area": "EA", "euro area": "EA", "eurozone": "EA", "OECD": "OECD", "OECD area": "OECD",
}  # fmt: skip
WORLD_ZH: dict[str, str] = {
    "美国": "USA", "英国": "GBR", "德国": "DEU", "法国": "FRA", "意大利": "ITA", "西班牙": "ESP", "葡萄牙": "PRT",
    "荷兰": "NLD", "比利时": "BEL", "卢森堡": "LUX", "丹麦": "DNK", "瑞典": "SWE", "芬兰": "FIN", "挪威": "NOR",
    "冰岛": "ISL", "爱尔兰": "IRL", "奥地利": "AUT", "瑞士": "CHE", "波兰": "POL", "捷克": "CZE", "匈牙利": "HUN",
    "希腊": "GRC", "俄罗斯": "RUS", "乌克兰": "UKR", "土耳其": "TUR", "以色列": "ISR", "日本": "JPN", "韩国": "KOR",
    "印度": "IND", "新加坡": "SGP", "澳大利亚": "AUS", "新西兰": "NZL", "加拿大": "CAN", "巴西": "BRA",
    "墨西哥": "MEX", "智利": "CHL", "阿根廷": "ARG", "南非": "ZAF", "越南": "VNM", "马来西亚": "MYS", "泰国": "THA",
    "印度尼西亚": "IDN", "印尼": "IDN", "菲律宾": "PHL", "沙特阿拉伯": "SAU", "沙特": "SAU", "阿联酋": "ARE",
    "卡塔尔": "QAT", "埃及": "EGY", "肯尼亚": "KEN", "巴基斯坦": "PAK", "哈萨克斯坦": "KAZ", "柬埔寨": "KHM",
    "老挝": "LAO", "缅甸": "MMR", "蒙古国": "MNG", "伊朗": "IRN", "巴伐利亚州": "DEU", "巴伐利亚": "DEU",
    "欧盟": "EU", "欧元区": "EA", "经济合作与发展组织": "OECD",
}  # fmt: skip

_NAMES: dict[str, str] = {}
for short, (full, _) in PROVINCES.items():
    _NAMES[full] = short
    _NAMES[short] = short
for c in CITIES:
    _NAMES[c + "市"] = c
    _NAMES[c] = c
_NAMES.update(ALIASES)
_NAMES.update(WORLD_ZH)
_LATIN_NAMES = {**ENGLISH, **WORLD_EN}
_NAMES.update(_LATIN_NAMES)


def _alternation(names) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


# Two patterns, each fast to scan: Chinese names (plain literals), Latin names (whole words only; the
# lookahead on their first letters lets the engine skip most positions).
_ZH_PATTERN = re.compile(_alternation(n for n in _NAMES if n not in _LATIN_NAMES))
_FIRST = "".join(sorted({re.escape(n[0]) for n in _LATIN_NAMES}))
_LATIN_PATTERN = re.compile(rf"(?=[{_FIRST}])(?<![A-Za-z])(?:{_alternation(_LATIN_NAMES)})(?![A-Za-z]|\$)")


def find_region(text: str) -> str | None:
    """The first region named in ``text``: a Chinese place's standard short name, else a country's
    ISO 3166 alpha-3 code (``EU``, ``EA``, ``OECD`` for groupings)."""
    zh = _ZH_PATTERN.search(text)
    latin = _LATIN_PATTERN.search(text, 0, zh.start() if zh else len(text))
    m = latin or zh
    return _NAMES[m.group(0)] if m else None


def place_names() -> frozenset[str]:
    """The Chinese names of the gazetteer's places, as a text names them: provinces (full and short),
    cities (with and without 市) and countries; not the one-character abbreviations.

    >>> {"上海", "上海市", "新加坡", "巴伐利亚州"} <= place_names(), "在沪" in place_names()
    (True, False)
    """
    names = {full for full, _ in PROVINCES.values()} | set(PROVINCES)
    names |= set(CITIES) | {c + "市" for c in CITIES}
    return frozenset(names | set(WORLD_ZH))
