"""`skyledger serve` (the API and dashboard) and `skyledger token` (API tokens)."""

from __future__ import annotations

import os

import click

from skyledger.cli.options import db_option, open_ledger
from skyledger.store.review import ROLES, create_token, list_tokens


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--private", is_flag=True, help="Reads need an API token too (default: reads are public).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each keeping its own results (see docs/performance.md).")
def serve_cmd(db: str | None, host: str, port: int, private: bool, workers: int) -> None:
    """Serve the REST API under /api/v1 and the map dashboard at /.

    Reads are public unless --private; ingest and review need a token from
    `skyledger token create`. The OpenAPI document is at /openapi.json.

    Example:

        skyledger serve --db ledger.db --port 8000
    """
    import uvicorn

    from skyledger.serve.app import create_app

    with open_ledger(db) as ledger:
        click.echo(f"skyledger: dashboard at http://{host}:{port}/  (API: http://{host}:{port}/api/v1, "
                   f"press Ctrl-C to stop)", err=True)
        if workers == 1:
            uvicorn.run(create_app(ledger, public_reads=not private), host=host, port=port, log_level="warning")
            return
        url = ledger.engine.url.render_as_string(hide_password=False)
    from skyledger.serve import workers as w

    os.environ[w.DB_VAR], os.environ[w.PRIVATE_VAR] = url, "1" if private else "0"
    uvicorn.run(w.FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning")


@click.group("token")
def token_group() -> None:
    """Manage API tokens for writes and reviews."""


@token_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="analyst", show_default=True)
@db_option
def token_create(name: str, role: str, db: str | None) -> None:
    """Create a token for NAME and print it (only the hash is stored: keep it safe).

    Example:

        skyledger token create alice --role analyst
    """
    from sqlalchemy.exc import IntegrityError

    with open_ledger(db) as ledger:
        try:
            with ledger.engine.begin() as conn:
                token = create_token(conn, name, role)
        except IntegrityError:
            raise click.ClickException(f"a token named {name!r} exists already") from None
    click.echo(token)


@token_group.command("list")
@db_option
def token_list(db: str | None) -> None:
    """List token names, roles and creation times (never the tokens)."""
    with open_ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            for t in list_tokens(conn):
                click.echo(f"{t.name}\t{t.role}\t{t.created}")
