"""JSONL batches: records in order, broken lines and bad records as errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.ingest import read_sources
from skyledger.model import RawItem, ReadError

GOOD_1 = {"id": "en-001", "text": "Twelve drones were shot down over the region overnight."}
GOOD_2 = {
    "id": "ru-001",
    "text": "Ночью над областью сбиты 12 беспилотников.\nПострадавших нет.",
    "published": "2025-12-13T07:05:00+03:00",
    "lang": "ru",
    "url": "https://example.org/ru-001",
}
GOOD_3 = {
    "id": "uk-001",
    "text": "  Збито вісім дронів.  ",
    "published": None,
    "lang": None,
    "url": None,
}


def write_batch(tmp_path: Path, lines: list[str], name: str = "batch.jsonl") -> str:
    """Write batch lines and return the path."""
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def dumps(record: object) -> str:
    """One JSON line with non-ASCII text kept."""
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("name", ["batch.jsonl", "batch.ndjson", "BATCH.JSONL"])
def test_ingest_jsonl_good_records_in_order(tmp_path: Path, name: str) -> None:
    path = write_batch(tmp_path, [dumps(GOOD_1), "", dumps(GOOD_2), "   ", dumps(GOOD_3)], name)
    items = list(read_sources([path]))
    assert items == [
        RawItem(id="en-001", text=GOOD_1["text"], source=path),
        RawItem(
            id="ru-001",
            text=GOOD_2["text"],
            published="2025-12-13T07:05:00+03:00",
            lang="ru",
            url="https://example.org/ru-001",
            source=path,
        ),
        RawItem(id="uk-001", text="  Збито вісім дронів.  ", source=path),
    ]


def test_ingest_jsonl_broken_lines_among_good_ones(tmp_path: Path) -> None:
    lines = [
        dumps(GOOD_1),
        '{"id": "x", "text": "unterminated',
        dumps(GOOD_2),
        "not json at all",
        '{"id": "y", "text": "trailing comma",}',
        dumps(GOOD_3),
    ]
    path = write_batch(tmp_path, lines)
    items = list(read_sources([path]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("RawItem", "en-001"),
        ("ReadError", f"{path}:2"),
        ("RawItem", "ru-001"),
        ("ReadError", f"{path}:4"),
        ("ReadError", f"{path}:5"),
        ("RawItem", "uk-001"),
    ]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert {e.code for e in errors} == {"bad_json"}
    assert all(e.message.startswith(f"{e.id}: invalid JSON") for e in errors)


@pytest.mark.parametrize(
    ("line", "error_id", "code", "reason"),
    [
        ('{"id": "r1"}', "r1", "bad_record", 'missing required field "text"'),
        ('{"text": "Drone downed."}', None, "bad_record", 'missing required field "id"'),
        (
            '{"id": 7, "text": "Drone downed."}',
            None,
            "bad_record",
            'field "id" must be a string, got number',
        ),
        ('{"id": "", "text": "Drone downed."}', None, "bad_record", 'field "id" is empty'),
        (
            '{"id": "r2", "text": null}',
            "r2",
            "bad_record",
            'field "text" must be a string, got null',
        ),
        ('{"id": "r3", "text": ["a"]}', "r3", "bad_record", "got array"),
        (
            '{"id": "r4", "text": "x", "lang": 1}',
            "r4",
            "bad_record",
            'field "lang" must be a string or null',
        ),
        ('{"id": "r5", "text": "x", "published": {}}', "r5", "bad_record", "got object"),
        ('{"id": "r6", "text": "x", "url": true}', "r6", "bad_record", "got boolean"),
        ('["id", "text"]', None, "bad_record", "must be a JSON object, got array"),
        ('"just a string"', None, "bad_record", "got string"),
        ('{"id": "r7", "text": "  \\n "}', "r7", "empty", "has no text"),
    ],
)
def test_ingest_jsonl_bad_records(
    tmp_path: Path, line: str, error_id: str | None, code: str, reason: str
) -> None:
    path = write_batch(tmp_path, [dumps(GOOD_1), line, dumps(GOOD_3)])
    first, bad, last = read_sources([path])
    assert (first.id, last.id) == ("en-001", "uk-001")
    assert isinstance(bad, ReadError)
    assert bad.id == (error_id or f"{path}:2")
    assert bad.code == code
    assert bad.message.startswith(f"{path}:2: ")
    assert reason in bad.message


def test_ingest_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        (dumps(GOOD_1) + "\n").encode()
        + '{"id": "cp", "text": "Сбит дрон"}\n'.encode("cp1251")
        + (dumps(GOOD_2) + "\n").encode()
    )
    items = list(read_sources([str(path)]))
    assert [i.id for i in items] == ["en-001", f"{path}:2", "ru-001"]
    assert isinstance(items[1], ReadError) and items[1].code == "encoding"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_ingest_jsonl_whole_batch_errors(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    (item,) = read_sources([str(path)])
    assert isinstance(item, ReadError)
    assert (item.id, item.code) == (str(path), code)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_ingest_jsonl_bom_and_utf16(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(("\r\n".join([dumps(GOOD_1), dumps(GOOD_2)]) + "\r\n").encode(encoding))
    items = list(read_sources([str(path)]))
    assert [(i.id, i.text) for i in items if isinstance(i, RawItem)] == [
        ("en-001", GOOD_1["text"]),
        ("ru-001", GOOD_2["text"]),
    ]


def test_ingest_jsonl_line_separators_inside_strings(tmp_path: Path) -> None:
    record = {"id": "ls", "text": "first\u2028second\u0085third\rfourth"}
    path = write_batch(tmp_path, [dumps(record)])
    (item,) = read_sources([path])
    assert isinstance(item, RawItem)
    assert item.text == record["text"]
