"""HTML pages: main text and metadata through trafilatura, with an lxml fallback."""

from __future__ import annotations

import logging
import re

import lxml.html
import trafilatura
import trafilatura.settings
from lxml import etree

from skyledger.ingest.decoding import InputProblem
from skyledger.ingest.times import from_text
from skyledger.ingest.markup import DROPPED_TAGS
from skyledger.model import LANGUAGES, RawItem

logger = logging.getLogger(__name__)

HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
BLANK_LINES = re.compile(r"\n\s*\n+")
# htmldate: the page's own (original) date, with its time and offset when the page has them
DATE_CONFIG = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}


def is_html(text: str) -> bool:
    """Tell whether text starts like an HTML page (`<!doctype html` or `<html`)."""
    return HTML_START.match(text[:4096].lstrip("\ufeff")) is not None


def declared_charset(data: bytes) -> str | None:
    """Return the charset a `<meta>` tag declares near the top of the page, if any."""
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def parse_html(html: str, name: str) -> RawItem:
    """Extract the main text, title, date and language of an HTML page."""
    html = html.lstrip("\ufeff")
    text = _main_text(html) or _body_text(html)
    if not text.strip():
        raise InputProblem("empty", "HTML page with no text")
    meta = _metadata(html)
    lang_match = HTML_LANG.search(html[:4096])
    lang = lang_match.group(1).lower() if lang_match else None
    return RawItem(
        id=name,
        text=text,
        published=_published(meta.date) if meta else None,
        lang=lang if lang in LANGUAGES else None,
        url=meta.url or None if meta else None,
        source=meta.sitename or name if meta else name,
        title=meta.title or None if meta else None,
        author=meta.author or None if meta else None,
    )


def _main_text(html: str) -> str | None:
    """Return the main text found by trafilatura, or None when it finds nothing."""
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
    except Exception:  # trafilatura may choke on odd markup; the fallback handles it
        logger.debug("trafilatura.extract failed", exc_info=True)
        return None
    return text or None


def _body_text(html: str) -> str:
    """Text of <body> (or the whole page) with script/style removed, blank lines squeezed."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*DROPPED_TAGS)):
        if isinstance(element, lxml.html.HtmlElement) and element.getparent() is not None:
            element.drop_tree()
    body = root.find(".//body")
    text = "".join(str(part) for part in (root if body is None else body).itertext())
    lines = "\n".join(line.strip() for line in text.splitlines())
    return BLANK_LINES.sub("\n\n", lines).strip()


def _metadata(html: str) -> trafilatura.settings.Document | None:
    """Title, publication date, canonical URL, site name and author found by trafilatura."""
    try:
        return trafilatura.extract_metadata(html, date_config=DATE_CONFIG)
    except Exception:  # metadata is optional; never fail the page for it
        logger.debug("trafilatura.extract_metadata failed", exc_info=True)
        return None


def _published(found: str | None) -> str | None:
    """The page's publication time as ISO 8601: with its offset when the page gives a time,
    the bare date when it gives only a date (htmldate pads those with T00:00:00)."""
    if not found:
        return None
    if found.endswith("T00:00:00"):
        return found[:10]
    return from_text(found) or found
