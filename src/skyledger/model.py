"""The data model shared by every stage: frozen dataclasses and the contract's vocabularies.

No I/O and no logic lives here. The string values of the enums are the strings of the
public contract (`shared/contract/extraction.md`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

LANGUAGES = ("en", "ru", "uk")   # the contract's language codes


class Kind(StrEnum):
    """What happened to the aerial weapon."""

    INTERCEPTION = "interception"
    IMPACT = "impact"
    CRASH = "crash"
    LAUNCH = "launch"


class Weapon(StrEnum):
    """The class of aerial weapon."""

    UAV = "uav"
    MISSILE = "missile"
    UNKNOWN = "unknown"
    GLIDE_BOMB = "glide_bomb"
    ROCKET = "rocket"
    AIRCRAFT = "aircraft"


class Qualifier(StrEnum):
    """How the stated count is bounded."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    APPROX = "approx"
    UP_TO = "up_to"


class Role(StrEnum):
    """The place of a figure in a breakdown."""

    TOTAL = "total"
    ITEM = "item"
    SINGLE = "single"
    SUBSET = "subset"


class Certainty(StrEnum):
    """How firmly the text asserts the incident."""

    CONFIRMED = "confirmed"
    CLAIMED = "claimed"
    REPORTED = "reported"
    SPECULATIVE = "speculative"


class DamageKind(StrEnum):
    """Kinds of damage named by the contract."""

    RESIDENTIAL = "residential"
    ADMINISTRATIVE = "administrative"
    INDUSTRIAL = "industrial"
    ENERGY = "energy"
    POWER_OUTAGE = "power_outage"
    FIRE = "fire"
    TRANSPORT = "transport"
    VEHICLE = "vehicle"
    OTHER = "other"


class DisruptionKind(StrEnum):
    """Kinds of civil disruption."""

    AIRPORT_RESTRICTION = "airport_restriction"
    FLIGHT_DIVERSION = "flight_diversion"
    TRANSPORT_CLOSURE = "transport_closure"
    POWER_OUTAGE = "power_outage"
    EVACUATION = "evacuation"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the document text; `text == doc.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RawItem:
    """One input document as read from a source, before normalisation.

    Provenance: `source` is the channel, feed or publisher; `url` the post or
    article; `author` who signed it; `post_id` the id the source gives it (a
    Telegram message id, a feed entry id); `edited` the time of the version
    read, when the source says it was edited; `forwarded_from` the channel or
    person a forwarded post was first published by.
    """

    id: str
    text: str
    published: str | None = None
    lang: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    author: str | None = None
    post_id: str | None = None
    edited: str | None = None
    forwarded_from: str | None = None


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read; it becomes an `error` line."""

    id: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised document: the text as received plus its language and time anchor."""

    id: str
    text: str
    lang: str
    published: str | None = None
    url: str | None = None
    source: str | None = None
    content_hash: str = ""
    title: str | None = None
    author: str | None = None
    post_id: str | None = None
    edited: str | None = None
    # (start, end, lang) of sentences written in another language than `lang` (quotes)
    segments: tuple[tuple[int, int, str], ...] = ()
    forwarded_from: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from, as the output line shows it (no text, no offsets)."""

    source: str | None = None
    url: str | None = None
    post_id: str | None = None
    author: str | None = None
    title: str | None = None
    edited: str | None = None
    forwarded_from: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an incident happened, at the finest level the text supports."""

    country: str | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    admin2: str | None = None
    place: str | None = None
    water_body: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None


@dataclass(frozen=True, slots=True)
class TimeInfo:
    """When an incident happened: a local date and, where stated, a window."""

    date: str | None = None
    start: str | None = None
    end: str | None = None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """People killed and injured; 0 when the text says none, None when not stated."""

    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True, slots=True)
class Damage:
    """Whether damage was reported, and of which kinds."""

    reported: bool | None = None
    kinds: tuple[DamageKind, ...] = ()


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who the text says makes the claim."""

    name: str | None = None
    role: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Interceptor:
    """What brought the weapons down, as the text names it ("Strela-10", "electronic warfare")."""

    detail: str
    certainty: Certainty
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    """One claim about one aerial incident in one document."""

    id: str
    kind: Kind
    weapon: Weapon
    count: int | None
    role: Role
    location: Location
    time: TimeInfo
    weapon_detail: str | None = None
    count_qualifier: Qualifier | None = None
    part_of: str | None = None
    casualties: Casualties = field(default_factory=Casualties)
    damage: Damage = field(default_factory=Damage)
    target: str | None = None
    claimant: Claimant | None = None
    certainty: Certainty = Certainty.CONFIRMED
    evidence: tuple[Span, ...] = ()
    interceptor: Interceptor | None = None


@dataclass(frozen=True, slots=True)
class Disruption:
    """A civil disruption: airport restriction, diversion, closure, outage, evacuation."""

    id: str
    kind: DisruptionKind
    location: Location
    time: TimeInfo
    airports: tuple[str, ...] = ()
    diverted_to: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: the contract's output line."""

    doc_id: str
    lang: str | None
    published: str | None
    incidents: tuple[Incident, ...] = ()
    disruptions: tuple[Disruption, ...] = ()
    error: ReadError | None = None
    provenance: Provenance | None = None
