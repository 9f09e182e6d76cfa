"""HTML pages: main text without scripts, metadata, fallback and sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest

from skyledger.ingest import html as html_reader
from skyledger.ingest import read_sources
from skyledger.model import RawItem, ReadError

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>Drones shot down over the region</title>
<meta property="article:published_time" content="2025-12-13T07:05:00+03:00">
<style>.lead {{ color: red; }} STYLE_LEAK</style>
<script>var tracker = "SCRIPT_LEAK_HEAD";</script>
</head>
<body>
<nav><a href="/">Home</a></nav>
<article>
<h1>Drones shot down over the region</h1>
<p>Air defence forces shot down twelve drones over the region overnight, the governor said.</p>
<script>document.write("SCRIPT_LEAK_BODY");</script>
<p>{second}</p>
</article>
<noscript>NOSCRIPT_LEAK</noscript>
</body>
</html>
"""
SECOND_EN = "Nobody was injured; debris damaged the roof of a private house."
SECOND_RU = "Пострадавших нет, обломками повреждена крыша частного дома."


def page(lang: str = "en", charset: str = "utf-8", second: str = SECOND_EN) -> str:
    """Build the test page."""
    return PAGE.format(lang=lang, charset=charset, second=second)


def read_page(tmp_path: Path, name: str, data: bytes) -> RawItem | ReadError:
    """Write a page and read it back as one item."""
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read_sources([str(path)])
    return item


@pytest.mark.parametrize(
    ("name", "lang", "charset", "second", "encoding"),
    [
        ("page.html", "en", "utf-8", SECOND_EN, "utf-8"),
        ("page.htm", "en-GB", "utf-8", SECOND_EN, "utf-8"),
        ("page.txt", "en", "utf-8", SECOND_EN, "utf-8"),
        ("page", "ru", "windows-1251", SECOND_RU, "cp1251"),
        ("page.html", "ru-RU", "koi8-r", SECOND_RU, "koi8-r"),
        ("page.html", "ru", "utf-8", SECOND_RU, "utf-8"),
    ],
)
def test_ingest_html_main_text_and_metadata(
    tmp_path: Path, name: str, lang: str, charset: str, second: str, encoding: str
) -> None:
    item = read_page(tmp_path, name, page(lang, charset, second).encode(encoding))
    assert isinstance(item, RawItem)
    assert "Air defence forces shot down twelve drones" in item.text
    assert second in item.text
    for leak in ("SCRIPT_LEAK", "STYLE_LEAK", "NOSCRIPT_LEAK", "tracker", "color: red"):
        assert leak not in item.text
    assert item.published == "2025-12-13T07:05:00+03:00"
    assert item.title == "Drones shot down over the region"
    assert item.lang == lang[:2]
    assert item.id == item.source == str(tmp_path / name)


@pytest.mark.parametrize(
    ("markup", "published"),
    [
        ('<meta name="date" content="2024-03-02">', "2024-03-02"),
        ('<meta property="article:published_time" content="2025-01-31T23:10:00Z">', "2025-01-31T23:10:00+00:00"),
        ("", None),
    ],
)
def test_ingest_html_published_from_metadata(
    tmp_path: Path, markup: str, published: str | None
) -> None:
    html = (
        f"<html><head><title>Report</title>{markup}</head><body><article>"
        "<p>Two drones were destroyed near the airfield early on Saturday morning, "
        "officials said.</p>"
        "<p>Flights at the airport were suspended for three hours as a precaution.</p>"
        "</article></body></html>"
    )
    item = read_page(tmp_path, "report.html", html.encode())
    assert isinstance(item, RawItem)
    assert item.published == published


def test_ingest_html_falls_back_to_body_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_reader.trafilatura, "extract", lambda *args, **kwargs: None)
    html = (
        "<html><head><style>p{}</style></head><body><div>Drone debris fell</div>"
        "<script>SCRIPT_LEAK()</script><p>on a <b>garage</b> roof.</p></body></html>"
    )
    item = read_page(tmp_path, "fallback.html", html.encode())
    assert isinstance(item, RawItem)
    assert "Drone debris fell" in item.text
    assert "garage" in item.text
    assert "SCRIPT_LEAK" not in item.text and "p{}" not in item.text


@pytest.mark.parametrize(
    "html",
    [
        "<!doctype html><html><head><title>Empty</title></head><body></body></html>",
        "<html><body><script>only_a_script()</script><style>.x{}</style>  </body></html>",
        "<html>   </html>",
    ],
)
def test_ingest_html_without_text_is_empty(tmp_path: Path, html: str) -> None:
    item = read_page(tmp_path, "empty.html", html.encode())
    assert isinstance(item, ReadError)
    assert item.code == "empty"
    assert "no text" in item.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("  \n<!doctype HTML>\n<html>", True),
        ("<html lang='en'><body>", True),
        ("\ufeff<html>", True),
        ("<!-- saved page --><html>", True),
        ("Drones over <html> tags", False),
        ("<htmlx>", False),
        ("<p>fragment</p>", False),
    ],
)
def test_ingest_html_sniffing(text: str, expected: bool) -> None:
    assert html_reader.is_html(text) is expected
