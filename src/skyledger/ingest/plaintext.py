"""Plain-text documents: the decoded bytes, kept exactly as received."""

from __future__ import annotations

from skyledger.ingest.decoding import decode_bytes
from skyledger.model import RawItem


def parse_plaintext(data: bytes, name: str) -> RawItem:
    """Build a RawItem from the bytes of a plain-text input; raises InputProblem."""
    return from_text(decode_bytes(data), name)


def from_text(text: str, name: str) -> RawItem:
    """Wrap already decoded text, unchanged, as a RawItem named after its input."""
    return RawItem(id=name, text=text, source=name)
