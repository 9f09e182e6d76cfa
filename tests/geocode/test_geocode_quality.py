"""Geocoding quality on tests/geocode/mentions.jsonl stays at or above per-language floors, level by
level, in two measures (scored by scripts/eval_geocode.py, which also prints the tables and every
failing row: `PYTHONPATH=src python scripts/eval_geocode.py --failures`): through extraction (the
location of the first located event, so a row with no event is wrong) and the geocoder alone (the
location resolved for the row's place mention, event or not)."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# Floors per language and level, a little under what the extractor measured (docs/geocoding.md).
FLOORS = {
    "en": {"candidate": 0.98, "found": 0.95, "admin1": 0.95, "admin2": 0.90, "settlement": 0.93, "precision": 0.95,
           "water": 1.0},
    "ru": {"candidate": 0.98, "found": 0.94, "admin1": 0.94, "admin2": 0.90, "settlement": 0.91, "precision": 0.94,
           "water": 1.0},
    "uk": {"candidate": 0.97, "found": 0.70, "admin1": 0.70, "admin2": 0.48, "settlement": 0.70, "precision": 0.68,
           "water": 1.0},
}

# The geocoder alone (`evaluate_geocoder`): floors a little under what it measured (docs/geocoding.md).
GEOCODER_FLOORS = {
    "en": {"located": 0.99, "admin1": 0.99, "admin2": 0.96, "settlement": 0.98, "precision": 0.98, "water": 0.75},
    "ru": {"located": 0.97, "admin1": 0.97, "admin2": 0.95, "settlement": 0.96, "precision": 0.96, "water": 1.0},
    "uk": {"located": 0.98, "admin1": 0.98, "admin2": 0.92, "settlement": 0.97, "precision": 0.97, "water": 1.0},
}


def _load_harness():
    spec = importlib.util.spec_from_file_location("eval_geocode", REPO_ROOT / "scripts" / "eval_geocode.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


EVAL = _load_harness()
ROWS = EVAL.load()


@lru_cache(maxsize=None)
def _summary(lang: str) -> dict:
    return EVAL.summary(EVAL.evaluate(r for r in ROWS if r["lang"] == lang))[lang]


@lru_cache(maxsize=None)
def _geocoder_summary(lang: str) -> dict:
    return EVAL.summary(EVAL.evaluate_geocoder(r for r in ROWS if r["lang"] == lang))[lang]


def test_testset_is_large_and_well_formed() -> None:
    assert len(ROWS) >= 300
    assert {r["lang"] for r in ROWS} == {"en", "ru", "uk"}
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    for r in ROWS:
        assert r["admin1"] is None or r["admin1"][:3] in ("RU-", "UA-"), r
        assert r["precision"] in (None, 1, 2, 3, 4), r
        if r.get("place"):
            assert isinstance(r.get("lat"), float) and isinstance(r.get("lon"), float), (
                f"{r['id']}: run scripts/geocode_testset_coords.py to fill coordinates")
    cases = {r["case"] for r in ROWS}
    assert {"ambiguous-sentence", "ambiguous-headline", "ambiguous-claimant", "ambiguous-doc",
            "ambiguous-unclear"} <= cases


def test_district_names_fold_spelling_variants() -> None:
    key = EVAL.district_key
    assert key("Sukhinichskiy Rayon") == key("Sukhinichsky District") == key("Sukhinichsky district")
    assert key("Kramatorskyi Raion") == key("Kramatorsky District")
    assert key("Kirovsky District") != key("Kireyevsky District")


MEASURES = {"extraction": (FLOORS, _summary), "geocoder": (GEOCODER_FLOORS, _geocoder_summary)}
CASES = [(measure, lang, level) for measure, (floors, _) in MEASURES.items()
         for lang, levels in floors.items() for level in levels]


@pytest.mark.parametrize(
    ("measure", "lang", "level"),
    CASES,
    ids=[f"{measure}-{lang}-{level}" for measure, lang, level in CASES],
)
def test_geocoding_accuracy_at_floor(measure: str, lang: str, level: str) -> None:
    floors, summarise = MEASURES[measure]
    got = summarise(lang).get(level)
    assert got is not None, f"no {lang} rows score {level}"
    assert got["accuracy"] >= floors[lang][level], (
        f"{measure} {lang} {level}: {got['accuracy']} ({got['right']}/{got['n']}) is below its floor "
        f"{floors[lang][level]}; see `scripts/eval_geocode.py --langs {lang} --failures`\n"
        f"{json.dumps(summarise(lang))}")


def test_the_compared_mention_is_the_most_specific_of_the_last_sentence() -> None:
    from types import SimpleNamespace as G

    from skyledger.model import Location

    region = G(sent=1, start=0, location=Location("RU", "RU-KRS", precision=3))
    district = G(sent=1, start=30, location=Location("RU", "RU-KRS", admin2="Oktyabrsky District", precision=2))
    headline = G(sent=0, start=0, location=Location("RU", "RU-BEL", place="Belgorod", precision=1))
    unclear = G(sent=1, start=50, location=None)
    assert EVAL.compared_mention([headline, region, district, unclear]) is district
    assert EVAL.compared_mention([headline, G(sent=1, start=5, location=None)]) is None
    assert EVAL.compared_mention([]) is None
