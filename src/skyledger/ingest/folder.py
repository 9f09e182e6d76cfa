"""Folders as inputs: every readable report file under a folder, with optional metadata.

A folder is walked in sorted order for `.txt`, `.html`, `.htm`, `.jsonl` and `.ndjson`
files. A `manifest.jsonl` in a folder is not a batch of documents: it gives, per `file`
(relative to that folder), the document's `id`, `published`, `lang` and `url`, which plain
files cannot carry themselves (the bundled examples ship one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from skyledger.ingest import DEFAULT_MAX_BYTES, read_source
from skyledger.model import RawItem, ReadError

SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl", ".ndjson"})
MANIFEST = "manifest.jsonl"
META_FIELDS = ("id", "published", "lang", "url", "source", "title", "author")


def expand(paths: Sequence[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Each input path, with folders replaced by their report files, and manifest metadata.

    The closest `manifest.jsonl` in the file's folder or any folder above that names the
    file (by its path relative to the manifest) gives its metadata.
    """
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    for path in paths:
        if path == "-":
            yield path, {}
        elif os.path.isdir(path):
            for file in _walk(Path(path)):
                yield str(file), _meta_for(file, manifests)
        else:
            yield path, _meta_for(Path(path), manifests)


def _walk(folder: Path) -> Iterator[Path]:
    """Report files under a folder, in sorted order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name != MANIFEST and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def _meta_for(path: Path, manifests: dict[Path, dict[str, dict[str, str]]]) -> dict[str, str]:
    full = path.absolute()
    for parent in full.parents:
        if parent not in manifests:
            manifests[parent] = _manifest(parent / MANIFEST)
        meta = manifests[parent].get(full.relative_to(parent).as_posix())
        if meta is not None:
            return meta
    return {}


def _manifest(path: Path) -> dict[str, dict[str, str]]:
    """`file` -> metadata from a manifest; unreadable lines are skipped."""
    out: dict[str, dict[str, str]] = {}
    try:
        lines = path.read_text("utf-8").splitlines() if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return out
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            out[record["file"]] = {k: record[k] for k in META_FIELDS if isinstance(record.get(k), str)}
    return out


def read_tree(paths: Sequence[str], *, stdin: BinaryIO | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawItem | ReadError]:
    """Like `read_sources`, but folders are read file by file with their manifest metadata."""
    for path, meta in expand(paths):
        for item in read_source(path, stdin=stdin, max_bytes=max_bytes):
            yield replace(item, **meta) if meta and isinstance(item, RawItem) else item
