"""Every language folder: its lexicon fills every class with valid values and usable phrases,
and its bundled examples extract to valid contract lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.lang import LANGUAGES, available_languages, get_language
from skyledger.lang.schema import CLASSES, VALUE_KINDS, _valid

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "skyledger" / "examples"
MANIFEST = [json.loads(line) for line in (EXAMPLES / "manifest.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
WEAPONS = ("weapon.uav", "weapon.missile", "weapon.rocket", "weapon.glide_bomb", "weapon.aircraft",
           "weapon.unknown", "weapon.naval")
LANGS = available_languages()


def test_languages_russian_has_data():
    assert "ru" in LANGS and "en" in LANGS
    assert set(LANGS) <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cls", sorted(CLASSES))
def test_languages_every_class_filled(lang, cls):
    assert get_language(lang).classes.get(cls), f"{lang}: class {cls} has no phrases"


@pytest.mark.parametrize("lang", LANGS)
def test_languages_values_valid(lang):
    classes = get_language(lang).classes
    bad = [(cls, phrase, value) for cls, kind in VALUE_KINDS.items()
           for phrase, value in classes.get(cls, {}).items() if not _valid(kind, value)]
    assert bad == []


@pytest.fixture(scope="module")
def annotators(extractor):
    return {lang: extractor.annotator(lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_languages_every_phrase_matches_itself(annotators, lang):
    """A phrase that its own language cannot find in a text is dead data (a typo, a form the
    tokenizer splits differently, a word the normaliser maps elsewhere)."""
    ann = annotators[lang]
    dead = []
    for cls, table in get_language(lang).classes.items():
        if cls == "number.plural_ending":
            continue   # surface endings, not phrases
        for phrase in table:
            marks = ann.annotate(phrase).marks
            if not any(m.cls == cls for m in marks):
                dead.append((cls, phrase))
    assert dead == []


@pytest.mark.parametrize("lang", LANGS)
def test_languages_no_phrase_names_two_weapons(annotators, lang):
    """One normalised phrase in two weapon classes would make the weapon depend on dict order."""
    ann = annotators[lang]
    owner: dict[tuple[str, ...], str] = {}
    clashes = []
    for cls in WEAPONS:
        for phrase in get_language(lang).classes.get(cls, {}):
            annotated = ann.annotate(phrase)
            key = tuple(n for n, space in zip(annotated.norms, annotated.spaces) if not space)
            if owner.setdefault(key, cls) != cls:
                clashes.append((phrase, owner[key], cls))
    assert clashes == []


@pytest.mark.parametrize("lang", LANGS)
def test_languages_examples_are_listed(lang):
    """Every example file of a language has its expectations in manifest.jsonl."""
    listed = {e["file"] for e in MANIFEST}
    files = {f"{lang}/{p.name}" for p in (EXAMPLES / lang).glob("*.txt")} if (EXAMPLES / lang).is_dir() else set()
    assert files, f"{lang} has no example posts"
    assert files <= listed


@pytest.mark.parametrize("example", [e for e in MANIFEST if e["lang"] in LANGS], ids=lambda e: e["id"])
def test_languages_examples_give_valid_lines(extract_text, check_line, example):
    text = (EXAMPLES / example["file"]).read_text("utf-8")
    line = extract_text(text, published=example.get("published"), lang=example["lang"], doc_id=example["id"])
    assert line["lang"] == example["lang"]
    check_line(text, line)
