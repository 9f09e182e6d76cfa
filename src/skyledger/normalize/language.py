"""Language identification for en / ru / uk, per document and per sentence.

The script tells English from the two Cyrillic languages. Russian and Ukrainian
are told apart by evidence in order of strength:

1. letters only one of them has (і ї є ґ are Ukrainian, ы э ъ ё Russian),
   counted per word so one long word does not outvote a sentence;
2. words only one language's dictionary knows (pymorphy3: "збили", "областю"
   are Ukrainian words, "сбили", "областью" Russian ones), which settles
   short posts without telling letters ("Сили ППО збили над областю 6 БпЛА");
3. the statistical detector lingua, restricted to en/ru/uk, when neither
   side has more evidence (a post of place names only).

Documents may quote another language ("Ukrainian post quoting a Russian
governor", "English article citing a Russian post"): `foreign_sentences`
returns the character ranges of sentences that are clearly in another
language than the document, so the extractor reads them with that language's
data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from skyledger.lang import LANGUAGES

_UK_ONLY = frozenset("іїєґІЇЄҐ")
_RU_ONLY = frozenset("ыэъёЫЭЪЁ")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORDS = re.compile(r"[A-Za-z]+(?:\W+[A-Za-z]+){3}")
# Sentences, and quotations inside them ("he wrote: «...»"), are the units of language.
_SENTENCE = re.compile(r"[^.!?…\n«»“”„\"]+[.!?…]*")
_SAMPLE_CHARS = 20_000
_SAMPLE_WORDS = 300
# A quoted sentence counts as foreign only on this much evidence (words), so a
# stray Russian name in a Ukrainian sentence does not switch its language.
_FOREIGN_MIN = 2


def detect_language(text: str) -> str:
    """'en', 'ru' or 'uk' for a whole document (any length, also a few words)."""
    sample = text[:_SAMPLE_CHARS]
    if not _mostly_cyrillic(sample):
        return "en"
    uk, ru = _letter_votes(sample)
    if uk != ru and (uk >= 2 * ru + 1 or ru >= 2 * uk + 1):
        return "uk" if uk > ru else "ru"
    duk, dru = _dictionary_votes(sample)
    uk, ru = uk + duk, ru + dru
    if uk != ru:
        return "uk" if uk > ru else "ru"
    return _statistical(sample)


def sentence_language(sentence: str, default: str) -> str:
    """The language of one sentence of a document in `default`: `default` unless clearly another.

    Cheap on the common case: a Cyrillic sentence in a Cyrillic document is only
    examined when it has letters of the other Cyrillic language.
    """
    if default == "en":
        return detect_language(sentence) if _mostly_cyrillic(sentence) else "en"
    if not _mostly_cyrillic(sentence):
        words = _WORD.findall(sentence)
        return "en" if len(words) >= 4 and all(w.isascii() for w in words) else default
    other_letters = _RU_ONLY if default == "uk" else _UK_ONLY
    if not other_letters.intersection(sentence):
        return default
    uk, ru = _letter_votes(sentence)
    duk, dru = _dictionary_votes(sentence)
    uk, ru = uk + duk, ru + dru
    if default == "uk" and ru >= _FOREIGN_MIN and ru > 2 * uk:
        return "ru"
    if default == "ru" and uk >= _FOREIGN_MIN and uk > 2 * ru:
        return "uk"
    return default


def foreign_sentences(text: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, language) of the sentences of `text` not in the document language `lang`.

    Neighbouring sentences in the same foreign language are merged into one range.
    """
    if lang == "en" and not _CYRILLIC.search(text):
        return ()
    if lang != "en" and (_RU_ONLY if lang == "uk" else _UK_ONLY).isdisjoint(text) and not _LATIN_WORDS.search(text):
        return ()
    out: list[tuple[int, int, str]] = []
    for m in _SENTENCE.finditer(text):
        chunk = m.group()
        if not chunk.strip():
            continue
        found = sentence_language(chunk, lang)
        if found == lang:
            continue
        start, end = m.start() + len(chunk) - len(chunk.lstrip()), m.end() - (len(chunk) - len(chunk.rstrip()))
        if out and out[-1][2] == found and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end, found)
        else:
            out.append((start, end, found))
    return tuple(out)


def _mostly_cyrillic(text: str) -> bool:
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))


def _letter_votes(text: str) -> tuple[int, int]:
    """Words with Ukrainian-only letters, words with Russian-only letters."""
    uk = ru = 0
    for w in _WORD.findall(text):
        if not _UK_ONLY.isdisjoint(w):
            uk += 1
        elif not _RU_ONLY.isdisjoint(w):
            ru += 1
    return uk, ru


def _dictionary_votes(text: str) -> tuple[int, int]:
    """Words only the Ukrainian dictionary knows, words only the Russian one knows."""
    known = _known_words()
    if known is None:
        return 0, 0
    uk = ru = 0
    for w in _WORD.findall(text)[:_SAMPLE_WORDS]:
        if len(w) < 3 or w.isupper():
            continue   # abbreviations (БпЛА, ППО) and short words say little
        in_uk, in_ru = known("uk", w), known("ru", w)
        uk += in_uk and not in_ru
        ru += in_ru and not in_uk
    return uk, ru


@lru_cache(maxsize=1)
def _known_words() -> Callable[[str, str], bool] | None:
    try:
        from skyledger.lang.morphology import analyzer
        analyzers = {lang: analyzer(lang) for lang in ("uk", "ru")}
    except ImportError:   # morphology dictionaries missing: letters and lingua still work
        return None

    @lru_cache(maxsize=100_000)
    def known(lang: str, word: str) -> bool:
        return bool(analyzers[lang].word_is_known(word.lower().replace("’", "'").replace("ʼ", "'")))

    return known


def _statistical(text: str) -> str:
    detector = _detector()
    if detector is None:
        return "ru"
    from lingua import Language

    found = detector.detect_language_of(text)
    return {Language.UKRAINIAN: "uk", Language.ENGLISH: "en"}.get(found, "ru")


@lru_cache(maxsize=1)
def _detector() -> Any:
    """lingua limited to the three languages (built on first need, about 0.5 s)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN).with_preloaded_language_models().build()
