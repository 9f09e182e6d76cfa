"""Time expressions anchored to the publication time: dates, nights and windows."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Final

from skyledger.extract.view import View
from skyledger.model import TimeInfo

_ORDINAL: Final = re.compile(r"^(\d{1,2})(st|nd|rd|th|-го|-е|-го)?\.?$")
_ISO: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SLASH: Final = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DOTTED: Final = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_CLOCK: Final = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")
_RANGE_DAYS: Final = re.compile(r"^(\d{1,2})[-–](\d{1,2})$")


class SentenceTime:
    """What one sentence says about when: a time anchor, and whether it is the past."""

    __slots__ = ("info", "past")

    def __init__(self, info: TimeInfo | None, past: bool) -> None:   # not a dataclass: see annotate.Mark
        self.info = info
        self.past = past

    def __repr__(self) -> str:
        return f"SentenceTime({self.info!r}, {self.past!r})"


def parse_published(published: str | None) -> datetime | date | None:
    """'2025-12-13' -> date; ISO datetime with offset -> datetime; anything else -> None."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def publication_day(published: datetime | date | None) -> TimeInfo | None:
    """The day of publication, for a report that names no time at all (a post about what
    happened on the day it was posted)."""
    pub = _pub_date(published)
    return None if pub is None else TimeInfo(pub.isoformat(), None, None, "day")


def _pub_date(published: datetime | date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def sentence_time(view: View, a: int, b: int, published: datetime | date | None) -> SentenceTime:
    """The time anchor of tokens [a, b), resolved against the publication time."""
    if not view.has(a, b, "time.") and not view.digit_tokens(a, b):
        return SentenceTime(None, False)   # no time word, no date or clock
    pub = _pub_date(published)
    past = view.has(a, b, "time.past")
    explicit = _explicit_dates(view, a, b, pub)
    night = view.has(a, b, "time.night")
    precision = "night" if night else "day"
    if explicit:
        when = max(explicit)
        if pub is not None and when < pub - timedelta(days=2):
            past = True
        start, end = _window(view, a, b, explicit, published)
        return SentenceTime(TimeInfo(when.isoformat(), start, end, precision), past)
    if pub is None:
        return SentenceTime(None, past)
    for m in view.within(a, b, "time.weekday"):
        delta = (pub.weekday() - int(m.value)) % 7
        when = pub - timedelta(days=delta)
        return SentenceTime(TimeInfo(when.isoformat(), None, None, precision), past)
    for m in view.within(a, b, "time.day"):
        if m.value == "yesterday":
            return SentenceTime(TimeInfo((pub - timedelta(days=1)).isoformat(), None, None, "day"), past)
        return SentenceTime(TimeInfo(pub.isoformat(), None, None, "day" if not night else "night"), past)
    if night:
        start, end = _window(view, a, b, [pub], published)
        return SentenceTime(TimeInfo(pub.isoformat(), start, end, "night"), past)
    if len(_clocks(view, a, b)) >= 2:   # "from 16:00 to 20:00 MSK" with no date: a window on the day of publication
        start, end = _window(view, a, b, [pub], published)
        return SentenceTime(TimeInfo(pub.isoformat(), start, end, "day"), past)
    return SentenceTime(None, past)


def _explicit_dates(view: View, a: int, b: int, pub: date | None) -> list[date]:
    out: list[date] = []
    for k in view.digit_tokens(a, b):   # each pattern starts with a digit
        t = view.words[k]
        for rx, order in ((_ISO, "ymd"), (_SLASH, "mdy"), (_DOTTED, "dmy")):
            found = rx.match(t)
            if found:
                y, mo, d = _ordered(found.groups(), order)
                _add(out, y, mo, d)
    for m in view.within(a, b, "time.month"):
        day = _day_near(view, m.i, m.j, a, b)
        if day is None:
            continue
        year = _year_near(view, m.j, b)
        if year is None and pub is not None:
            year = pub.year
            if date(year, 1, 1).replace(month=int(m.value)) > pub + timedelta(days=1):
                year -= 1
        if year is not None:
            _add(out, year, int(m.value), day)
    return out


def _ordered(groups: tuple[str, ...], order: str) -> tuple[int, int, int]:
    vals = dict(zip(order, (int(g) for g in groups)))
    return vals["y"], vals["m"], vals["d"]


def _add(out: list[date], y: int, mo: int, d: int) -> None:
    try:
        out.append(date(y, mo, d))
    except ValueError:
        pass


def _day_near(view: View, i: int, j: int, a: int, b: int) -> int | None:
    for k in (view.skip_space(j), view.skip_space(i - 1, -1)):
        if a <= k < b:
            text = view.words[k]
            m = _ORDINAL.match(text)
            if m and 1 <= int(m.group(1)) <= 31:
                return int(m.group(1))
            r = _RANGE_DAYS.match(text)
            if r:
                return int(r.group(2))
    # "9-10 September": tokens 9 - 10 before the month
    k = view.skip_space(i - 1, -1)
    if k - 2 >= a and view.words[k - 1] in "-–" and view.words[k].isdecimal():
        return int(view.words[k])
    return None


def _year_near(view: View, j: int, b: int) -> int | None:
    for k in range(j, min(b, j + 4)):
        t = view.words[k]
        if len(t) == 4 and t.isdecimal() and 1990 < int(t) < 2100:
            return int(t)
    return None


def _window(view: View, a: int, b: int, dates: list[date], published: datetime | date | None) -> tuple[str | None, str | None]:
    clocks = _clocks(view, a, b)
    if len(clocks) < 2:
        return None, None
    zone = _zone(view, a, b, published)
    if zone is None:
        return None, None
    end_day = max(dates)
    (_, h1, m1), (_, h2, m2) = clocks[0], clocks[1]
    start_day = end_day - timedelta(days=1) if (h1, m1) > (h2, m2) else end_day
    start = datetime.combine(start_day, time(h1, m1), zone)
    end = datetime.combine(end_day, time(h2, m2), zone)
    return start.isoformat(), end.isoformat()


def _clocks(view: View, a: int, b: int) -> list[tuple[int, int, int]]:
    """Clock times in tokens [a, b): (token, hour, minute)."""
    clocks: list[tuple[int, int, int]] = []
    for k in view.digit_tokens(a, b):
        m = _CLOCK.match(view.words[k])
        if not m:
            continue
        hour, minute = int(m.group(1)), int(m.group(2))
        nxt = view.starting(view.skip_space(k + 1), "time.ampm")
        if nxt is not None:
            hour = hour % 12 + (12 if nxt.value == "pm" else 0)
        if hour < 24 and minute < 60:
            clocks.append((k, hour, minute))
    return clocks


def _zone(view: View, a: int, b: int, published: datetime | date | None) -> timezone | None:
    for m in view.within(a, b, "time.zone"):
        if m.value == "local":
            break
        sign = -1 if m.value.startswith("-") else 1
        hh, mm = m.value[1:].split(":")
        return timezone(sign * timedelta(hours=int(hh), minutes=int(mm)))
    if isinstance(published, datetime) and published.tzinfo is not None:
        offset = published.utcoffset()
        return timezone(offset) if offset is not None else None
    return None
