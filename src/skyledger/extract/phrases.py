"""The phrase table: every lexicon phrase and gazetteer name, keyed by its normalised tokens.

A language has some 100,000 phrases (place names in several spellings, airports,
lexicon entries). Tokenising and lemmatising them all takes seconds, so the built
table is cached on disk, keyed by a digest of everything that went into it: the
phrases and their values, the tokenizer's and the normaliser's versions. Any
change to the lexicon, the gazetteer data or a library gives a new key, so a
stale cache is never read. Without a writable cache directory the table is built
in memory.

Matching a text is, per token position, one dictionary lookup that gives the phrases
that are that token alone and, where it starts longer ones, a small dictionary of the
words that continue them: a phrase is followed word by word through these (a trie), so no
key tuple is built and the large table is touched once per token. Most tokens are not even
looked up there: the words met recently are answered from a small dictionary of their own,
since the table's ~40,000 words lie spread over megabytes of memory and a lookup there costs
several cache misses (extraction ran a fifth faster with the table cut down to the words of
the benchmark's texts).
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

FORMAT: Final = 7   # bump when the pickled table changes shape or order
KEEP: Final = 6   # cached tables kept (one per language and version in use); older ones are removed
Key = tuple[str, ...]
Found = tuple[tuple[str, Any], ...]   # the (class, value) pairs of one phrase, by class
# A word of a phrase: the pairs of the phrase that ends with it, and the words that continue
# longer phrases (None: none does)
Node = tuple[Found, "dict[str, Node] | None"]
NOTHING: Final[Node] = ((), None)   # a word that is no phrase and starts none
RECENT: Final = 8192   # words remembered in front of the table (then it starts afresh)


class PhraseTable:
    """Normalised token tuples mapped to {class: value}; `many` classes keep a list of values."""

    def __init__(self, words: dict[str, Node] | None = None) -> None:
        self.entries: dict[Key, dict[str, Any]] = {}   # filled by add(), emptied by freeze()
        # first word -> its node (what the cache file keeps)
        self.words: dict[str, Node] = words if words is not None else {}
        self._recent: dict[str, Node] = {}   # the words met recently -> their node or NOTHING

    def add(self, cls: str, key: Key, value: Any, *, many: bool) -> None:
        """Add one phrase; the first value of a single-valued class wins."""
        slot = self.entries.setdefault(key, {})
        if many:
            slot.setdefault(cls, []).append(value)
        else:
            slot.setdefault(cls, value)

    def freeze(self) -> None:
        """Turn the phrases added into the trie `find` walks (each phrase's classes in order)."""
        root: dict[str, list[Any]] = {}   # word -> [found, {next word -> ...} or None] while building
        for key, found in self.entries.items():
            level = root
            for n, word in enumerate(key):
                node = level.get(word)
                if node is None:
                    node = level[word] = [(), None]
                if n == len(key) - 1:
                    node[0] = tuple(sorted(found.items()))
                else:
                    if node[1] is None:
                        node[1] = {}
                    level = node[1]
        self.words = _frozen(root)
        self.entries = {}

    def find(self, norms: list[str]) -> list[tuple[str, Any, int, int]]:
        """Every (class, value, i, j) whose phrase equals norms[i:j], in text order: by i, longer
        phrases first, then by class."""
        words, recent, n = self.words, self._recent, len(norms)
        out: list[tuple[str, Any, int, int]] = []
        append = out.append
        for i, word in enumerate(norms):
            node = recent.get(word)
            if node is None:
                node = words.get(word, NOTHING)
                if len(recent) >= RECENT:
                    recent.clear()
                recent[word] = node
            alone, children = node
            if children is not None and i + 1 < n:
                longer: list[tuple[int, Found]] = []   # (end, pairs) of the phrases starting here
                j = i + 1
                while children is not None and j < n:
                    step = children.get(norms[j])
                    if step is None:
                        break
                    j += 1
                    found, children = step
                    if found:
                        longer.append((j, found))
                for end, found in reversed(longer):
                    for cls, value in found:
                        append((cls, value, i, end))
            for cls, value in alone:
                append((cls, value, i, i + 1))
        return out


def _frozen(level: dict[str, list[Any]]) -> dict[str, Node]:
    """The building trie with its nodes as tuples (smaller, and read without checks)."""
    return {word: (found, _frozen(children) if children is not None else None)
            for word, (found, children) in level.items()}


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
            words = pickle.load(f)
    except Exception as exc:   # a truncated or foreign file: rebuild it
        logger.warning("ignoring unreadable phrase cache %s: %s", path, exc)
        return None
    if not isinstance(words, dict):
        return None
    try:
        os.utime(path)   # recently used: kept by _prune
    except OSError:
        pass
    return PhraseTable(words)


def _store(path: Path | None, table: PhraseTable) -> None:
    """Write atomically (temp file + rename), so concurrent processes never read half a file."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".phrases-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(table.words, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError as exc:
        logger.info("phrase cache not written to %s: %s", path, exc)


def _prune(directory: Path) -> None:
    tables = sorted(directory.glob("phrases-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in tables[KEEP:]:
        old.unlink(missing_ok=True)
