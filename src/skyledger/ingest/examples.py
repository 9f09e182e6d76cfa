"""The bundled example reports (skyledger/examples), with the publication times their manifest gives.

A plain-text file carries no date, so "last night" in it has no anchor; the manifest
supplies each example's id, language and publication time, as a feed or an export would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

from skyledger.model import RawItem

__all__ = ["bundled_examples"]


def bundled_examples(lang: str | None = None) -> Iterator[RawItem]:
    """Every bundled example (of one language, if given), in manifest order."""
    root = resources.files("skyledger").joinpath("examples")
    for line in root.joinpath("manifest.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if lang and entry["lang"] != lang:
            continue
        yield RawItem(
            id=entry["id"], text=root.joinpath(entry["file"]).read_text("utf-8"),
            published=entry.get("published"), lang=entry["lang"], url=entry.get("url"),
            source="skyledger examples", title=entry["file"],
        )
