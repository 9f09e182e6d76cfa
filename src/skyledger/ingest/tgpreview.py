"""Telegram public channel previews: the HTML of a `t.me/s/<channel>` page, one RawItem per post.

Each post is a `tgme_widget_message` element whose `data-post` is `<channel>/<id>`; its text
sits in `tgme_widget_message_text` (a media post's caption too), its time in the `datetime` of
the `<time>` inside the post's date link, and a forward names the original channel in
`tgme_widget_message_forwarded_from_name`. Service posts and posts without text are skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from skyledger.ingest import times
from skyledger.ingest.decoding import InputProblem
from skyledger.ingest.markup import element_text
from skyledger.ingest.telegram import USERNAME_PATTERN
from skyledger.model import RawItem, ReadError

logger = logging.getLogger(__name__)

MARKER = re.compile(r"""class=["'][^"']*\btgme_widget_message\b[^"']*["'][^>]*\bdata-post=""")
DATA_POST = re.compile(rf"\A({USERNAME_PATTERN})/(\d+)\Z")
TELEGRAM_URL = "https://t.me"


def is_preview(html: str) -> bool:
    """Tell a channel preview page from other HTML by its message widgets."""
    return MARKER.search(html) is not None


def parse_preview(html: str, name: str) -> Iterator[RawItem | ReadError]:
    """Yield a RawItem per text post and a ReadError per malformed post, in page order."""
    try:
        root = lxml.html.document_fromstring(html.lstrip("\ufeff"))
    except (etree.ParserError, ValueError) as exc:
        raise InputProblem("bad_html", f"unreadable Telegram preview page ({exc})") from exc
    channel_title = _first_text(root, "tgme_channel_info_header_title") or _meta(root, "og:title")
    posts = _by_class(root, "tgme_widget_message")
    yielded = False
    for index, post in enumerate(posts):
        match = DATA_POST.match(post.get("data-post", "").strip())
        where = f"{name}#{match.group(2) if match else f'item{index + 1}'}"
        try:
            item = _post_item(post, channel_title)
        except _BadPost as exc:
            yield ReadError(where, "bad_record", f"{name}: post {where.rsplit('#', 1)[1]}: {exc}")
            continue
        if item is not None:
            yielded = True
            yield item
    if not yielded and not posts:
        raise InputProblem("empty", "Telegram preview page with no posts")


class _BadPost(ValueError):
    """A post widget without the id or time every preview post has."""


def _post_item(post: lxml.html.HtmlElement, channel_title: str | None) -> RawItem | None:
    """The RawItem of one post, None for service posts and posts without text."""
    if "service_message" in post.get("class", ""):
        return None
    match = DATA_POST.match(post.get("data-post", "").strip())
    if match is None:
        raise _BadPost(f'"data-post" is not <channel>/<id>: {post.get("data-post")!r}')
    channel, post_id = match.groups()
    bodies = [b for b in _by_class(post, "tgme_widget_message_text") if not _in_reply(b, post)]
    text = element_text(bodies[0]) if bodies else ""
    if not text.strip():
        return None
    url = f"{TELEGRAM_URL}/{channel}/{post_id}"
    return RawItem(
        id=url,
        text=text,
        published=_published(post),
        url=url,
        source=_first_text(post, "tgme_widget_message_owner_name") or channel_title or channel,
        author=_first_text(post, "tgme_widget_message_from_author"),
        post_id=post_id,
        forwarded_from=_first_text(post, "tgme_widget_message_forwarded_from_name"),
    )


def _published(post: lxml.html.HtmlElement) -> str | None:
    """The post time from `<time datetime>`, as ISO 8601 with its offset; raises _BadPost."""
    stamps = [t.get("datetime") for t in post.iter("time") if t.get("datetime")]
    if not stamps:
        return None
    value = times.from_text(stamps[0])
    if value is None:
        raise _BadPost(f"unreadable time {stamps[0]!r}")
    return value


def _in_reply(element: lxml.html.HtmlElement, post: lxml.html.HtmlElement) -> bool:
    """Whether element belongs to the quoted post a reply shows, not to the post itself."""
    for parent in element.iterancestors():
        if parent is post:
            return False
        if "tgme_widget_message_reply" in parent.get("class", ""):
            return True
    return False


def _by_class(root: lxml.html.HtmlElement, cls: str) -> list[lxml.html.HtmlElement]:
    """Elements under root having the CSS class `cls` (whole word)."""
    return root.xpath(f'.//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]')


def _first_text(root: lxml.html.HtmlElement, cls: str) -> str | None:
    """The text of the first element with class `cls`, or None."""
    found = _by_class(root, cls)
    text = element_text(found[0]) if found else ""
    return text or None


def _meta(root: lxml.html.HtmlElement, prop: str) -> str | None:
    """The content of `<meta property=prop>`, or None."""
    values = root.xpath(f'//meta[@property="{prop}"]/@content')
    return str(values[0]).strip() or None if values else None
