"""Plain-text documents: the decoded bytes, kept exactly as received."""

from __future__ import annotations

from skyledger.model import RawItem


def from_text(text: str, name: str) -> RawItem:
    """Wrap already decoded text, unchanged, as a RawItem named after its input."""
    return RawItem(id=name, text=text, source=name)
