"""A small ledger written for the API and dashboard tests: four documents, five incidents.

- a ministry's nightly total (20 drones) with items over Bryansk (9) and Kursk (11);
- the Bryansk governor's own figure (8), which resolution merges with the ministry's item;
- a missile impact in Kyiv with two killed, and a power outage there;
- a drone shot down near Kaluga, with restrictions at Kaluga airport.

Texts and figures are invented for these tests. Evidence spans are computed from the text,
so they always match it.
"""

from __future__ import annotations

from skyledger.model import (
    Casualties, Certainty, Claimant, Disruption, DisruptionKind, Document, Extraction, Incident, Kind,
    Location, RawItem, Role, Span, TimeInfo, Weapon,
)
from skyledger.normalize import normalize
from skyledger.store import Ledger

MOD = ("Air defence systems destroyed 20 drones overnight. Nine of them were destroyed over the "
       "Bryansk Region and eleven over the Kursk Region.")
GOV = "The governor said 8 drones were shot down over the Bryansk Region; no one was hurt. <b>Stay calm</b>."
KYIV = "A missile struck a warehouse in Kyiv on Sunday morning, killing two people. Power went out in the district."
KALUGA = "A drone was shot down near Kaluga at night. Restrictions were imposed at Kaluga airport."


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def document(doc_id: str, text: str, source: str, published: str) -> Document:
    return normalize(RawItem(id=doc_id, text=text, lang="en", source=source, published=published))


def incident(doc: Document, n: int, count: int | None, evidence: str, *, kind: Kind = Kind.INTERCEPTION,
             weapon: Weapon = Weapon.UAV, role: Role = Role.SINGLE, part_of: int | None = None,
             date: str = "2026-03-14", claimant: str | None = None, **loc: object) -> Incident:
    return Incident(id=f"{doc.id}#{n}", kind=kind, weapon=weapon, count=count, role=role,
                    location=Location(**loc), time=TimeInfo(date=date, precision="night"),  # type: ignore[arg-type]
                    part_of=None if part_of is None else f"{doc.id}#{part_of}",
                    claimant=Claimant(role=claimant) if claimant else None, certainty=Certainty.CONFIRMED,
                    evidence=(span(doc.text, evidence),))


BRYANSK = {"country": "RU", "admin1": "RU-BRY", "admin1_name": "Bryansk Oblast", "precision": 3,
           "lat": 53.04, "lon": 33.27}
KURSK = {"country": "RU", "admin1": "RU-KRS", "admin1_name": "Kursk Oblast", "precision": 3,
         "lat": 51.73, "lon": 36.19}


def documents() -> list[tuple[Document, Extraction]]:
    mod = document("mod-0314", MOD, "mod.example", "2026-03-14T07:00:00+03:00")
    gov = document("gov-0314", GOV, "governor.example", "2026-03-14T08:10:00+03:00")
    kyiv = document("kyiv-0315", KYIV, "city.example", "2026-03-15T09:00:00+02:00")
    kaluga = document("kaluga-0315", KALUGA, "aviation.example", "2026-03-15T06:00:00+03:00")
    kyiv_loc = {"country": "UA", "admin1": "UA-30", "admin1_name": "Kyiv", "place": "Kyiv", "lat": 50.45,
                "lon": 30.52, "precision": 1}
    kaluga_loc = {"country": "RU", "admin1": "RU-KLU", "admin1_name": "Kaluga Oblast", "place": "Kaluga",
                  "lat": 54.51, "lon": 36.26, "precision": 1}
    return [
        (mod, Extraction(mod.id, "en", mod.published, (
            incident(mod, 1, 20, "Air defence systems destroyed 20 drones overnight.", role=Role.TOTAL,
                     claimant="ministry", country="RU"),
            incident(mod, 2, 9, "Nine of them were destroyed over the Bryansk Region", role=Role.ITEM,
                     part_of=1, claimant="ministry", **BRYANSK),
            incident(mod, 3, 11, "eleven over the Kursk Region", role=Role.ITEM, part_of=1,
                     claimant="ministry", **KURSK)))),
        (gov, Extraction(gov.id, "en", gov.published, (
            incident(gov, 1, 8, "8 drones were shot down over the Bryansk Region", claimant="governor",
                     **BRYANSK),))),
        (kyiv, Extraction(kyiv.id, "en", kyiv.published, (
            Incident(id=f"{kyiv.id}#1", kind=Kind.IMPACT, weapon=Weapon.MISSILE, count=1, role=Role.SINGLE,
                     location=Location(**kyiv_loc), time=TimeInfo(date="2026-03-15", precision="day"),  # type: ignore[arg-type]
                     casualties=Casualties(killed=2), certainty=Certainty.REPORTED,
                     evidence=(span(KYIV, "A missile struck a warehouse in Kyiv"),)),),
            (Disruption(id=f"{kyiv.id}#d1", kind=DisruptionKind.POWER_OUTAGE, location=Location(**kyiv_loc),  # type: ignore[arg-type]
                        time=TimeInfo(date="2026-03-15"), evidence=(span(KYIV, "Power went out"),)),))),
        (kaluga, Extraction(kaluga.id, "en", kaluga.published, (
            incident(kaluga, 1, 1, "A drone was shot down near Kaluga", date="2026-03-15", **kaluga_loc),),
            (Disruption(id=f"{kaluga.id}#d1", kind=DisruptionKind.AIRPORT_RESTRICTION,
                        location=Location(**kaluga_loc), time=TimeInfo(date="2026-03-15"),  # type: ignore[arg-type]
                        airports=("KLF",), evidence=(span(KALUGA, "Restrictions were imposed at Kaluga airport"),)),))),
    ]


def fill(ledger: Ledger) -> None:
    """Store the sample documents."""
    for doc, extraction in documents():
        ledger.add(doc, extraction)
