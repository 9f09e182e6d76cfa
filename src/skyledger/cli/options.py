"""Options shared by the ledger commands: `--db` and the incident filters."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from skyledger.model import Certainty, Kind, Weapon
from skyledger.store import Filters, Ledger, StoreError, database_url
from skyledger.store.engine import first_line

DB_HELP = ("The ledger: a SQLite file path, a sqlite:/// or postgresql:// URL. "
           "Default: $SKYLEDGER_DB, else ledger.db in the user's data directory.")


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db PATH|URL`."""
    return click.option("--db", "db", metavar="PATH|URL", default=None, help=DB_HELP)(func)


@contextmanager
def open_ledger(db: str | None) -> Iterator[Ledger]:
    """Open (and migrate) the ledger; database problems become one-line errors."""
    where = database_url(db)
    try:
        ledger = Ledger.open(db)
    except (SQLAlchemyError, StoreError, OSError) as exc:
        raise click.ClickException(f"cannot open the ledger at {safe_url(where)}: {first_line(exc)}") from exc
    try:
        yield ledger
    except SQLAlchemyError as exc:
        raise click.ClickException(f"ledger {safe_url(where)}: {first_line(exc)}") from exc
    finally:
        ledger.close()


def safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)




def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-14") from exc


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The incident filters; the command receives them as one `filters: Filters`."""
    options = [
        click.option("--since", callback=_iso_date, help="First date (YYYY-MM-DD), inclusive."),
        click.option("--until", callback=_iso_date, help="Last date (YYYY-MM-DD), inclusive."),
        click.option("--admin1", multiple=True, help="ISO 3166-2 region code (repeatable), e.g. RU-BRY."),
        click.option("--kind", multiple=True, type=click.Choice([str(k) for k in Kind])),
        click.option("--weapon", multiple=True, type=click.Choice([str(w) for w in Weapon])),
        click.option("--certainty", multiple=True, type=click.Choice([str(c) for c in Certainty])),
        click.option("--claimant", help="Part of a claimant's name, role or organization."),
        click.option("--text", help="Part of an evidence sentence or place name."),
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = ("since", "until", "admin1", "kind", "weapon", "certainty", "claimant", "text")
        values = {n: kwargs.pop(n) for n in names}
        kwargs["filters"] = Filters(**{n: tuple(v) if isinstance(v, tuple) else v for n, v in values.items()})
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
