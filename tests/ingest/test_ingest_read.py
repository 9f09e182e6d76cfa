"""read_sources: dispatch, error codes, plain text and standard input."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from skyledger.ingest import read_sources
from skyledger.model import RawItem, ReadError

EN = "Air defence shot down 12 drones over the region overnight.\nNobody was hurt.\n"
RU = "Силы ПВО сбили 12 беспилотников над областью этой ночью. Пострадавших нет.\n"
UK = "Сили ППО збили 12 безпілотників над областю вночі. Постраждалих немає.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))


def read_one(path: str, **kwargs: object) -> RawItem | ReadError:
    """Read a single non-batch input and return its only item."""
    items = list(read_sources([path], **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("name", "content", "code", "reason"),
    [
        ("missing.txt", None, "not_found", "no such file"),
        ("empty.txt", b"", "empty", "empty"),
        ("blank.txt", b" \n\t\r\n  \n", "empty", "whitespace"),
        ("blank16.txt", "\ufeff  \n".encode("utf-16-le"), "empty", "whitespace"),
        ("image.png", PNG, "binary", "binary file (PNG image), not text"),
        ("image.txt", PNG, "binary", "PNG image"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary", "PDF document"),
        ("arch.zip", b"PK\x03\x04\x14\x00\x00\x00", "binary", "ZIP archive"),
        ("data.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary", "gzip archive"),
        ("prog", b"\x7fELF\x02\x01\x01\x00", "binary", "ELF executable"),
        ("nul.txt", b"drones\x00\x01\x02shot\x00down\xff\xfe\x00", "binary", "NUL"),
        (
            "ctrl.txt",
            b"\x01\x02\x03\x04\x05\x06 drones \x07\x08\x0e\x0f\x10\x11",
            "binary",
            "control",
        ),
        (
            "latin.txt",
            "Drones were shot down near Saint-Étienne".encode("cp1252"),
            "encoding",
            "not UTF-8",
        ),
        (
            "broken.html",
            b"<html><body><p>\xff\xfe\xfd\x80\x81</p></body></html>",
            "encoding",
            "UTF-8",
        ),
    ],
)
def test_ingest_bad_input_gives_read_error(
    tmp_path: Path, name: str, content: bytes | None, code: str, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    item = read_one(str(path))
    assert isinstance(item, ReadError)
    assert (item.id, item.code) == (str(path), code)
    assert item.message.startswith(f"{path}: ")
    assert reason in item.message
    assert "\n" not in item.message


def test_ingest_directory_is_an_error(tmp_path: Path) -> None:
    item = read_one(str(tmp_path))
    assert isinstance(item, ReadError)
    assert item.code == "is_directory"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_ingest_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(EN)
    path.chmod(0)
    try:
        item = read_one(str(path))
    finally:
        path.chmod(0o600)
    assert isinstance(item, ReadError)
    assert item.code == "unreadable"


@pytest.mark.parametrize(
    ("name", "size", "max_bytes", "code"),
    [
        ("huge.txt", 50_000_000, None, "too_large"),
        ("huge.jsonl", 50_000_000, None, "too_large"),
        ("small.txt", 101, 100, "too_large"),
    ],
)
def test_ingest_too_large_is_checked_before_reading(
    tmp_path: Path, name: str, size: int, max_bytes: int | None, code: str
) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: only the last byte is written
        handle.seek(size - 1)
        handle.write(b"a")
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    item = read_one(str(path), **kwargs)
    assert isinstance(item, ReadError)
    assert item.code == code
    assert "too large" in item.message


@pytest.mark.parametrize(
    "text",
    [
        EN,
        RU,
        UK,
        "  leading spaces\r\nCRLF line\r\n\r\n\ttab\n\n\n",
        "Мешанина: English and русский, «кавычки» — тире №5\n",
        "no trailing newline",
    ],
)
def test_ingest_plain_text_is_kept_as_received(tmp_path: Path, text: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("utf-8"))
    item = read_one(str(path))
    assert item == RawItem(id=str(path), text=text, source=str(path))


@pytest.mark.parametrize("name", ["report", "report.md", "report.log"])
def test_ingest_any_extension_that_decodes_is_plain_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(EN, encoding="utf-8")
    item = read_one(str(path))
    assert isinstance(item, RawItem)
    assert item.text == EN


def test_ingest_id_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "000_c8a70565b6b9b109.txt").write_text(EN)
    monkeypatch.chdir(tmp_path / "seeds")
    item = read_one("../seeds/000_c8a70565b6b9b109.txt")
    assert isinstance(item, RawItem)
    assert item.id == item.source == "../seeds/000_c8a70565b6b9b109.txt"


def test_ingest_inputs_keep_order_and_errors_do_not_stop(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(EN)
    binary = tmp_path / "b.png"
    binary.write_bytes(PNG)
    other = tmp_path / "c.txt"
    other.write_text(RU)
    paths = [str(good), str(tmp_path / "nope.txt"), str(binary), str(other)]
    items = list(read_sources(paths))
    assert [item.id for item in items] == paths
    assert [type(item).__name__ for item in items] == [
        "RawItem",
        "ReadError",
        "ReadError",
        "RawItem",
    ]


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_ids"),
    [
        (EN.encode(), EN, ["-"]),
        (b"\xef\xbb\xbf" + RU.encode(), RU, ["-"]),
        (RU.encode("cp1251"), RU, ["-"]),
        (UK.encode("utf-16"), UK, ["-"]),
        (
            b'{"id": "s1", "text": "12 drones shot down"}\n\n{"id": "s2", "text": "'
            + "Сбит беспилотник".encode()
            + b'", "lang": "ru"}\n',
            None,
            ["s1", "s2"],
        ),
    ],
)
def test_ingest_stdin_is_sniffed(
    data: bytes, expected_text: str | None, expected_ids: list[str]
) -> None:
    items = list(read_sources(["-"], stdin=io.BytesIO(data)))
    assert [item.id for item in items] == expected_ids
    assert all(isinstance(item, RawItem) and item.source == "-" for item in items)
    if expected_text is not None:
        assert isinstance(items[0], RawItem)
        assert items[0].text == expected_text


def test_ingest_stdin_batch_values() -> None:
    data = '{"id":"s1","text":"Сбит беспилотник","lang":"ru","published":"2025-12-13","url":"https://e.x/1"}\n'
    (item,) = read_sources(["-"], stdin=io.BytesIO(data.encode()))
    assert item == RawItem(
        id="s1",
        text="Сбит беспилотник",
        published="2025-12-13",
        lang="ru",
        url="https://e.x/1",
        source="-",
    )


@pytest.mark.parametrize(
    ("data", "max_bytes", "code"),
    [
        (b"", 100, "empty"),
        (b"   \n", 100, "empty"),
        (PNG, 1000, "binary"),
        (b"x" * 101, 100, "too_large"),
    ],
)
def test_ingest_stdin_errors(data: bytes, max_bytes: int, code: str) -> None:
    (item,) = read_sources(["-"], stdin=io.BytesIO(data), max_bytes=max_bytes)
    assert isinstance(item, ReadError)
    assert (item.id, item.code) == ("-", code)


def test_ingest_stdin_reads_at_most_max_bytes_plus_one() -> None:
    stream = io.BytesIO(b"y" * 10_000)
    (item,) = read_sources(["-"], stdin=stream, max_bytes=100)
    assert isinstance(item, ReadError)
    assert stream.tell() == 101
