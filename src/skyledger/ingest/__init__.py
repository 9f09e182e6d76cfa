"""Reading sources into RawItems: plain text, HTML pages, JSONL batches, Telegram exports and
channel previews, RSS/Atom feeds, standard input.

The reader is chosen by the content (a feed's root element, an export's "messages", a preview's
message widgets, `<html>`), with the file name as a hint for batches and HTML fragments.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from skyledger.ingest.decoding import InputProblem, decode_bytes
from skyledger.ingest.feeds import is_feed, parse_feed, xml_encoding
from skyledger.ingest.html import declared_charset, is_html, parse_html
from skyledger.ingest.jsonl import is_batch, parse_batch, parse_batch_text
from skyledger.ingest.plaintext import from_text
from skyledger.ingest.telegram import is_export, parse_export
from skyledger.ingest.tgpreview import is_preview, parse_preview
from skyledger.model import RawItem, ReadError

__all__ = [
    "read_sources", "read_source", "parse_content", "checked", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_DOC_CHARS",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_DOC_CHARS = 1_000_000
STDIN = "-"
BATCH_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
CHUNK = 1 << 20


def read_sources(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
) -> Iterator[RawItem | ReadError]:
    """Yield, in input order, a RawItem per document or a ReadError per unreadable input."""
    for path in paths:
        yield from read_source(path, stdin=stdin, max_bytes=max_bytes, max_doc_chars=max_doc_chars)


def read_source(
    path: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
) -> Iterator[RawItem | ReadError]:
    """Yield the documents of one input (a path or `-`); never raises for bad input.

    A document longer than `max_doc_chars` characters becomes a `too_large` error of its own;
    the other documents of the same input go on.
    """
    try:
        if path == STDIN:
            data = _read_limited(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            items = _dispatch_stdin(data)
        else:
            data = _read_file(path, max_bytes)
            items = _dispatch_file(path, data)
        yield from checked(items, max_doc_chars)
    except InputProblem as problem:
        logger.debug("%s: %s (%s)", path, problem.reason, problem.code)
        yield ReadError(path, problem.code, f"{path}: {problem.reason}")
    except Exception as exc:  # a reader bug must not stop the other inputs
        logger.exception("unexpected failure reading %s", path)
        yield ReadError(path, "internal", f"{path}: unexpected error ({type(exc).__name__}: {exc})")


def _read_file(path: str, max_bytes: int) -> bytes:
    """Read a file's bytes after checking it exists, is a file and is not too large."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputProblem("is_directory", "is a directory, not a file")
        if info.st_size > max_bytes:
            raise InputProblem("too_large", f"file too large ({info.st_size} bytes > {max_bytes})")
        with open(path, "rb") as handle:
            return _read_limited(handle, max_bytes)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputProblem("not_found", "no such file") from exc
    except ValueError as exc:  # e.g. a NUL character inside the path
        raise InputProblem("not_found", f"invalid path ({exc})") from exc
    except IsADirectoryError as exc:
        raise InputProblem("is_directory", "is a directory, not a file") from exc
    except PermissionError as exc:
        raise InputProblem("unreadable", "permission denied") from exc
    except OSError as exc:
        raise InputProblem("unreadable", f"cannot read ({exc.strerror or exc})") from exc


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 bytes; raise too_large if the stream has more."""
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise InputProblem("too_large", f"input too large (more than {max_bytes} bytes)")
    return b"".join(parts)


def parse_content(
    data: bytes, name: str, *, html: bool = False, batch: bool = False
) -> Iterator[RawItem | ReadError]:
    """The documents in the bytes of one input, by what the content is; raises InputProblem.

    `html` reads markup that does not start like a page as HTML anyway (a `.html` file);
    `batch` accepts a JSONL batch (standard input), which a named file only is by its suffix.
    """
    text = _strip_bom(decode_bytes(data, declared_charset(data) or xml_encoding(data)))
    if is_feed(text):
        return parse_feed(text, name)
    if is_export(text, name):
        return parse_export(text, name)
    if batch and is_batch(text):
        return parse_batch_text(text, name)
    if is_html(text) or html:
        return parse_preview(text, name) if is_preview(text) else iter([parse_html(text, name)])
    return iter([from_text(text, name)])


def _dispatch_file(path: str, data: bytes) -> Iterator[RawItem | ReadError]:
    """Choose the reader of a file by its content, with its extension as a hint."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in BATCH_SUFFIXES:
        return parse_batch(data, path)
    return parse_content(data, path, html=suffix in HTML_SUFFIXES)


def _dispatch_stdin(data: bytes) -> Iterator[RawItem | ReadError]:
    """Sniff standard input: any of the file kinds, or a JSONL batch."""
    return parse_content(data, STDIN, batch=True)


def checked(items: Iterator[RawItem | ReadError], max_doc_chars: int = DEFAULT_MAX_DOC_CHARS
            ) -> Iterator[RawItem | ReadError]:
    """An input's items with the per-document limit applied; raises InputProblem("empty") when
    it holds no document. Every reader's items pass through here (files, stdin, `watch`)."""
    return _limit(_require_items(items), max_doc_chars)


def _require_items(items: Iterator[RawItem | ReadError]) -> Iterator[RawItem | ReadError]:
    """Pass items through; an input that holds none (an export of service messages) is `empty`."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        raise InputProblem("empty", "no documents with text in this input")


def _limit(items: Iterator[RawItem | ReadError], max_chars: int) -> Iterator[RawItem | ReadError]:
    """Replace each document longer than max_chars by a too_large error naming it."""
    for item in items:
        if isinstance(item, RawItem) and len(item.text) > max_chars:
            yield ReadError(item.id, "too_large",
                            f"{item.id}: document too large ({len(item.text)} characters > {max_chars})")
        else:
            yield item


def _strip_bom(text: str) -> str:
    """Drop a leading U+FEFF left by a BOM."""
    return text.removeprefix("\ufeff")
