"""One gazetteer for the project: Chinese divisions, world places, country names.

Used by ``text/`` (regions named in reports), ``datasets/`` (province names in
yearbooks), the reports and the scientometrics package.
"""

from innoscope.geo.places import ENGLISH, PROVINCES, find_region

__all__ = ["ENGLISH", "PROVINCES", "find_region"]
