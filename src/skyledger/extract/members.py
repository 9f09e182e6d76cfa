"""The enum members the engine uses, as module constants.

Python 3.11's `EnumType` defines `__getattr__`, so each `Kind.IMPACT` the compiled engine
evaluates is a lookup of `Kind` in the module's globals and a hooked type attribute lookup that
builds and calls a bound `__getattribute__` (a few hundred instructions; the engine did it about
900 times per document). A `Final` name of a compiled module is a load from a C static.
The engine reads its members from here; the enums themselves stay in `skyledger.model` and
`skyledger.geocode.places`, and the constants are those very members (`KIND_IMPACT is Kind.IMPACT`).
"""

from __future__ import annotations

from typing import Final

from skyledger.geocode.places import PlaceType
from skyledger.model import Certainty, DamageKind, DisruptionKind, Kind, Qualifier, Role, Weapon

KIND_INTERCEPTION: Final = Kind.INTERCEPTION
KIND_IMPACT: Final = Kind.IMPACT
KIND_CRASH: Final = Kind.CRASH
KIND_LAUNCH: Final = Kind.LAUNCH

WEAPON_UNKNOWN: Final = Weapon.UNKNOWN

QUALIFIER_EXACT: Final = Qualifier.EXACT

ROLE_TOTAL: Final = Role.TOTAL
ROLE_ITEM: Final = Role.ITEM
ROLE_SUBSET: Final = Role.SUBSET
ROLE_SINGLE: Final = Role.SINGLE

CERTAINTY_CONFIRMED: Final = Certainty.CONFIRMED
CERTAINTY_CLAIMED: Final = Certainty.CLAIMED
CERTAINTY_REPORTED: Final = Certainty.REPORTED
CERTAINTY_SPECULATIVE: Final = Certainty.SPECULATIVE

DAMAGE_FIRE: Final = DamageKind.FIRE
DAMAGE_POWER_OUTAGE: Final = DamageKind.POWER_OUTAGE

DISRUPTION_AIRPORT_RESTRICTION: Final = DisruptionKind.AIRPORT_RESTRICTION
DISRUPTION_FLIGHT_DIVERSION: Final = DisruptionKind.FLIGHT_DIVERSION
DISRUPTION_TRANSPORT_CLOSURE: Final = DisruptionKind.TRANSPORT_CLOSURE
DISRUPTION_POWER_OUTAGE: Final = DisruptionKind.POWER_OUTAGE
DISRUPTION_EVACUATION: Final = DisruptionKind.EVACUATION

PLACE_ADMIN1: Final = PlaceType.ADMIN1
PLACE_ADMIN2: Final = PlaceType.ADMIN2
PLACE_SETTLEMENT: Final = PlaceType.SETTLEMENT
PLACE_WATER: Final = PlaceType.WATER
PLACE_AIRPORT: Final = PlaceType.AIRPORT
