"""Geocoding quality: the real extractor's locations on tests/geocode/mentions.jsonl stay at or above
per-language floors, level by level (scored by scripts/eval_geocode.py, which also prints the table
and every failing row: `PYTHONPATH=src python scripts/eval_geocode.py --failures`)."""

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


CASES = [(lang, level) for lang, levels in FLOORS.items() for level in levels]


@pytest.mark.parametrize(
    ("lang", "level"),
    CASES,
    ids=[f"{lang}-{level}" for lang, level in CASES],
)
def test_geocoding_accuracy_at_floor(lang: str, level: str) -> None:
    got = _summary(lang).get(level)
    assert got is not None, f"no {lang} rows score {level}"
    assert got["accuracy"] >= FLOORS[lang][level], (
        f"{lang} {level}: {got['accuracy']} ({got['right']}/{got['n']}) is below its floor {FLOORS[lang][level]}; "
        f"see `scripts/eval_geocode.py --langs {lang} --failures`\n{json.dumps(_summary(lang))}")
