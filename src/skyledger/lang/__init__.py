"""Language data: one folder per ISO 639-1 code, holding only data (lexicon, examples)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from skyledger.lang.schema import LexiconFile
from skyledger.model import LANGUAGES


@dataclass(frozen=True, slots=True)
class LanguageData:
    """A language's lexicon: class -> {phrase: value}, and its grammar switches."""

    code: str
    normalize: str
    classes: dict[str, dict[str, Any]]
    bare_singular: bool = False
    unit_adjectives: bool = False


def available_languages() -> tuple[str, ...]:
    """The language codes that have a data folder with a lexicon."""
    root = resources.files("skyledger.lang")
    return tuple(c for c in LANGUAGES if root.joinpath(c, "lexicon.yaml").is_file())


@lru_cache(maxsize=None)
def get_language(code: str) -> LanguageData:
    """Load and validate `skyledger/lang/<code>/lexicon.yaml` (cached per process)."""
    path = resources.files("skyledger.lang").joinpath(code, "lexicon.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    lex = LexiconFile.model_validate(raw)
    classes: dict[str, dict[str, Any]] = {}
    if lex.extends:
        classes = {k: dict(v) for k, v in get_language(lex.extends).classes.items()}
    for name, entries in lex.classes.items():
        table = entries if isinstance(entries, dict) else {p: None for p in entries}
        classes.setdefault(name, {}).update({str(p): v for p, v in table.items()})
    return LanguageData(code=lex.lang, normalize=lex.normalize, classes=classes, bare_singular=lex.bare_singular,
                        unit_adjectives=lex.unit_adjectives)
