"""One gazetteer for the project: Chinese divisions, world places, country names.

Used by ``text/`` (regions named in reports), ``datasets/`` (province names in
yearbooks), the reports and the scientometrics package.

- :mod:`~innoscope.geo.places`: China's provinces (standard short names, GB/T 2260
  codes, English names) and leading cities, found in running text;
- :mod:`~innoscope.geo.china`: every 省/市/区县 division with its code, pinyin and
  coordinates, and the provinces of postcodes;
- :mod:`~innoscope.geo.countries`: country names and WoS/Scopus spellings to ISO alpha-3;
- :mod:`~innoscope.geo.world`: world cities, US states and ZIP codes.
"""

from innoscope.geo.china import Division, division, divisions_named, postcode_province
from innoscope.geo.countries import country_iso3, country_name, iso2_to_iso3, iso3_to_iso2
from innoscope.geo.places import ENGLISH, PROVINCES, find_region
from innoscope.geo.world import City, cities_named, nearest_cities, us_state, zip_place

__all__ = [
    "ENGLISH",
    "PROVINCES",
    "City",
    "Division",
    "cities_named",
    "country_iso3",
    "country_name",
    "division",
    "divisions_named",
    "find_region",
    "iso2_to_iso3",
    "iso3_to_iso2",
    "nearest_cities",
    "postcode_province",
    "us_state",
    "zip_place",
]
