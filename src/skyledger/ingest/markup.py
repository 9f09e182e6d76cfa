"""Text of HTML fragments (feed summaries, Telegram message bodies) with their line breaks kept."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

DROPPED_TAGS = ("script", "style", "noscript", "template")
BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
})  # fmt: skip
SPACES = re.compile(r"[ \t\u00a0]+")
BLANK_LINES = re.compile(r"\n{3,}")


def fragment_text(html: str) -> str:
    """The readable text of an HTML fragment: tags gone, entities decoded, `<br>` and blocks as newlines."""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(html)
    return element_text(root)


def element_text(element: lxml.html.HtmlElement) -> str:
    """The readable text of one parsed element (see fragment_text)."""
    parts: list[str] = []
    _walk(element, parts)
    return _tidy("".join(parts))


def _walk(element: etree._Element, parts: list[str]) -> None:
    """Append the text under element to parts, newlines at <br> and around blocks."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in DROPPED_TAGS:
        return
    block = tag in BLOCK_TAGS
    if tag == "br":
        parts.append("\n")
    elif block:
        parts.append("\n")
    if isinstance(element.tag, str) and element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _tidy(text: str) -> str:
    """Squeeze runs of spaces, trim each line, and keep at most one blank line between paragraphs."""
    lines = (SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
