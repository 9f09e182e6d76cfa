"""Normalisation: a RawItem becomes a Document with its language and content hash."""

from __future__ import annotations

import hashlib

from skyledger.model import Document, RawItem
from skyledger.normalize.language import LANGUAGES, detect_language, foreign_sentences

__all__ = ["normalize", "detect_language", "foreign_sentences"]


def normalize(item: RawItem) -> Document:
    """The document for one raw item; the text is kept exactly as received.

    The item's own `lang` (a JSONL line's field) overrides detection of the document
    language; sentences clearly written in another language are still marked as such.
    """
    lang = item.lang if item.lang in LANGUAGES else detect_language(item.text)
    digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(
        id=item.id, text=item.text, lang=lang, published=item.published,
        url=item.url, source=item.source, content_hash=digest,
        title=item.title, author=item.author, post_id=item.post_id, edited=item.edited,
        segments=foreign_sentences(item.text, lang),
        forwarded_from=item.forwarded_from,
    )
