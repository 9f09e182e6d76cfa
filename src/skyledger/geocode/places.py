"""Place records of the gazetteer and the normalisation of surface names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Place", "PlaceType", "normalize_name"]


class PlaceType(StrEnum):
    """The kind of a gazetteer entry."""

    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    SETTLEMENT = "settlement"
    WATER = "water"
    AIRPORT = "airport"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, region, district, settlement, sea or airport.

    `key` is the ISO code (country, admin-1), the IATA code (airport), the sea key,
    `gn:<geonameid>` (settlement) or `adm2:<id>` (district). `name` is the English name.
    `admin2` is the district's own key for a district, and for a settlement the English name of
    the district it lies in, where the data says (district centres, Ukrainian raions).
    """

    key: str
    type: PlaceType
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int | None = None


_APOS = re.compile(r"[’ʼ`´‘]")
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"\s*[–—]\s*")


def normalize_name(text: str) -> str:
    """Case-fold a surface name for lookups: ё→е, one apostrophe, one space, one dash."""
    t = _APOS.sub("'", text.strip().casefold()).replace("ё", "е")
    t = _DASH.sub("-", t)
    return _SPACE.sub(" ", t)
