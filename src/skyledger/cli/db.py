"""`skyledger db`: database housekeeping."""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from skyledger.cli.options import safe_url, db_option
from skyledger.store import StoreError, database_url
from skyledger.store.engine import connect, first_line, upgrade


@click.group("db")
def db_group() -> None:
    """Manage the ledger database."""


@db_group.command("upgrade")
@db_option
def upgrade_cmd(db: str | None) -> None:
    """Create the ledger's tables or bring them to this version's schema.

    Example:

        skyledger db upgrade --db postgresql://postgres@127.0.0.1/skyledger
    """
    where = safe_url(database_url(db))
    try:
        engine = connect(db)
        try:
            before, after = upgrade(engine)
        finally:
            engine.dispose()
    except (SQLAlchemyError, StoreError, OSError) as exc:
        raise click.ClickException(f"cannot upgrade the ledger at {where}: {first_line(exc)}") from exc
    if before == after:
        click.echo(f"{where}: already at revision {after}")
    else:
        click.echo(f"{where}: upgraded from {before or 'empty'} to {after}")
