"""The pipeline: the only place that knows the order of the stages."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from skyledger.extract import Extractor
from skyledger.geocode.gazetteer import default_gazetteer
from skyledger.model import Document, Extraction, Provenance, RawItem, ReadError
from skyledger.normalize import normalize

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor with the packaged gazetteer and languages (built once per process)."""
    from skyledger.extract.phrases import default_cache_dir
    from skyledger.lang.morphology import normalizers

    return Extractor(default_gazetteer(), normalizers(), cache_dir=default_cache_dir())


def run(items: Iterable[RawItem | ReadError], extractor: Extractor | None = None) -> Iterator[Extraction]:
    """Normalise and extract every item; unreadable items pass through as error lines."""
    extractor = extractor or default_extractor()
    for item in items:
        if isinstance(item, ReadError):
            yield Extraction(item.id, None, None, error=item)
            continue
        yield extract_document(normalize(item), extractor)


def extract_document(doc: Document, extractor: Extractor | None = None) -> Extraction:
    """Extract one normalised document; an extractor bug becomes an error line, not a crash."""
    extractor = extractor or default_extractor()
    try:
        return replace(extractor.extract(doc), provenance=provenance(doc))
    except Exception as exc:  # a bug must not stop the batch; it is reported on the line
        log.exception("extraction failed for %s", doc.id)
        return Extraction(doc.id, doc.lang, doc.published,
                          error=ReadError(doc.id, "internal", f"{doc.id}: extraction failed: {exc!r}"),
                          provenance=provenance(doc))


def provenance(doc: Document) -> Provenance:
    """The source fields of a document, carried to its output line."""
    return Provenance(source=doc.source, url=doc.url, post_id=doc.post_id, author=doc.author,
                      title=doc.title, edited=doc.edited, forwarded_from=doc.forwarded_from)
