"""Telegram Desktop exports (`result.json`): one RawItem per text message of a channel or chat.

An export holds one chat (`{"name", "type", "id", "messages": [...]}`) or, for a full account
export, many (`{"chats": {"list": [...]}}`). A message's text is a string or a list of plain
strings and entity objects (`{"type": "bold", "text": ...}`); a media message keeps its caption
there. Service messages (joins, pins, title changes) and messages without text are skipped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from skyledger.ingest import times
from skyledger.ingest.decoding import InputProblem
from skyledger.model import RawItem, ReadError

logger = logging.getLogger(__name__)

EXPORT_HEAD = re.compile(r'\A\s*\{.*?"(?:messages|chats)"\s*:', re.S)
SNIFF_CHARS = 65_536
USERNAME_PATTERN = r"[A-Za-z][A-Za-z0-9_]{3,31}"   # a public channel's or user's @name, without the @
USERNAME = re.compile(rf"@?({USERNAME_PATTERN})\Z")


def is_export(text: str, name: str = "") -> bool:
    """Tell a Telegram Desktop export from other JSON: an object with "messages" or "chats" near the top."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff")
    if name.replace("\\", "/").rsplit("/", 1)[-1] == "result.json" and head.lstrip().startswith("{"):
        return True
    return EXPORT_HEAD.match(head) is not None


def parse_export(text: str, name: str) -> Iterator[RawItem | ReadError]:
    """Yield a RawItem per text message and a ReadError per malformed message, in export order.

    Raises InputProblem when the file as a whole is not a readable export or has no text at all.
    """
    try:
        export = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
        raise InputProblem("bad_json", f"invalid JSON in Telegram export ({reason})") from exc
    chats = _chats(export)
    yielded = False
    for chat in chats:
        for item in _chat_items(chat, name, many=len(chats) > 1):
            yielded = True
            yield item
    if not yielded:
        raise InputProblem("empty", "Telegram export with no text messages")


def _chats(export: object) -> list[dict[str, Any]]:
    """The chats of a single-chat or full-account export."""
    if isinstance(export, dict) and isinstance(export.get("messages"), list):
        return [export]
    listed = export.get("chats") if isinstance(export, dict) else None
    if isinstance(listed, dict) and isinstance(listed.get("list"), list):
        return [c for c in listed["list"] if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    raise InputProblem("bad_export", 'not a Telegram export (no "messages" list)')


def _chat_items(chat: dict[str, Any], name: str, many: bool) -> Iterator[RawItem | ReadError]:
    """The items of one chat; `many` adds the chat id to item ids of a multi-chat export."""
    title = chat.get("name") if isinstance(chat.get("name"), str) else None
    username = _username(chat.get("username"))
    prefix = f"{name}#{chat.get('id')}/" if many else f"{name}#"
    for index, message in enumerate(chat["messages"]):
        where = f"{prefix}{_message_id(message) or f'item{index}'}"
        try:
            item = _message_item(message, chat, title, username, where)
        except _BadMessage as exc:
            yield ReadError(where, "bad_record", f"{name}: message {where.rsplit('#', 1)[1]}: {exc}")
            continue
        if item is not None:
            yield item


class _BadMessage(ValueError):
    """A message whose fields are not what an export holds."""


def _message_item(
    message: object, chat: dict[str, Any], title: str | None, username: str | None, where: str
) -> RawItem | None:
    """The RawItem of one message, None for service and empty ones; raises _BadMessage."""
    if not isinstance(message, dict):
        raise _BadMessage("a message must be a JSON object")
    if message.get("type", "message") != "message":
        return None
    msg_id = _message_id(message)
    if msg_id is None:
        raise _BadMessage('missing or invalid "id"')
    text = message_text(message.get("text", ""))
    if not text.strip():
        return None
    url = f"https://t.me/{username}/{msg_id}" if username else None
    return RawItem(
        id=url or where,
        text=text,
        published=_time(message, "date"),
        url=url,
        source=title or _str(message.get("from")) or where.split("#", 1)[0],
        author=_author(message, chat),
        post_id=msg_id,
        edited=_time(message, "edited"),
        forwarded_from=_str(message.get("forwarded_from")),
    )


def message_text(value: object) -> str:
    """Join a message's text: a string, or a list of strings and `{"text": ...}` entities."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise _BadMessage(f'"text" must be a string or a list, got {type(value).__name__}')
    parts = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise _BadMessage('a "text" entity must be a string or an object with a "text" string')
    return "".join(parts)


def _message_id(message: object) -> str | None:
    """The message id as a string, when it is a non-negative integer."""
    if not isinstance(message, dict):
        return None
    value = message.get("id")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return str(value)


def _time(message: dict[str, Any], key: str) -> str | None:
    """A message time ("date" or "edited") with an explicit offset; raises _BadMessage."""
    unix, local = message.get(f"{key}_unixtime"), message.get(key)
    if unix is not None:
        if not (isinstance(unix, int) or (isinstance(unix, str) and unix.isdigit())):
            raise _BadMessage(f'"{key}_unixtime" must be a Unix time, got {unix!r}')
        try:
            return times.from_unix(unix, local if isinstance(local, str) else None)
        except (OverflowError, ValueError, OSError) as exc:
            raise _BadMessage(f'"{key}_unixtime" out of range: {unix!r}') from exc
    if local is None:
        return None
    if not isinstance(local, str):
        raise _BadMessage(f'"{key}" must be a string')
    return local


def _author(message: dict[str, Any], chat: dict[str, Any]) -> str | None:
    """The post's signature in a channel, or the sender in a group or personal chat."""
    signature = _str(message.get("author"))
    if signature or "channel" in str(chat.get("type", "")):
        return signature
    return _str(message.get("from"))


def _username(value: object) -> str | None:
    """A public channel username (`name` or `@name`), when the export names one."""
    if isinstance(value, str):
        match = USERNAME.match(value.strip())
        if match:
            return match.group(1)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
