"""Reading sources into RawItems: plain text, HTML, JSONL batches, standard input."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from skyledger.ingest.decoding import InputProblem, decode_bytes
from skyledger.ingest.html import declared_charset, is_html, parse_html, parse_html_bytes
from skyledger.ingest.jsonl import is_batch, parse_batch, parse_batch_text
from skyledger.ingest.plaintext import from_text
from skyledger.model import RawItem, ReadError

__all__ = ["read_sources", "read_source", "DEFAULT_MAX_BYTES"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
STDIN = "-"
BATCH_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
CHUNK = 1 << 20


def read_sources(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawItem | ReadError]:
    """Yield, in input order, a RawItem per document or a ReadError per unreadable input."""
    for path in paths:
        yield from read_source(path, stdin=stdin, max_bytes=max_bytes)


def read_source(
    path: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawItem | ReadError]:
    """Yield the documents of one input (a path or `-`); never raises for bad input."""
    try:
        if path == STDIN:
            data = _read_limited(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            yield from _dispatch_stdin(data)
        else:
            data = _read_file(path, max_bytes)
            yield from _dispatch_file(path, data)
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


def _dispatch_file(path: str, data: bytes) -> Iterator[RawItem | ReadError]:
    """Choose the reader of a file by its extension, then by its content."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in BATCH_SUFFIXES:
        yield from parse_batch(data, path)
    elif suffix in HTML_SUFFIXES:
        yield parse_html_bytes(data, path)
    else:
        text = decode_bytes(data, declared_charset(data))
        yield parse_html(text, path) if is_html(text) else from_text(_strip_bom(text), path)


def _dispatch_stdin(data: bytes) -> Iterator[RawItem | ReadError]:
    """Sniff standard input: a JSONL batch, an HTML page, or plain text."""
    text = _strip_bom(decode_bytes(data, declared_charset(data)))
    if is_batch(text):
        yield from parse_batch_text(text, STDIN)
    elif is_html(text):
        yield parse_html(text, STDIN)
    else:
        yield from_text(text, STDIN)


def _strip_bom(text: str) -> str:
    """Drop a leading U+FEFF left by a BOM."""
    return text.removeprefix("\ufeff")
