"""Publication times from sources, as ISO 8601 strings that keep an explicit UTC offset."""

from __future__ import annotations

import calendar
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MAX_OFFSET = timedelta(hours=14)


def from_unix(unix: int | float | str, local: str | None = None) -> str:
    """The instant of a Unix time, with the offset of `local` (the same instant as naive local time).

    Telegram Desktop writes each time twice: `date` as naive local time of the exporting
    machine and `date_unixtime`. The instant comes from the Unix time; the difference between
    the two is the exporter's UTC offset at that moment, which keeps the local calendar date.
    Without a usable `local`, the time is given in UTC.
    """
    instant = datetime.fromtimestamp(int(unix), timezone.utc)
    offset = _local_offset(instant, local)
    return instant.astimezone(timezone(offset)).isoformat() if offset else instant.isoformat()


def _local_offset(instant: datetime, local: str | None) -> timedelta | None:
    """The offset of a naive local time from the UTC instant, when it is whole minutes within ±14 h."""
    if not local:
        return None
    try:
        naive = datetime.fromisoformat(local)
    except ValueError:
        return None
    if naive.tzinfo is not None:
        return naive.utcoffset()
    offset = naive - instant.replace(tzinfo=None)
    if abs(offset) > MAX_OFFSET or offset.total_seconds() % 60:
        return None
    return offset


def from_text(raw: str | None, parsed_utc: time.struct_time | None = None) -> str | None:
    """A feed's date string (RFC 822 or ISO 8601) as ISO 8601 with its own offset.

    Falls back to the parser's UTC reading (`parsed_utc`, as feedparser gives it) when the
    raw string is in a form neither standard covers.
    """
    if raw:
        for parse in (_rfc822, _iso):
            value = parse(raw.strip())
            if value is not None:
                return value
    if parsed_utc is not None:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed_utc), timezone.utc).isoformat()
        except (OverflowError, ValueError, OSError):
            return None
    return None


def _rfc822(raw: str) -> str | None:
    try:
        value = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return value.isoformat() if value is not None else None


def _iso(raw: str) -> str | None:
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None
