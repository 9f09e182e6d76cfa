"""One raw document into the ledger: the single path the CLI, the API and the watcher share.

Normalise, skip what is stored already, refuse text no database can hold, extract, then
store and resolve in one transaction. Every outcome is returned, never raised, so each
caller reports it in its own way (a stderr line, a JSON result, a log line).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DataError, IntegrityError

from skyledger.extract import Extractor
from skyledger.model import Document, RawItem
from skyledger.normalize import normalize
from skyledger.pipeline import extract_document
from skyledger.store import Ledger, Written
from skyledger.store.engine import first_line

__all__ = ["Stored", "store_item"]


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one item: status new, known or failed; `message` says why it failed."""

    status: str
    document: Document
    written: Written | None = None
    message: str | None = None


def store_item(ledger: Ledger, item: RawItem, extractor: Extractor | None = None) -> Stored:
    """Store one item unless known; a document the database refuses is a failure, not an error."""
    doc = normalize(item)
    problem = _unstorable(doc.text)
    if problem is not None:
        return Stored("failed", doc, message=f"{doc.id}: contains {problem}, which the ledger cannot store")
    if ledger.is_known(doc.content_hash):
        return Stored("known", doc)
    extraction = extract_document(doc, extractor)
    if extraction.error is not None:
        return Stored("failed", doc, message=extraction.error.message)
    try:
        written = ledger.add(doc, extraction)
    except (DataError, IntegrityError) as exc:  # this document's data; the next may be fine
        return Stored("failed", doc, message=f"{doc.id}: the ledger refused it ({first_line(exc)})")
    return Stored("new" if written.new else "known", doc, written)


def _unstorable(text: str) -> str | None:
    """What in a text no database can hold as text (NUL, unpaired surrogates), or None."""
    if "\x00" in text:
        return "NUL characters"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "unpaired surrogate characters"
    return None
