"""Opening a ledger database: where it lives, how it is connected, and its migrations.

`--db` takes a path (a SQLite file) or a URL (`sqlite:///...`, `postgresql://...`); by
default the ledger is a SQLite file in the user's data directory. SQLite runs in WAL mode
with foreign keys on; PostgreSQL is reached through psycopg 3.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_VAR = "SKYLEDGER_DB"


class StoreError(Exception):
    """A ledger database that cannot be opened or used, with a message for the user."""


def default_path() -> Path:
    """The embedded ledger: `ledger.db` in the user's data directory."""
    return Path(user_data_dir("skyledger", appauthor=False)) / "ledger.db"


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for `--db` (a path or URL), `$SKYLEDGER_DB`, or the default file."""
    db = db or os.environ.get(ENV_VAR) or str(default_path())
    if "://" not in db:
        path = Path(db).expanduser().resolve()
        return f"sqlite:///{path}"
    url = make_url(db)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def connect(db: str | None = None) -> Engine:
    """An engine for the ledger at `db`; creates the SQLite file's folder when needed."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            try:
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {url.database}: {exc.strerror}") from exc
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() != "postgresql":
        raise StoreError(f"unsupported database {url.drivername!r}: use a path, sqlite:/// or postgresql://")
    return create_engine(url)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL (readers never block the writer), foreign keys on, fsync at checkpoints."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    """The newest migration shipped with this version of skyledger."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the database to the newest schema; returns (revision before, revision after)."""
    before = current_revision(engine)
    if before != head_revision():
        cfg = _config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return before, current_revision(engine)


def first_line(exc: BaseException) -> str:
    """The first line of a database error's own message (the driver's, not SQLAlchemy's wrapper)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
