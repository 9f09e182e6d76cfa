"""Tokens, sentences and class marks: the language data applied to one text.

The annotator tokenises with spaCy's blank tokenizer (tokens keep their character
offsets), normalises every token (lower case, or a lemma where the language needs
morphology), and finds every lexicon phrase and gazetteer name with one PhraseMatcher.
The result is a flat, sorted list of `Mark`s that the rest of the engine reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from skyledger.lang import LanguageData

PLACE = "place"
_CAPITALISED = {PLACE, "airport.name", "airport.city", "airport.group"}
NUMBER = "number.digits"

# Classes whose marks may share their span with a mark of another class
# ("over" is a preposition and a qualifier; "destroyed" is a kind and damage).
_FUNCTION_PREFIXES = (
    "prep.", "count.", "kind.", "damage.verb", "attribution", "hedge", "negation",
    "time.", "disruption.", "casualty.", "noise.", "number.article", "place.word",
    "place.skip", "count.outof", "count.aux", "count.not", "count.definite", "number.plural_ending",
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A lexicon or gazetteer match: class, value, token range and character range."""

    cls: str
    value: Any
    i: int
    j: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Annotated:
    """One text's tokens, sentence boundaries (token ranges) and marks."""

    doc: Doc
    sentences: tuple[tuple[int, int], ...]
    marks: tuple[Mark, ...]
    plural_endings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text


class Annotator:
    """Applies one language's lexicon and the gazetteer's names to texts."""

    def __init__(
        self,
        language: LanguageData,
        place_names: Iterable[tuple[str, Any]],
        normalizer: Callable[[str], str],
    ) -> None:
        self.language = language
        self.nlp = spacy.blank(language.code)
        self._norm = normalizer
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._values: dict[str, dict[tuple[str, ...], Any]] = defaultdict(dict)
        for cls, table in language.classes.items():
            self._add(cls, ((p, v) for p, v in table.items()), many=False)
        self._add(PLACE, place_names, many=True)

    def add_values(self, cls: str, entries: Iterable[tuple[str, Any]]) -> None:
        """Match more phrases as `cls`; each match's value is the list of values of its phrase."""
        self._add(cls, entries, many=True)

    def _add(self, cls: str, entries: Iterable[tuple[str, Any]], *, many: bool) -> None:
        docs: dict[tuple[str, ...], Doc] = {}
        values = self._values[cls]
        for phrase, value in entries:
            doc = self._normalised(self.nlp.make_doc(phrase))
            key = tuple(t.norm_ for t in doc if not t.is_space)
            if not key:
                continue
            if many:
                values.setdefault(key, []).append(value)
            else:
                values.setdefault(key, value)
            docs.setdefault(key, doc)
        if docs:
            self.matcher.add(cls, list(docs.values()))

    def _normalised(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = self._norm(token.text)
        return doc

    def annotate(self, text: str) -> Annotated:
        """Tokenise `text`, find sentences and every mark."""
        doc = self._normalised(self.nlp.make_doc(text))
        raw = []
        for match_id, i, j in self.matcher(doc):
            cls = self.nlp.vocab.strings[match_id]
            key = tuple(t.norm_ for t in doc[i:j] if not t.is_space)
            if cls in _CAPITALISED and not _capitalised(doc[i].text):
                continue
            raw.append(Mark(cls, self._values[cls].get(key), i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1])))
        for token in doc:
            if token.like_num and any(c.isdigit() for c in token.text):
                raw.append(Mark(NUMBER, token.text, token.i, token.i + 1, token.idx, token.idx + len(token)))
        endings = tuple(self.language.classes.get("number.plural_ending", {}))
        return Annotated(doc, tuple(_sentences(doc)), tuple(_resolve_overlaps(raw)), endings)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _is_function(cls: str) -> bool:
    return cls.startswith(_FUNCTION_PREFIXES)


def _resolve_overlaps(marks: Sequence[Mark]) -> list[Mark]:
    """Keep the longest match where matches of the same family overlap.

    Content classes (weapons, places, damage words) and function classes
    (prepositions, verbs, time words) are filtered separately, so "no casualties"
    beats "no", while "over" stays both a preposition and a qualifier.
    """
    kept: list[Mark] = []
    for family in (False, True):
        owner: dict[int, tuple[int, int]] = {}
        group = [m for m in marks if _is_function(m.cls) is family]
        for m in sorted(group, key=lambda m: (-(m.j - m.i), m.i)):
            spans = {owner[k] for k in range(m.i, m.j) if k in owner}
            if spans - {(m.i, m.j)}:
                continue
            kept.append(m)
            for k in range(m.i, m.j):
                owner[k] = (m.i, m.j)
    kept.sort(key=lambda m: (m.i, -(m.j - m.i), m.cls))
    return kept


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence token ranges: split at line breaks and at . ! ? followed by a capital."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    for k, token in enumerate(doc):
        end_here = False
        if token.is_space and "\n" in token.text:
            end_here = True
        elif token.text in {".", "!", "?", "…"} and k + 1 < n:
            nxt = doc[k + 1]
            after = doc[k + 2] if nxt.is_space and k + 2 < n else nxt
            if token.whitespace_ or nxt.is_space:
                first = after.text[:1]
                end_here = first.isupper() or first.isdigit() or first in "\"“«‘'(—-–▪◾•"
        if end_here:
            if k + 1 > start:
                out.append((start, k + 1))
            start = k + 1
    if start < n:
        out.append((start, n))
    return [(a, b) for a, b in out if any(not t.is_space for t in doc[a:b])]
