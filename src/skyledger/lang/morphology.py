"""Token normalisers per language: lower case, or a cached lemma where morphology is needed.

Russian and Ukrainian inflect nouns, adjectives and numerals, so the engine
matches lemmas: "Белгородской области", "над Белгородом" and "Белгородская
область" all normalise to the lemmas of the lexicon's and gazetteer's own
phrases, which go through the same normaliser. pymorphy3 gives the lemmas; a
per-process cache keeps repeated words cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

# Parses of a capitalised word that read it as a person's name lose to others:
# "Києві" is Kyiv (locative), not the name "Кий".
_PERSON = frozenset({"Name", "Surn", "Patr"})
# Apostrophes as typed in Ukrainian texts, folded to the one the dictionary uses.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_PARSE_ORDER = 2   # bump when the lemma chosen among a word's parses changes


@lru_cache(maxsize=None)
def analyzer(lang: str) -> Any:
    """The pymorphy3 analyser of `lang` (ru or uk), loaded once per process and shared."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def lemmatizer(lang: str, cache_size: int = 200_000) -> Callable[[str], str]:
    """The lemma normaliser of `lang` (ru or uk): lower-cased, ё folded, cached.

    Words the dictionary does not know (abbreviations such as БПЛА, digits,
    foreign words) are only lower-cased: guessing their lemma would merge
    unrelated words.
    """
    morph = analyzer(lang)

    @lru_cache(maxsize=cache_size)
    def lemma(word: str) -> str:
        word = word.translate(_APOSTROPHES)
        low = word.lower().replace("ё", "е")
        if not any(c.isalpha() for c in word) or not morph.word_is_known(low):
            return low
        capital = word[:1].isupper()
        # person-name readings lose in any case, so that a sentence-initial "Усі" and
        # "усі" share a lemma; place readings win for capitalised words only, and where the
        # dictionary marks no places (uk), plural-only nouns do: "Суми", "Черкаси" are towns
        parses = sorted(morph.parse(low), key=lambda p: (capital and "Geox" not in p.tag.grammemes,
                                                         capital and "Pltm" not in p.tag.grammemes,
                                                         bool(_PERSON & p.tag.grammemes)))
        return parses[0].normal_form.replace("ё", "е")

    # Cached phrase tables are keyed by this: a new dictionary or a new choice among parses
    # (_PARSE_ORDER) means new lemmas.
    lemma.version = f"parse order {_PARSE_ORDER} pymorphy3 {_version('pymorphy3')} dicts {_version(f'pymorphy3-dicts-{lang}')}"  # type: ignore[attr-defined]
    return lemma


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def normalizers() -> dict[str, Callable[[str], str]]:
    """The normaliser of every language whose lexicon asks for lemmas (`normalize: lemma`)."""
    from skyledger.lang import available_languages, get_language

    return {code: lemmatizer(code) for code in available_languages() if get_language(code).normalize == "lemma"}
