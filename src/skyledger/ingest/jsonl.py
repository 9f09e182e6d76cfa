"""JSONL batches: one document per line, `{"id", "text", "published"?, "lang"?, "url"?}`."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from skyledger.ingest.decoding import (
    InputProblem,
    bom_encoding,
    decode_bytes,
    magic_kind,
    utf16_guess,
)
from skyledger.model import RawItem, ReadError

logger = logging.getLogger(__name__)

OPTIONAL_FIELDS = ("published", "lang", "url")


def batch_text_lines(data: bytes, name: str) -> Iterator[tuple[int, str] | ReadError]:
    """Split a batch into numbered lines of text; a line that is not UTF-8 is a ReadError."""
    wide = bom_encoding(data) not in (None, "utf-8") or utf16_guess(data) is not None
    if wide or magic_kind(data) is not None:
        text = decode_bytes(data)
        yield from enumerate(text.split("\n"), start=1)
        return
    if not data.strip():
        raise InputProblem("empty", "empty batch, no records")
    for lineno, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = f"{name}:{lineno}"
            yield ReadError(where, "encoding", f"{where}: invalid UTF-8 ({exc.reason})")


def parse_batch(data: bytes, name: str) -> Iterator[RawItem | ReadError]:
    """Yield one RawItem or ReadError per non-blank line of a batch, in order.

    Raises InputProblem (before yielding anything) when the batch as a whole is unreadable.
    """
    yield from parse_lines(list(batch_text_lines(data, name)), name)


def parse_batch_text(text: str, name: str) -> Iterator[RawItem | ReadError]:
    """Yield the records of a batch that is already decoded text (standard input)."""
    yield from parse_lines(list(enumerate(text.split("\n"), start=1)), name)


def parse_lines(
    lines: Sequence[tuple[int, str] | ReadError], name: str
) -> Iterator[RawItem | ReadError]:
    """Yield a record per non-blank numbered line; InputProblem if there are none."""
    if all(isinstance(line, tuple) and not line[1].strip() for line in lines):
        raise InputProblem("empty", "empty batch, no records")
    for line in lines:
        if isinstance(line, ReadError):
            yield line
        elif line[1].strip():
            yield parse_record(line[1], name, line[0])


def parse_record(line: str, name: str, lineno: int) -> RawItem | ReadError:
    """Parse and validate one batch line."""
    where = f"{name}:{lineno}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
        return ReadError(where, "bad_json", f"{where}: invalid JSON ({reason})")
    if not isinstance(record, dict):
        got = _type(record)
        return ReadError(where, "bad_record", f"{where}: a record must be a JSON object, got {got}")
    doc_id = record.get("id")
    problem = _record_problem(record)
    if problem is not None or not isinstance(doc_id, str):
        ident = doc_id if isinstance(doc_id, str) and doc_id else where
        return ReadError(ident, "bad_record", f"{where}: {problem}")
    if not record["text"].strip():
        return ReadError(doc_id, "empty", f"{where}: record {doc_id!r} has no text")
    return RawItem(
        id=doc_id,
        text=record["text"],
        published=record.get("published"),
        lang=record.get("lang"),
        url=record.get("url"),
        source=name,
    )


def _record_problem(record: dict[str, Any]) -> str | None:
    """Describe what is wrong with a record's fields, or None if it is valid."""
    for key in ("id", "text"):
        if key not in record:
            return f'missing required field "{key}"'
        if not isinstance(record[key], str):
            return f'field "{key}" must be a string, got {_type(record[key])}'
    if not record["id"]:
        return 'field "id" is empty'
    for key in OPTIONAL_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return f'field "{key}" must be a string or null, got {_type(record[key])}'
    return None


def _type(value: object) -> str:
    """JSON name of a Python value's type."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def is_batch(text: str) -> bool:
    """Sniff a JSONL batch: every non-blank line is a JSON object, the first one with "text"."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        first = json.loads(lines[0])
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict) and "text" in first
