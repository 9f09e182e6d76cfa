"""One conditional HTTP GET with limits: validators sent, time and size capped, failures named."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime

import httpx

RETRY_STATUSES = frozenset({429, 503})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful answer: 200 with its body and validators, or 304 with none."""

    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    seconds: float = 0.0


class FetchFailure(Exception):
    """A poll that gave nothing usable; `retry_after` is the server's wish in seconds, if any."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def fetch(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    max_bytes: int,
) -> Fetched:
    """GET url with If-None-Match / If-Modified-Since; raises FetchFailure.

    `timeout` bounds connecting and each read, and also the whole transfer, so a server that
    trickles bytes cannot hold the watcher.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    deadline = started + timeout
    try:
        with client.stream("GET", url, headers=headers, timeout=httpx.Timeout(timeout)) as response:
            if response.status_code == 304:
                return Fetched(304, seconds=time.monotonic() - started)
            if response.status_code != 200:
                wait = retry_after(response.headers.get("Retry-After"))
                raise FetchFailure(f"HTTP {response.status_code}", wait if response.status_code in RETRY_STATUSES else None)
            body = _read_capped(response, deadline, max_bytes, timeout)
            return Fetched(200, body, response.headers.get("ETag"), response.headers.get("Last-Modified"),
                           time.monotonic() - started)
    except httpx.TimeoutException as exc:
        raise FetchFailure(f"timed out after {timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchFailure(f"request failed ({type(exc).__name__}: {exc})") from exc


def _read_capped(response: httpx.Response, deadline: float, max_bytes: int, timeout: float) -> bytes:
    """The body, refusing more than max_bytes or a transfer past the deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailure(f"response too large ({declared} bytes > {max_bytes})")
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailure(f"response too large (more than {max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise FetchFailure(f"timed out after {timeout:g} s (transfer too slow)")
        parts.append(chunk)
    return b"".join(parts)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)
