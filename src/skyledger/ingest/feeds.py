"""RSS and Atom feeds through feedparser: one RawItem per entry, its HTML reduced to text.

The entry id becomes `post_id`, its link the `url`, the feed's title the `source`. The text is
the entry's headline followed by its content (or summary) with the markup stripped, because
feed summaries are often a single sentence that leans on the headline. Dates keep the offset
the feed wrote ("Sat, 13 Dec 2025 07:15:00 +0300" stays +03:00).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from skyledger.ingest import times
from skyledger.ingest.decoding import InputProblem
from skyledger.ingest.markup import fragment_text
from skyledger.model import LANGUAGES, RawItem, ReadError

logger = logging.getLogger(__name__)

FEED_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
    r"<(?:rss|feed|rdf:RDF)\b",
    re.S,
)
XML_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)")


def xml_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration names (`<?xml version="1.0" encoding="windows-1251"?>`)."""
    match = XML_ENCODING.match(data[:512])
    return match.group(1).decode("ascii").lower() if match else None


def is_feed(text: str) -> bool:
    """Tell an RSS or Atom document by its root element."""
    return FEED_START.match(text[:4096].lstrip("\ufeff")) is not None


def parse_feed(text: str, name: str) -> Iterator[RawItem | ReadError]:
    """Yield a RawItem per entry with text and a ReadError per entry that cannot be read.

    `text` is the feed already decoded (`decoding.decode_bytes` knows the Cyrillic code pages
    feedparser would misread when a feed does not declare them); feedparser gets it as UTF-8.
    Raises InputProblem("bad_feed") when the text is not a feed feedparser can read.
    """
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8", "surrogatepass")), sanitize_html=False,
                              resolve_relative_uris=False,
                              response_headers={"content-type": "application/xml; charset=utf-8"})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise InputProblem("bad_feed", f"not a readable RSS/Atom feed ({reason})")
    feed = parsed.feed
    source = _clean(feed.get("title")) or name
    lang = _lang(feed.get("language"))
    yielded = False
    for index, entry in enumerate(parsed.entries):
        where = f"{name}#{_clean(entry.get('id')) or index + 1}"
        try:
            item = _entry_item(entry, where, source, lang)
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:
            item = ReadError(where, "bad_record", f"{name}: entry {where.rsplit('#', 1)[1]}: {exc}")
        if item is not None:
            yielded = True
            yield item
    if parsed.bozo and not yielded:  # what little was recovered from broken XML had no text
        raise InputProblem("bad_feed", f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    if parsed.bozo:
        logger.info("%s: feed read despite errors: %s", name, parsed.get("bozo_exception"))


def _entry_item(entry: Any, where: str, source: str, lang: str | None) -> RawItem | None:
    """The RawItem of one entry; None when it has neither headline nor text."""
    title = _clean(fragment_text(entry.get("title", "") or ""))
    body = fragment_text(_body_html(entry))
    text = _join(title, body)
    if not text:
        return None
    # dict.get: feedparser's own get() answers "updated" with the published date
    published = times.from_text(dict.get(entry, "published"), dict.get(entry, "published_parsed"))
    updated = times.from_text(dict.get(entry, "updated"), dict.get(entry, "updated_parsed"))
    link = _clean(entry.get("link"))
    return RawItem(
        id=link or where,
        text=text,
        published=published or updated,
        lang=_lang(entry.get("language")) or lang,
        url=link,
        source=source,
        title=title,
        author=_clean(entry.get("author")),
        post_id=_clean(entry.get("id")) or link,
        edited=updated if published and updated and updated != published else None,
    )


def _body_html(entry: Any) -> str:
    """The fullest body an entry has: its content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or ""


def _join(title: str | None, body: str) -> str:
    """Headline, blank line, body; the headline alone is kept once when the body repeats it."""
    if not title:
        return body
    if not body or body.startswith(title):
        return body or title
    return f"{title}\n\n{body}"


def _lang(value: object) -> str | None:
    """The contract language of a feed or entry language tag ("ru-RU" -> "ru")."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def _clean(value: object) -> str | None:
    """A stripped non-empty string, else None."""
    return value.strip() or None if isinstance(value, str) else None
