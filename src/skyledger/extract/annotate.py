"""Tokens, sentences and class marks: the language data applied to one text.

The annotator tokenises with spaCy's blank tokenizer (tokens keep their character
offsets), normalises every token (lower case, or a lemma where the language needs
morphology), and finds every lexicon phrase and gazetteer name in one phrase table
(`phrases.py`).
The result is a flat, sorted list of `Mark`s that the rest of the engine reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import spacy
from spacy.attrs import IDX, LIKE_NUM, SPACY
from spacy.tokens import Doc

from skyledger.extract import phrases
from skyledger.lang import LanguageData

PLACE: Final = "place"
_CAPITALISED: Final = {PLACE, "airport.name", "airport.city", "airport.group"}
NUMBER: Final = "number.digits"
_DIGIT: Final = re.compile(r"\d")
# Read from the Doc in one call, so that no spaCy Token object is made per token. Only what the
# text alone does not tell (each attribute read from the Doc costs a round of Cython's exception
# checks per token): a token's length is the distance to the next token's start less its trailing
# space (spaCy's tokens and their spaces make up the text), and spaCy's is_space and is_alpha are
# str.isspace and str.isalpha of the token's text.
_TOKEN_ATTRS: Final = [IDX, SPACY]

# Classes whose marks may share their span with a mark of another class
# ("over" is a preposition and a qualifier; "destroyed" is a kind and damage).
_FUNCTION_PREFIXES: Final = (
    "prep.", "count.", "kind.", "damage.verb", "attribution", "hedge", "negation",
    "time.", "disruption.", "casualty.", "noise.", "number.article", "place.word",
    "place.skip", "count.outof", "count.aux", "count.not", "count.definite", "number.plural_ending",
)


class Mark:
    """A lexicon or gazetteer match: class, value, token range and character range.

    A plain class with its own `__init__`, not a dataclass: the compiled engine builds a
    hundred marks or more per text, and a dataclass's generated `__init__` stays
    interpreted Python even in the compiled build (about fifteen times the cost).
    Nothing changes a mark once made.
    """

    __slots__ = ("cls", "value", "i", "j", "start", "end")

    def __init__(self, cls: str, value: Any, i: int, j: int, start: int, end: int) -> None:
        self.cls = cls
        self.value = value
        self.i = i
        self.j = j
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Mark({self.cls!r}, {self.value!r}, {self.i}, {self.j}, {self.start}, {self.end})"


@dataclass(frozen=True, slots=True)
class Annotated:
    """One text's tokens, sentence boundaries (token ranges) and marks.

    The per-token tuples hold what the engine reads of each token, so that it never
    builds spaCy Token objects (each `doc[k]` makes one) in its loops.
    """

    text: str  # the input text; spaCy's Doc.text would rebuild it from the tokens on every call
    sentences: tuple[tuple[int, int], ...]
    marks: tuple[Mark, ...]
    plural_endings: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()     # each token's normal form (lower case or lemma)
    spaces: tuple[bool, ...] = ()   # whether each token is whitespace
    bare_singular: bool = False
    words: tuple[str, ...] = ()     # each token's text
    starts: tuple[int, ...] = ()    # each token's first character
    ends: tuple[int, ...] = ()      # each token's end character
    trailing: tuple[bool, ...] = ()  # whether a space follows the token (spaCy's whitespace_)
    alpha: tuple[bool, ...] = ()    # spaCy's is_alpha
    digit_tokens: tuple[int, ...] = ()  # the tokens with a digit, in order


class Annotator:
    """Applies one language's lexicon and the gazetteer's names to texts.

    `extra` adds more matched classes, each as (class, (phrase, value) pairs);
    like place names, a match of those carries the list of values of its phrase.
    """

    def __init__(
        self,
        language: LanguageData,
        place_names: Iterable[tuple[str, Any]],
        normalizer: Callable[[str], str],
        extra: Iterable[tuple[str, Iterable[tuple[str, Any]]]] = (),
        cache_dir: Path | None = None,
    ) -> None:
        self.language = language
        self.nlp = spacy.blank(language.code)
        self._norm = normalizer
        sources: list[phrases.Source] = [(cls, table.items(), False) for cls, table in language.classes.items()]
        sources.append((PLACE, place_names, True))
        sources.extend((cls, entries, True) for cls, entries in extra)
        tokenizer = self.nlp.tokenizer
        versions = f"{language.code} spacy {spacy.__version__} norm {getattr(normalizer, 'version', normalizer.__qualname__)}"
        self.table = phrases.build(
            sources, lambda phrase: [t.text for t in tokenizer(phrase)], normalizer,
            versions=versions, cache_dir=cache_dir,
        )
        self._endings = tuple(language.classes.get("number.plural_ending", {}))
        # spaCy's own like_num of this language (its Vocab stub does not declare the getters)
        self._like_num: Callable[[str], bool] = self.nlp.vocab.lex_attr_getters[LIKE_NUM]  # type: ignore[attr-defined]

    def annotate(self, text: str, foreign: Sequence[tuple[int, int, Annotator]] = ()) -> Annotated:
        """Tokenise `text`, find sentences and every mark.

        `foreign` gives character ranges written in another language (a quoted sentence)
        with that language's annotator: their tokens are normalised and matched with its
        normaliser and phrase table instead of this one's, and no match of this language's
        table reaches into them.
        """
        doc = self.nlp.make_doc(text)
        # by column: numpy's tolist() of the transposed array is many times faster than by row
        cols = doc.to_array(_TOKEN_ATTRS).T.tolist() if len(doc) else [[]] * len(_TOKEN_ATTRS)
        # typed, so that the compiled engine slices and subtracts natively
        starts: list[int] = cols[0]
        trailing: list[int] = cols[1]
        ends = [after - space for after, space in zip(starts[1:] + [len(text)], trailing)]
        words = [text[a:b] for a, b in zip(starts, ends)]
        spaces = [w.isspace() for w in words]
        alpha = [w.isalpha() for w in words]
        ranges = _token_ranges(doc, foreign)
        norms = list(map(self._norm, words)) if not ranges else _foreign_norms(words, self._norm, ranges)
        digit_tokens = _digit_tokens(words, alpha, spaces)
        numbers = [Mark(NUMBER, digits, k, k + 1, starts[k], ends[k]) for k in digit_tokens
                   if (digits := words[k] if self._like_num(words[k]) else _digits(words[k]))]
        found = self.table.find(norms)
        if ranges:
            found = [m for m in found if not any(m[2] < j and i < m[3] for i, j, _ in ranges)]
            for i, j, other in ranges:
                found.extend((cls, value, i + a, i + b) for cls, value, a, b in other.table.find(norms[i:j]))
        matched = [Mark(cls, value, i, j, starts[i], ends[j - 1]) for cls, value, i, j in found
                   if cls not in _CAPITALISED or _capitalised(words[i])]
        raw = _merged(numbers, matched)   # in text order when both are (a table's matches are)
        if not _in_order(raw):   # another language's matches come after this one's
            raw = _in_text_order(raw, len(words))
        space_flags, trailing_flags = tuple(spaces), tuple(map(bool, trailing))
        return Annotated(text, tuple(_sentences(words, space_flags, trailing_flags)),
                         tuple(_resolve_overlaps(raw, len(words))), self._endings, tuple(norms), space_flags,
                         self.language.bare_singular, tuple(words), tuple(starts), tuple(ends), trailing_flags,
                         tuple(alpha), tuple(digit_tokens))


def _digit_tokens(words: list[str], alpha: list[bool], spaces: list[bool]) -> list[int]:
    """The tokens that hold a digit, in order: only tokens neither all letters nor space can."""
    search = _DIGIT.search
    return [k for k, word in enumerate(words) if not alpha[k] and not spaces[k] and search(word)]


def _foreign_norms(words: list[str], norm: Callable[[str], str],
                   ranges: list[tuple[int, int, Annotator]]) -> list[str]:
    """Normal forms where the tokens of `ranges` go through the other language's normaliser."""
    normalizer = [norm] * len(words)
    for i, j, other in ranges:
        normalizer[i:j] = [other._norm] * (j - i)
    return [f(w) for f, w in zip(normalizer, words)]


def _token_ranges(doc: Doc, foreign: Sequence[tuple[int, int, Annotator]]) -> list[tuple[int, int, Annotator]]:
    """The token ranges of character ranges in another language (widened to whole tokens)."""
    out = []
    for start, end, other in foreign:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end, other))
    return out


_CASE_ENDING: Final = re.compile(r"^([0-9]+)[-‑]([^\W\d_]{1,3})$")


def _digits(word: str) -> str | None:
    """The digits of a number written with a case ending ("54-ма", "3-х"), else None."""
    m = _CASE_ENDING.match(word)
    return m.group(1) if m else None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


_FUNCTION: Final[dict[str, bool]] = {}   # class -> whether it is a function class (cached)


def _is_function(cls: str) -> bool:
    found = _FUNCTION.get(cls)
    if found is None:
        found = _FUNCTION[cls] = cls.startswith(_FUNCTION_PREFIXES)
    return found


def _resolve_overlaps(marks: list[Mark], n_tokens: int) -> list[Mark]:
    """Keep the longest match where matches of the same family overlap.

    Content classes (weapons, places, damage words) and function classes
    (prepositions, verbs, time words) are filtered separately, so "no casualties"
    beats "no", while "over" stays both a preposition and a qualifier.

    Matches of the same span never exclude each other. Longer matches are settled first,
    then the earlier of two of the same length; a one-token match (most of them) is kept
    unless a kept longer match of its family covers its token. The marks kept stay in the
    order they came in.
    """
    # decorated with their own position, so that equal keys keep the order they came in
    longer = sorted([(m.i - m.j, m.i, n) for n, m in enumerate(marks) if m.j - m.i > 1])
    if not longer:
        return marks
    # by family, the span each token belongs to
    content: list[tuple[int, int] | None] = [None] * n_tokens
    function: list[tuple[int, int] | None] = [None] * n_tokens
    dropped = [False] * len(marks)
    for _, _, n in longer:
        m = marks[n]
        owner = function if _is_function(m.cls) else content
        span = (m.i, m.j)
        claimed = owner[m.i:m.j]
        if claimed.count(None) + claimed.count(span) < len(claimed):
            dropped[n] = True   # a token of it belongs to another (longer or earlier) match
            continue
        owner[m.i:m.j] = [span] * len(claimed)
    kept: list[Mark] = []
    for n, m in enumerate(marks):
        if dropped[n] or m.j - m.i == 1 and (function if _is_function(m.cls) else content)[m.i] is not None:
            continue
        kept.append(m)
    return kept


def _before(m: Mark, other: Mark) -> bool:
    """Whether `m` comes before `other` in text order: by start token, longer first, then by class."""
    if m.i != other.i:
        return m.i < other.i
    if m.j != other.j:
        return m.j > other.j
    return m.cls < other.cls


def _merged(first: list[Mark], second: list[Mark]) -> list[Mark]:
    """Two lists of marks in text order as one in text order (`first`'s mark first where two tie).

    Written out rather than `heapq.merge(first, second, key=...)`: that is an interpreted generator
    calling a key function per mark, this loop compiles to native comparisons."""
    if not first:
        return second
    out: list[Mark] = []
    a = b = 0
    while a < len(first) and b < len(second):
        if _before(second[b], first[a]):
            out.append(second[b])
            b += 1
        else:
            out.append(first[a])
            a += 1
    out.extend(first[a:])
    out.extend(second[b:])
    return out


def _in_order(marks: list[Mark]) -> bool:
    """Whether the marks are in text order."""
    for n in range(1, len(marks)):
        if _before(marks[n], marks[n - 1]):
            return False
    return True


def _in_text_order(marks: list[Mark], n_tokens: int) -> list[Mark]:
    """Marks by start token, longer first, then by class, else as they came: grouped by start
    token, so that only the few marks sharing one are sorted."""
    at: list[list[Mark] | None] = [None] * n_tokens
    for m in marks:
        same = at[m.i]
        if same is None:
            at[m.i] = [m]
        else:
            same.append(m)
    out: list[Mark] = []
    for same in at:
        if same is None:
            continue
        if len(same) == 1:
            out.append(same[0])
        else:
            out.extend(m for _, _, _, m in sorted([(m.i - m.j, m.cls, n, m) for n, m in enumerate(same)]))
    return out


def _sentences(words: list[str], spaces: tuple[bool, ...], trailing: tuple[bool, ...]) -> list[tuple[int, int]]:
    """Sentence token ranges: split at line breaks and at . ! ? followed by a capital."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(words)
    # only a stop or a space token can end a sentence: look at those alone
    for k in [k for k, word in enumerate(words) if word in _STOPS or spaces[k]]:
        word = words[k]
        end_here = False
        if spaces[k] and "\n" in word:
            end_here = True
        elif word in _STOPS and k + 1 < n:
            after = k + 2 if spaces[k + 1] and k + 2 < n else k + 1
            if trailing[k] or spaces[k + 1]:
                first = words[after][:1]
                end_here = first.isupper() or first.isdigit() or first in "\"“«‘'(—-–▪◾•"
        if end_here:
            if k + 1 > start:
                out.append((start, k + 1))
            start = k + 1
    if start < n:
        out.append((start, n))
    return [(a, b) for a, b in out if not all(spaces[a:b])]


_STOPS: Final = frozenset({".", "!", "?", "…"})
