"""The pipeline: the only place that knows the order of the stages."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from skyledger.extract import Extractor
from skyledger.geocode.gazetteer import default_gazetteer
from skyledger.model import Extraction, RawItem, ReadError
from skyledger.normalize import normalize

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor with the packaged gazetteer and languages (built once per process)."""
    from skyledger.lang.morphology import normalizers

    return Extractor(default_gazetteer(), normalizers())


def run(items: Iterable[RawItem | ReadError], extractor: Extractor | None = None) -> Iterator[Extraction]:
    """Normalise and extract every item; unreadable items pass through as error lines."""
    extractor = extractor or default_extractor()
    for item in items:
        if isinstance(item, ReadError):
            yield Extraction(item.id, None, None, error=item)
            continue
        doc = normalize(item)
        try:
            yield extractor.extract(doc)
        except Exception as exc:  # a bug must not stop the batch; it is reported on the line
            log.exception("extraction failed for %s", doc.id)
            yield Extraction(doc.id, doc.lang, doc.published,
                             error=ReadError(doc.id, "internal", f"{doc.id}: extraction failed: {exc!r}"))
