"""Normalisation: a RawItem becomes a Document with its language and content hash."""

from __future__ import annotations

import hashlib

from skyledger.model import Document, RawItem
from skyledger.normalize.language import detect_language

__all__ = ["normalize", "detect_language"]


def normalize(item: RawItem) -> Document:
    """The document for one raw item; the text is kept exactly as received."""
    lang = item.lang if item.lang in ("en", "ru", "uk") else detect_language(item.text)
    digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(
        id=item.id, text=item.text, lang=lang, published=item.published,
        url=item.url, source=item.source, content_hash=digest,
    )
