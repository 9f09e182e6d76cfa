"""Partition keys: resolution only ever compares reports of one region and one date.

A region key is the admin1 code ("RU-BRY"), a sea ("sea:Black Sea") or a nationwide
figure of a country ("nationwide:RU", "nationwide:?" when the country is not known).
"""

from __future__ import annotations

from collections.abc import Sequence

from skyledger.model import Incident

NATIONWIDE = "nationwide:"
SEA = "sea:"


def region_key(incident: Incident, country_hint: str | None = None) -> str:
    """The place part of an incident's partition key."""
    loc = incident.location
    if loc.admin1:
        return loc.admin1
    if loc.water_body:
        return SEA + loc.water_body
    return NATIONWIDE + (loc.country or country_hint or "?")


def country_hints(incidents: Sequence[Incident]) -> dict[str, str]:
    """For totals without a country, the one country all their items lie in (id -> country).

    A ministry's nightly total names no region, but its items do: "9 over the Bryansk
    Region" makes the total a Russian nationwide figure.
    """
    seen: dict[str, set[str]] = {}
    for inc in incidents:
        if inc.part_of and inc.location.country:
            seen.setdefault(inc.part_of, set()).add(inc.location.country)
    return {total: next(iter(cs)) for total, cs in seen.items() if len(cs) == 1}


def is_nationwide(region: str) -> bool:
    """True for the key of a nationwide figure."""
    return region.startswith(NATIONWIDE)


def region_label(region: str) -> str:
    """A short readable form of a region key, for ids and tables."""
    if region.startswith(SEA):
        return region[len(SEA):]
    if is_nationwide(region):
        country = region[len(NATIONWIDE):]
        return "nationwide" if country == "?" else f"{country} nationwide"
    return region
