"""Properties: read_sources never raises and gives one item per non-batch file."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.ingest import read_sources
from skyledger.ingest.html import is_html
from skyledger.model import RawItem, ReadError

SUFFIXES = st.sampled_from(["", ".txt", ".html", ".htm", ".md", ".json"])
TEXT_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda head, text: (head + text).encode("utf-8", "surrogatepass"),
        st.sampled_from(["<html>", "<!doctype html>", "<html><body><p>"]),
        st.text(max_size=300),
    ),
)


@settings(max_examples=300, deadline=None)
@given(data=TEXT_BYTES, suffix=SUFFIXES)
def test_ingest_arbitrary_file_gives_exactly_one_item(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_sources([str(path)]))
    assert len(items) == 1
    (item,) = items
    assert isinstance(item, RawItem | ReadError)
    assert item.id == str(path)
    if isinstance(item, ReadError):
        assert item.code != "internal", item.message
        assert item.message and "\n" not in item.message


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_ingest_arbitrary_batch_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_bytes(data)
        items = list(read_sources([str(path)]))
    assert items
    assert all(isinstance(item, RawItem | ReadError) for item in items)
    assert all(item.code != "internal" for item in items if isinstance(item, ReadError))


@settings(max_examples=200, deadline=None)
@given(data=TEXT_BYTES)
def test_ingest_arbitrary_stdin_never_raises(data: bytes) -> None:
    items = list(read_sources(["-"], stdin=io.BytesIO(data)))
    assert items
    assert all(isinstance(item, RawItem | ReadError) for item in items)
    assert all(item.code != "internal" for item in items if isinstance(item, ReadError))


PLAIN_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip() and not is_html(t))


@settings(max_examples=300, deadline=None)
@given(text=PLAIN_TEXT)
def test_ingest_utf8_plain_text_round_trips(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "note.txt"
        path.write_bytes(text.encode("utf-8"))
        (item,) = read_sources([str(path)])
    assert item == RawItem(id=str(path), text=text, source=str(path))
