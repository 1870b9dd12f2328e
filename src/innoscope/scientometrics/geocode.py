"""Affiliation addresses to places, offline: institution, city, province or state, country, coordinates.

An address is read from its end, the way WoS and Scopus write it
(``institution, department, ..., city [postcode], [province,] country``):

- the **country** is the last comma-separated part, in any spelling
  :func:`~innoscope.geo.countries.country_iso3` knows (``PEOPLES R CHINA``,
  ``ENGLAND``, ``NY 13126 USA``, ``United States``);
- **China** (and Hong Kong, Macao, Taiwan written as parts of it): each part is
  looked up among the divisions of :mod:`innoscope.geo.china`, in pinyin or in
  Chinese; the province comes from a part that names one (``HUBEI``,
  ``HUBEI PROVINCE``), else from the postcode (``430074`` -> 湖北); a name
  that several divisions share (``TAIZHOU``: 台州 in Zhejiang, 泰州 in
  Jiangsu) is settled by the province or the postcode, else left unmatched;
  a bare name that is one prefecture-level city and also a county elsewhere
  stands for the city (WoS marks districts with ``DIST``);
- **USA**: state and ZIP code from ``STATE ZIP USA``; the ZIP gives city and
  coordinates, else the city part within the state;
- elsewhere: the rightmost part (postcodes removed) that names a GeoNames
  city of that country; several cities of one name in a country are ambiguous
  and leave the city unmatched.

Nothing is guessed silently: every result carries ``match`` (``matched``:
city or finer; ``partial``: only the country or province; ``ambiguous``;
``unmatched``) and a note saying what was missing or conflicting.

>>> p = geocode("WUHAN UNIV, SCH INFORMAT MANAGEMENT, WUHAN, HUBEI, PEOPLES R CHINA")
>>> p.institution, p.city, p.province, p.country, p.division, p.match
('WUHAN UNIV', '武汉市', '湖北', 'CHN', '420100', 'matched')
>>> g = geocode("SUNY COLL OSWEGO, OSWEGO, NY 13126 USA"); g.city, g.province, g.country, g.precision
('Oswego', 'US-NY', 'USA', 'zip')
>>> t = geocode("Univ X, Taizhou, Peoples R China"); t.match, t.province, t.note
('ambiguous', None, 'TAIZHOU: 台州市 (浙江) | 泰州市 (江苏)')
>>> geocode("Nanjing Univ, Taizhou 225300, Peoples R China").city
'泰州市'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from innoscope.geo.china import Division, chinese_names, division, divisions_named, postcode_province
from innoscope.geo.countries import country_iso3, iso2_to_iso3, iso3_to_iso2
from innoscope.geo.world import cities_named, us_state, zip_place

__all__ = ["Place", "geocode"]

CHINA_LIKE = {"CHN", "HKG", "MAC", "TWN"}
MUNICIPALITIES = {
    "北京": "110000",
    "上海": "310000",
    "天津": "120000",
    "重庆": "500000",
    "香港": "810000",
    "澳门": "820000",
}


@dataclass(frozen=True)
class Place:
    """Where an address is: each field None when the address does not say it (see ``match`` and ``note``)."""

    institution: str | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    division: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # district | city | zip | province | country
    match: str = "unmatched"  # matched | partial | ambiguous | unmatched
    note: str = ""


_US_TAIL = re.compile(r"^(?:(?P<state>[A-Z]{2})\s+)?(?:(?P<zip>\d{5})(?:-\d{4})?\s+)?USA$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_POSTCODE6 = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_HAS_DIGIT = re.compile(r"\d")
_NOT_POSTCODE = {"ST", "MT", "FT", "PT", "LA", "LE", "EL", "DE", "DA", "DO", "DU", "DI", "OF", "AM", "AN", "IM"}
_US_STATE_TAIL = re.compile(r"^(?P<state>[A-Z]{2})(?:\s+(?P<zip>\d{5})(?:-\d{4})?)?$")
# trailing words that say what kind of division a part names
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s+(?:PROVINCE|PROV|SHENG)$"), "province"),
    (
        re.compile(
            r"\s+(?:AUTONOMOUS REGION|AUTON REG|AUTONOMOUS REG|AR|SAR|SPECIAL ADM(?:INISTRATIVE)? REG(?:ION)?)$"
        ),
        "province",
    ),
    (re.compile(r"\s+(?:DIST|DISTRICT|QU|COUNTY|XIAN|NEW AREA|NEW DIST|NEW DISTRICT)$"), "county"),
    (re.compile(r"\s+(?:CITY|SHI|MUNICIPALITY)$"), "city"),
)


def _part_key(part: str) -> tuple[str, str | None, str | None]:
    """(name without postcode and suffix, level hint, six-digit postcode) of one address part."""
    text = part.upper().strip()
    post = _POSTCODE6.search(text)
    postcode = post.group(1) if post else None
    text = _POSTCODE6.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    hint = None
    for pattern, level in _HINTS:
        if pattern.search(text):
            text, hint = pattern.sub("", text), level
            break
    return text, hint, postcode


def _fits(d: Division, hint: str | None) -> bool:
    if hint is None:
        return True
    if hint == "city":
        return (
            d.level == "prefecture"
            or (d.level == "county" and d.name.endswith("市"))
            or d.code in MUNICIPALITIES.values()
        )
    return d.level == hint


def _label(d: Division) -> str:
    return f"{d.name} ({d.province})"


def _resolve_china(parts: list[tuple[str, tuple[Division, ...], str | None]], postcodes: list[str]) -> Place:
    """Settle the divisions the parts may name (rightmost first) into one place, or say why not."""
    notes: list[str] = []
    province: str | None = None
    others: list[tuple[str, tuple[Division, ...]]] = []
    for name, cands, hint in parts:
        cands = tuple(d for d in cands if _fits(d, hint))
        if not cands:
            continue
        provs = [d for d in cands if d.level == "province"]
        if provs and hint in (None, "province"):
            if province is None:
                province = provs[0].province
            elif province != provs[0].province:
                notes.append(f"{name} names another province ({provs[0].province}) than {province}")
            continue
        others.append((name, cands))
    by_post = next((p for p in map(postcode_province, postcodes) if p), None)
    if province is None:
        province = by_post
    elif by_post and by_post != province:
        notes.append(f"postcode {postcodes[0]} is in {by_post}, the address names {province}")
    chosen: list[Division] = []
    for name, cands in others:
        pool = [d for d in cands if province is None or d.province == province]
        if not pool:
            notes.append(f"{name}: no such division in {province}")
            continue
        # a prefecture-level city before counties and districts of the same name
        top = [d for d in pool if d.level == "prefecture"] or pool
        if province is None and len({d.province for d in top}) > 1:
            # another part may settle it: keep the provinces every named part allows
            common = set.intersection(*({d.province for d in c} for _, c in others))
            if len(common) == 1:
                province = common.pop()
                top = [d for d in top if d.province == province] or [d for d in pool if d.province == province]
            else:
                return Place(match="ambiguous", note=f"{name}: " + " | ".join(sorted(map(_label, top))))
        if len(top) > 1:
            prefectures = {d.prefecture_code for d in chosen}
            narrowed = [d for d in top if d.prefecture_code in prefectures]
            if len(narrowed) != 1:
                notes.append(f"{name}: " + " | ".join(sorted(map(_label, top))))
                continue
            top = narrowed
        chosen.append(top[0])
        province = province or top[0].province
    if province is None:
        return Place(match="partial", precision="country", note="; ".join(notes) or "no Chinese division named")
    prefecture = next((d for d in chosen if d.level == "prefecture"), None)
    county = next(
        (d for d in chosen if d.level == "county" and (prefecture is None or d.prefecture_code == prefecture.code)),
        None,
    )
    if prefecture is None and county is not None and county.prefecture_code in _division_codes():
        prefecture = division(county.prefecture_code)
    if prefecture is None and province in MUNICIPALITIES:
        prefecture = division(MUNICIPALITIES[province])
    finest = county or prefecture
    if finest is None:
        prov = division(next(c for s, c in _province_codes().items() if s == province))
        return Place(
            province=province,
            division=prov.code,
            lat=prov.lat,
            lon=prov.lon,
            precision="province",
            match="partial",
            note="; ".join(notes) or "no city named",
        )
    lat, lon = (
        (finest.lat, finest.lon)
        if finest.lat is not None
        else (prefecture.lat, prefecture.lon)
        if prefecture
        else (None, None)
    )
    return Place(
        city=prefecture.name if prefecture else None,
        province=province,
        division=finest.code,
        lat=lat,
        lon=lon,
        precision="district" if county else "city",
        match="matched",
        note="; ".join(notes),
    )


@functools.cache
def _division_codes() -> frozenset[str]:
    from innoscope.geo.china import divisions

    return frozenset(divisions())


@functools.cache
def _province_codes() -> dict[str, str]:
    from innoscope.geo.china import divisions

    return {d.province: d.code for d in divisions().values() if d.level == "province"}


@functools.cache
def _chinese_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, chinese_names())))


def _china(parts: list[str]) -> Place:
    if any(_CJK.search(p) for p in parts):
        text = "".join(parts)
        found = [(m.group(0), divisions_named(m.group(0)), None) for m in _chinese_pattern().finditer(text)]
        postcodes = _POSTCODE6.findall(text)
        return _resolve_china(found[::-1], postcodes)
    keyed = []
    postcodes = []
    for part in reversed(parts):
        name, hint, postcode = _part_key(part)
        if postcode:
            postcodes.append(postcode)
        cands = divisions_named(name) if name and not _HAS_DIGIT.search(name) else ()
        keyed.append((name, cands, hint))
    return _resolve_china(keyed, postcodes)


def _usa(parts: list[str], tail: str) -> Place:
    m = _US_TAIL.match(tail.upper())
    state = m.group("state") if m else None
    zipcode = m.group("zip") if m else None
    body = list(parts)
    if state is None:  # Scopus: "..., Cambridge, MA, United States"
        for i in range(len(body) - 1, -1, -1):
            words = body[i].upper().split()
            code = us_state(" ".join(w for w in words if not w.isdigit()))
            if code:
                state = code
                zipcode = next((w for w in words if w.isdigit() and len(w) == 5), zipcode)
                body = body[:i]
                break
    z = zip_place(zipcode) if zipcode else None
    if z is not None:
        note = "" if state in (None, z.state) else f"ZIP {zipcode} is in {z.state}, the address says {state}"
        return Place(
            city=z.city, province=f"US-{z.state}", lat=z.lat, lon=z.lon, precision="zip", match="matched", note=note
        )
    for part in reversed(body):
        found = [c for c in cities_named(_drop_postcodes(part), "US") if state is None or c.admin1 == state]
        if len(found) == 1:
            c = found[0]
            return Place(
                city=c.name, province=f"US-{c.admin1}", lat=c.lat, lon=c.lon, precision="city", match="matched"
            )
        if len(found) > 1:
            return Place(
                province=f"US-{state}" if state else None,
                precision="province" if state else "country",
                match="ambiguous",
                note=f"{part}: {len(found)} US cities of this name",
            )
    note = f"ZIP {zipcode} not in the ZIP table" if zipcode else "no city found"
    return Place(
        province=f"US-{state}" if state else None,
        precision="province" if state else "country",
        match="partial",
        note=note,
    )


def _drop_postcodes(part: str) -> str:
    """``D-80539 MUNICH`` -> ``MUNICH``; ``CAMBRIDGE CB2 1TN`` -> ``CAMBRIDGE``; ``1098 XG AMSTERDAM`` -> ``AMSTERDAM``.

    >>> [_drop_postcodes(p) for p in ("BR-05001100 SAO PAULO", "DK-2300 COPENHAGEN S", "1098 XG AMSTERDAM")]
    ['SAO PAULO', 'COPENHAGEN', 'AMSTERDAM']
    """
    words = part.split()
    keep = []
    for i, w in enumerate(words):
        if _HAS_DIGIT.search(w):
            continue
        if (  # the letters of a Dutch postcode: NL-1098 XG AMSTERDAM
            0 < i < len(words) - 1
            and len(w) == 2
            and w.isalpha()
            and w not in _NOT_POSTCODE
            and re.search(r"\d{4}$", words[i - 1])
        ):
            continue
        keep.append(w)
    if len(keep) > 1 and len(keep[-1]) == 1 and len(keep) < len(words):  # Danish district letters: 2300 COPENHAGEN S
        keep = keep[:-1]
    return " ".join(keep)


# WoS writes the four nations of the United Kingdom as countries: they are GeoNames' first-level divisions
UK_NATIONS = {"ENGLAND": "ENG", "SCOTLAND": "SCT", "WALES": "WLS", "NORTH IRELAND": "NIR", "NORTHERN IRELAND": "NIR"}


def _world(parts: list[str], iso3: str, tail: str = "") -> Place:
    iso2 = iso3_to_iso2(iso3)
    ambiguous = ""
    admin1 = UK_NATIONS.get(tail.upper().strip(" ."))
    for part in reversed(parts):
        name = _drop_postcodes(part)
        found = cities_named(name, iso2) if iso2 and name else ()
        if admin1 and len(found) > 1:
            found = tuple(c for c in found if c.admin1 == admin1) or found
        if len(found) == 1:
            c = found[0]
            return Place(
                city=c.name,
                province=f"{iso2}.{c.admin1}" if c.admin1 else None,
                lat=c.lat,
                lon=c.lon,
                precision="city",
                match="matched",
            )
        if len(found) > 1 and not ambiguous:
            ambiguous = f"{name}: " + " | ".join(f"{c.name} ({iso2}.{c.admin1})" for c in found[:5])
    if ambiguous:
        return Place(precision="country", match="ambiguous", note=ambiguous)
    return Place(precision="country", match="partial", note="no city of the gazetteer named")


@functools.lru_cache(maxsize=200_000)
def geocode(address: str, country_hint: str | None = None) -> Place:
    """The place of one affiliation address (see the module docstring); ``country_hint`` is an ISO code or name."""
    parts = [p.strip() for p in address.replace("\\&", "&").split(",") if p.strip()]
    if not parts:
        return Place(note="empty address")
    hint = (country_iso3(country_hint) or iso2_to_iso3(country_hint.strip())) if country_hint else None
    if _CJK.search(address) and "," not in address:
        parts = [address]
    tail = parts[-1].upper()
    iso3 = None
    us_tail = _US_STATE_TAIL.match(tail)
    if _US_TAIL.match(tail):
        iso3 = "USA"
    elif us_tail and len(parts) > 1 and us_state(us_tail.group("state")) and country_iso3(tail) is None:
        # older WoS US addresses end at the state and ZIP, without USA
        tail = f"{tail} USA"
        parts = [*parts, "USA"]
        iso3 = "USA"
    else:
        iso3 = country_iso3(_drop_postcodes(tail)) or country_iso3(tail)
    body = parts[:-1] if iso3 else parts
    if iso3 is None:
        iso3 = hint
        if iso3 is None and _CJK.search(address):
            iso3 = "CHN"
    if iso3 is None:
        return Place(
            institution=parts[0] if len(parts) > 1 else None,
            match="unmatched",
            note=f"country not recognised: {parts[-1]!r}",
        )
    if body is parts:  # the country came from the hint, not the address: no institution part either
        institution, search = None, body
    else:
        institution = parts[0] if len(parts) > 1 and not _CJK.search(address) else None
        search = body[1:] if len(body) > 1 else body
    if iso3 in CHINA_LIKE:
        place = _china(search if not _CJK.search(address) else body)
        if iso3 != "CHN" and place.province is None:  # Taiwan, Hong Kong, Macao as countries of their own
            place = _world(search, iso3)
    elif iso3 == "USA":
        place = _usa(search, tail)
    else:
        place = _world(search, iso3, tail)
    return Place(
        institution=institution,
        city=place.city,
        province=place.province,
        country=iso3,
        division=place.division,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision or "country",
        match=place.match,
        note=place.note,
    )
