"""Token-indexed access to an annotated text's marks."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from skyledger.extract.annotate import Annotated, Mark


class View:
    """Marks of one annotated text, looked up by token position and class prefix."""

    def __init__(self, ann: Annotated) -> None:
        self.ann = ann
        self.doc = ann.doc
        self._start: dict[int, list[Mark]] = defaultdict(list)
        self._end: dict[int, list[Mark]] = defaultdict(list)
        self._cover: dict[int, list[Mark]] = defaultdict(list)
        self._starts = [m.i for m in ann.marks]
        for m in ann.marks:
            self._start[m.i].append(m)
            self._end[m.j].append(m)
            for k in range(m.i, m.j):
                self._cover[k].append(m)

    def starting(self, i: int, prefix: str) -> Mark | None:
        """The longest mark of class `prefix*` that starts at token i."""
        found = [m for m in self._start.get(i, ()) if m.cls.startswith(prefix)]
        return max(found, key=lambda m: m.j - m.i) if found else None

    def ending(self, j: int, prefix: str) -> Mark | None:
        """The longest mark of class `prefix*` that ends just before token j."""
        found = [m for m in self._end.get(j, ()) if m.cls.startswith(prefix)]
        return max(found, key=lambda m: m.j - m.i) if found else None

    def covering(self, i: int, prefix: str) -> Mark | None:
        """A mark of class `prefix*` that covers token i."""
        for m in self._cover.get(i, ()):
            if m.cls.startswith(prefix):
                return m
        return None

    def within(self, i: int, j: int, prefix: str) -> list[Mark]:
        """Marks of class `prefix*` lying inside tokens [i, j)."""
        marks = self.ann.marks
        out = []
        for n in range(bisect_left(self._starts, i), len(marks)):
            m = marks[n]
            if m.i >= j:
                break
            if m.j <= j and m.cls.startswith(prefix):
                out.append(m)
        return out

    def has(self, i: int, j: int, prefix: str) -> bool:
        """Whether any mark of class `prefix*` lies inside tokens [i, j)."""
        return bool(self.within(i, j, prefix))

    def word(self, i: int) -> str:
        """The normalised form of token i, or '' outside the text."""
        return self.doc[i].norm_ if 0 <= i < len(self.doc) else ""

    def skip_space(self, i: int, step: int = 1) -> int:
        """The next non-space token index from i in direction step."""
        while 0 <= i < len(self.doc) and self.doc[i].is_space:
            i += step
        return i
