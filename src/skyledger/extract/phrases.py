"""The phrase table: every lexicon phrase and gazetteer name, keyed by its normalised tokens.

A language has some 100,000 phrases (place names in several spellings, airports,
lexicon entries). Tokenising and lemmatising them all takes seconds, so the built
table is cached on disk, keyed by a digest of everything that went into it: the
phrases and their values, the tokenizer's and the normaliser's versions. Any
change to the lexicon, the gazetteer data or a library gives a new key, so a
stale cache is never read. Without a writable cache directory the table is built
in memory.

Matching a text is, per token position, one dictionary lookup that gives the phrases
that are that token alone and whether it starts longer ones and, where it does, one
lookup of the lengths that start with its first two normal forms ("the" starts phrases
of eight lengths, "the moscow" of few).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

logger = logging.getLogger(__name__)

FORMAT: Final = 5   # bump when the pickled table changes shape or order
KEEP: Final = 6   # cached tables kept (one per language and version in use); older ones are removed
Key = tuple[str, ...]


class PhraseTable:
    """Normalised token tuples mapped to {class: value}; `many` classes keep a list of values."""

    def __init__(self) -> None:
        self.entries: dict[Key, dict[str, Any]] = {}
        # word -> the (class, value) pairs of the word alone, and whether it starts a longer phrase:
        # one lookup per token in a table of ~100,000 words (two would cost two cache misses)
        self.words: dict[str, tuple[tuple[tuple[str, Any], ...], bool]] = {}
        self.pairs: dict[tuple[str, str], tuple[int, ...]] = {}   # first two words -> lengths >= 2

    def add(self, cls: str, key: Key, value: Any, *, many: bool) -> None:
        """Add one phrase; the first value of a single-valued class wins."""
        slot = self.entries.setdefault(key, {})
        if many:
            slot.setdefault(cls, []).append(value)
        else:
            slot.setdefault(cls, value)

    def freeze(self) -> None:
        """Index one-word phrases by their word and longer ones by their first two words, longest first;
        each phrase's classes in order, so that `find` gives its matches in text order."""
        self.entries = {key: dict(sorted(found.items())) for key, found in self.entries.items()}
        pairs: dict[tuple[str, str], set[int]] = {}
        for key in self.entries:
            if len(key) > 1:
                pairs.setdefault((key[0], key[1]), set()).add(len(key))
        self.pairs = {p: tuple(sorted(ns, reverse=True)) for p, ns in pairs.items()}
        firsts = {first for first, _ in pairs}
        singles = {key[0]: tuple(found.items()) for key, found in self.entries.items() if len(key) == 1}
        self.words = {word: (singles.get(word, ()), word in firsts) for word in singles.keys() | firsts}

    def find(self, norms: list[str]) -> list[tuple[str, Any, int, int]]:
        """Every (class, value, i, j) whose phrase equals norms[i:j], in text order: by i, longer
        phrases first, then by class."""
        entries, pairs, words, n = self.entries, self.pairs, self.words, len(norms)
        out: list[tuple[str, Any, int, int]] = []
        append = out.append
        for i, word in enumerate(norms):
            known = words.get(word)
            if known is None:
                continue
            alone, first = known
            if first and i + 1 < n:
                for size in pairs.get((word, norms[i + 1]), ()):
                    j = i + size
                    if j <= n:
                        found = entries.get(tuple(norms[i:j]))
                        if found:
                            for cls, value in found.items():
                                append((cls, value, i, j))
            for cls, value in alone:
                append((cls, value, i, i + 1))
        return out


Source = tuple[str, Iterable[tuple[str, Any]], bool]   # class, (phrase, value) pairs, many


def build(
    sources: Iterable[Source],
    tokenize: Callable[[str], Sequence[str]],
    normalize: Callable[[str], str],
    *,
    versions: str,
    cache_dir: Path | None,
) -> PhraseTable:
    """The table of all phrases of `sources`, read from the cache when its inputs are unchanged."""
    listed = [(cls, [(str(p), v) for p, v in entries], many) for cls, entries, many in sources]
    digest = _digest(listed, versions)
    path = cache_dir / f"phrases-{digest}.pickle" if cache_dir else None
    table = _load(path)
    if table is not None:
        return table
    table = PhraseTable()
    for cls, entries, many in listed:
        for phrase, value in entries:
            key = tuple(normalize(w) for w in tokenize(phrase) if not w.isspace())
            if key:
                table.add(cls, key, value, many=many)
    table.freeze()
    _store(path, table)
    return table


def default_cache_dir() -> Path | None:
    """Where built tables are kept: $SKYLEDGER_CACHE, else the user's cache directory."""
    if os.environ.get("SKYLEDGER_NO_CACHE"):
        return None
    configured = os.environ.get("SKYLEDGER_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("skyledger"))


def _digest(listed: list[tuple[str, list[tuple[str, Any]], bool]], versions: str) -> str:
    h = hashlib.sha256(f"{FORMAT}\x00{versions}".encode())
    for cls, entries, many in listed:
        h.update(f"\x01{cls}\x00{many}".encode())
        for phrase, value in entries:
            h.update(f"\x02{phrase}\x00{value!r}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def _load(path: Path | None) -> PhraseTable | None:
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            table = pickle.load(f)
    except Exception as exc:   # a truncated or foreign file: rebuild it
        logger.warning("ignoring unreadable phrase cache %s: %s", path, exc)
        return None
    if not isinstance(table, PhraseTable):
        return None
    try:
        os.utime(path)   # recently used: kept by _prune
    except OSError:
        pass
    return table


def _store(path: Path | None, table: PhraseTable) -> None:
    """Write atomically (temp file + rename), so concurrent processes never read half a file."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".phrases-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError as exc:
        logger.info("phrase cache not written to %s: %s", path, exc)


def _prune(directory: Path) -> None:
    tables = sorted(directory.glob("phrases-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in tables[KEEP:]:
        old.unlink(missing_ok=True)
