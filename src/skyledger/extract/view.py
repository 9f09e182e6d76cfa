"""Token-indexed access to an annotated text's marks."""

from __future__ import annotations

from bisect import bisect_left

from skyledger.extract.annotate import Annotated, Mark


class View:
    """Marks of one annotated text, looked up by token position and class prefix."""

    def __init__(self, ann: Annotated) -> None:
        self.ann = ann
        self.text = ann.text
        self.words = ann.words
        self.starts = ann.starts
        self.ends = ann.ends
        self.trailing = ann.trailing
        self.alpha = ann.alpha
        self._norms = ann.norms
        self._spaces = ann.spaces
        self._spanning: dict[int, list[Mark]] | None = None   # built on first use
        self._families: dict[str, tuple[list[Mark], list[int]]] = {}
        self._starts: dict[tuple[str, ...], list[int]] = {}   # start tokens of several prefixes' marks
        # each class's marks as positions in the text-ordered marks: the marks of several classes
        # are put back in text order by sorting integers
        self._by_class: dict[str, list[int]] = {}
        # by token, lists rather than dicts (no hashing in the compiled engine): the position of the
        # first mark starting there (the marks starting at a token stand together, longest first), or
        # -1; the marks ending just before it, or None
        n_tokens = len(ann.words)
        self._first: list[int] = [-1] * (n_tokens + 1)
        self._end: list[list[Mark] | None] = [None] * (n_tokens + 1)
        by_class, first, end = self._by_class, self._first, self._end
        for n, m in enumerate(ann.marks):
            found = by_class.get(m.cls)
            if found is None:
                by_class[m.cls] = [n]
            else:
                found.append(n)
            if first[m.i] < 0:
                first[m.i] = n
            ending = end[m.j]
            if ending is None:
                end[m.j] = [m]
            else:
                ending.append(m)
        self._classes = sorted(self._by_class)   # those of a prefix stand together

    def starting(self, i: int, prefix: str | tuple[str, ...]) -> Mark | None:
        """The longest mark of class `prefix*` that starts at token i."""
        if not 0 <= i < len(self._first):
            return None
        n = self._first[i]
        if n < 0:
            return None
        marks = self.ann.marks
        while n < len(marks):   # longest first (the annotator's order)
            m = marks[n]
            if m.i != i:
                break
            if _of(m.cls, prefix):
                return m
            n += 1
        return None

    def ending(self, j: int, prefix: str | tuple[str, ...]) -> Mark | None:
        """The longest mark of class `prefix*` that ends just before token j."""
        found = self._end[j] if 0 <= j < len(self._end) else None
        if found is not None:
            for m in found:   # by start, so the longest comes first
                if _of(m.cls, prefix):
                    return m
        return None

    def covering(self, i: int, prefix: str | tuple[str, ...]) -> Mark | None:
        """A mark of class `prefix*` that covers token i (of any of several prefixes given as a tuple),
        the first in text order."""
        spanning = self._spanning
        if spanning is None:   # the marks that start before a token and reach over it (few: most are one token)
            spanning = self._spanning = {}
            for m in self.ann.marks:
                for k in range(m.i + 1, m.j):
                    spanning.setdefault(k, []).append(m)
        for m in spanning.get(i, ()):
            if _of(m.cls, prefix):
                return m
        return self.starting(i, prefix)

    def within(self, i: int, j: int, prefix: str) -> list[Mark]:
        """Marks of class `prefix*` lying inside tokens [i, j)."""
        marks, starts = self._families.get(prefix) or self._family(prefix)
        if not marks:
            return []
        out = []
        for n in range(bisect_left(starts, i), len(marks)):
            m = marks[n]
            if m.i >= j:
                break
            if m.j <= j:
                out.append(m)
        return out

    def start_tokens(self, i: int, j: int, *prefixes: str) -> list[int]:
        """The tokens in [i, j) where a mark of a class `prefix*` of `prefixes` starts (it may end
        after j), in order."""
        starts = self._starts.get(prefixes)
        if starts is None:   # merged once per document for each set of prefixes asked
            found: set[int] = set()
            for prefix in prefixes:
                found.update((self._families.get(prefix) or self._family(prefix))[1])
            starts = self._starts[prefixes] = sorted(found)
        return starts[bisect_left(starts, i):bisect_left(starts, j)]

    def _family(self, prefix: str) -> tuple[list[Mark], list[int]]:
        """The marks of class `prefix*` in text order, with their start tokens (cached per prefix)."""
        found = self._families.get(prefix)
        if found is None:
            classes = self._classes
            lists = []
            for n in range(bisect_left(classes, prefix), len(classes)):
                if not classes[n].startswith(prefix):
                    break
                lists.append(self._by_class[classes[n]])
            if len(lists) == 1:
                positions = lists[0]
            else:   # extend and sort run natively in the compiled engine; chain.from_iterable does not
                positions = []
                for one in lists:
                    positions.extend(one)
                positions.sort()
            every = self.ann.marks
            marks = [every[p] for p in positions]
            found = self._families[prefix] = (marks, [m.i for m in marks])
        return found

    def has(self, i: int, j: int, prefix: str) -> bool:
        """Whether any mark of class `prefix*` lies inside tokens [i, j)."""
        return bool(self.within(i, j, prefix))

    def word(self, i: int) -> str:
        """The normalised form of token i, or '' outside the text."""
        return self._norms[i] if 0 <= i < len(self._norms) else ""

    def singular(self, k: int) -> bool:
        """Whether token k is a singular noun, by the language's plural endings."""
        word = self.words[k].lower()
        endings = self.ann.plural_endings
        return bool(endings) and not any(word.endswith(e) for e in endings)

    def digit_tokens(self, i: int, j: int) -> list[int]:
        """The tokens in [i, j) that contain a digit."""
        digits = self.ann.digit_tokens
        return list(digits[bisect_left(digits, i):bisect_left(digits, j)])

    def is_space(self, k: int) -> bool:
        """Whether token k is whitespace."""
        return self._spaces[k]

    def skip_space(self, i: int, step: int = 1) -> int:
        """The next non-space token index from i in direction step."""
        spaces, n = self._spaces, len(self._spaces)
        while 0 <= i < n and spaces[i]:
            i += step
        return i


def _of(cls: str, prefix: str | tuple[str, ...]) -> bool:
    """Whether class `cls` is of `prefix` (or of one of several): str.startswith, narrowed so that the
    compiled engine tests a single prefix natively instead of calling the method generically."""
    if isinstance(prefix, str):
        return cls.startswith(prefix)
    for one in prefix:
        if cls.startswith(one):
            return True
    return False

