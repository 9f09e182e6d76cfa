"""SOURCES.toml: which feeds and channel previews to watch, and how often.

    interval = 600            # optional defaults for every source: seconds between polls
    timeout = 20              # seconds allowed for connecting, each read, and the whole answer

    [[source]]
    name = "frontier-wire"
    url = "https://news.example/rss"
    interval = 300

    [[source]]
    name = "coastal-watch"
    telegram = "coastalwatch"   # a public channel: its preview page https://t.me/s/coastalwatch
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skyledger.ingest.telegram import USERNAME

DEFAULT_INTERVAL = 600.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_USER_AGENT = "skyledger-watch/0.1"
TELEGRAM_PREVIEW = "https://t.me/s/{}"
CHANNEL = USERNAME   # a channel is named by its @username
NAME = re.compile(r"[^\s/\\][^/\\]*\Z")
SOURCE_KEYS = frozenset({"name", "url", "telegram", "interval", "timeout", "max_bytes"})
TOP_KEYS = frozenset({"interval", "timeout", "max_bytes", "user_agent", "source"})


class ConfigError(Exception):
    """A SOURCES.toml that cannot be used; the message names the file and the source."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One watched source: a feed or page URL, polled every `interval` seconds."""

    name: str
    url: str
    interval: float = DEFAULT_INTERVAL
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """Every source of a SOURCES.toml, and the User-Agent the watcher sends."""

    sources: tuple[SourceConfig, ...]
    user_agent: str = DEFAULT_USER_AGENT


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a SOURCES.toml; raises ConfigError with a message naming what is wrong."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    return parse_config(data, str(path))


def parse_config(data: dict[str, Any], where: str) -> WatchConfig:
    """Check the parsed TOML of a SOURCES file (see the module docstring for its shape)."""
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    defaults = {key: data[key] for key in ("interval", "timeout", "max_bytes") if key in data}
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{where}: no [[source]] tables: nothing to watch")
    sources = [_source({**defaults, **table} if isinstance(table, dict) else table, where, n)
               for n, table in enumerate(tables, start=1)]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{where}: source names must be unique; repeated: {', '.join(duplicates)}")
    agent = data.get("user_agent", DEFAULT_USER_AGENT)
    if not isinstance(agent, str) or not agent.strip():
        raise ConfigError(f"{where}: user_agent must be a non-empty string")
    return WatchConfig(tuple(sources), agent.strip())


def _source(table: object, where: str, number: int) -> SourceConfig:
    """One [[source]] table as a SourceConfig."""
    label = f"{where}: source {number}"
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: must be a table")
    name = table.get("name")
    if isinstance(name, str) and name.strip():
        label = f"{where}: source {name.strip()!r}"
    unknown = set(table) - SOURCE_KEYS
    if unknown:
        raise ConfigError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(name, str) or not NAME.match(name.strip()):
        raise ConfigError(f"{label}: needs a name (a string without slashes)")
    return SourceConfig(
        name=name.strip(),
        url=_url(table, label),
        interval=_positive(table, "interval", DEFAULT_INTERVAL, label),
        timeout=_positive(table, "timeout", DEFAULT_TIMEOUT, label),
        max_bytes=int(_positive(table, "max_bytes", DEFAULT_MAX_BYTES, label)),
    )


def _url(table: dict[str, Any], label: str) -> str:
    """The URL to poll: `url`, or the preview page of the `telegram` channel."""
    url, channel = table.get("url"), table.get("telegram")
    if (url is None) == (channel is None):
        raise ConfigError(f"{label}: give exactly one of url or telegram")
    if channel is not None:
        match = CHANNEL.match(channel.strip()) if isinstance(channel, str) else None
        if match is None:
            raise ConfigError(f"{label}: telegram must be a public channel username, got {channel!r}")
        return TELEGRAM_PREVIEW.format(match.group(1))
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{label}: url must be an http(s) URL, got {url!r}")
    return url


def _positive(table: dict[str, Any], key: str, default: float, label: str) -> float:
    """A positive number of seconds (or bytes) from the table, else the default."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{label}: {key} must be a positive number, got {value!r}")
    return float(value)
