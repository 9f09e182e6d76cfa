"""The schema every language folder's lexicon follows (validated with extra='forbid')."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

# Every class the engine understands. A language fills each of them (see
# tests/lang/test_languages.py); the engine never looks at words, only at classes.
CLASSES: frozenset[str] = frozenset(
    """
    number.word number.scale number.article number.vague
    count.qualifier count.each count.more count.subset count.all count.ordinal count.outof count.aux count.not count.definite number.plural_ending
    weapon.uav weapon.missile weapon.rocket weapon.glide_bomb weapon.aircraft weapon.unknown
    weapon.naval weapon.modifier weapon.interceptor
    kind.interception kind.impact kind.crash kind.launch kind.damage event.noun
    prep.over prep.near prep.towards prep.from prep.with prep.region
    place.word place.skip place.capital place.national place.city_of
    hedge attribution source.unnamed claimant.title claimant.org claimant.country
    casualty.killed casualty.injured casualty.none person
    damage.kind damage.verb damage.none negation
    time.night time.day time.weekday time.month time.late time.ampm time.zone time.past
    airport.word airport.all
    disruption.restrict disruption.divert disruption.resume disruption.transport
    disruption.power disruption.evacuation
    noise.sighting noise.nonevent
    """.split()
)

# Classes whose phrases must carry a value of a given kind.
VALUE_KINDS: dict[str, str] = {
    "number.word": "int",
    "number.scale": "int",
    "number.article": "int",
    "count.qualifier": "qualifier",
    "hedge": "certainty",
    "damage.kind": "damage",
    "time.weekday": "int",
    "time.month": "int",
    "place.word": "place_word",
    "casualty.none": "casualty_scope",
}

QUALIFIERS = {"at_least", "approx", "up_to", "exact"}
CERTAINTIES = {"speculative", "reported"}
DAMAGE_KINDS = {
    "residential", "administrative", "industrial", "energy", "power_outage",
    "fire", "transport", "vehicle", "other",
}


class LexiconFile(BaseModel):
    """A language's lexicon.yaml."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    normalize: Literal["lower", "lemma"]
    extends: str | None = None
    # Languages without articles ("сбит беспилотник") state one weapon with a bare singular noun.
    bare_singular: bool = False
    # Units named by an adjective and a place word ("Брянская область") are also named by the
    # adjective alone, which one place word may serve in a list ("Брянской и Тульской областей").
    unit_adjectives: bool = False
    classes: dict[str, list[str] | dict[str, Any]]

    @field_validator("classes")
    @classmethod
    def _known_classes(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = set(value) - CLASSES
        if unknown:
            raise ValueError(f"unknown lexicon classes: {sorted(unknown)}")
        for name, entries in value.items():
            kind = VALUE_KINDS.get(name)
            if kind is None:
                continue
            if not isinstance(entries, dict):
                raise ValueError(f"class {name} needs phrase: value pairs")
            for phrase, v in entries.items():
                if not _valid(kind, v):
                    raise ValueError(f"{name}: bad value {v!r} for {phrase!r}")
        return value


def _valid(kind: str, value: Any) -> bool:
    if kind == "int":
        return isinstance(value, int)
    if kind == "qualifier":
        return value in QUALIFIERS
    if kind == "certainty":
        return value in CERTAINTIES
    if kind == "damage":
        return value in DAMAGE_KINDS
    if kind == "place_word":
        return value in {"region", "regions", "district", "city"}
    if kind == "casualty_scope":
        return value in {"killed", "injured", "both"}
    return True
