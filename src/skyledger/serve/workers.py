"""`skyledger serve --workers N`: uvicorn starts N processes, and each builds its own app.

Uvicorn imports the app by name in every worker process, so the ledger to serve and the
read setting travel in environment variables set by the command; the schema was brought up
to date once, by the command, before the workers start.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from skyledger.serve.app import create_app
from skyledger.store import Ledger

DB_VAR = "SKYLEDGER_SERVE_DB"
PRIVATE_VAR = "SKYLEDGER_SERVE_PRIVATE"
FACTORY = "skyledger.serve.workers:app_from_env"


def app_from_env() -> FastAPI:
    """The app over the ledger named in `$SKYLEDGER_SERVE_DB` (reads private when `$..._PRIVATE=1`)."""
    ledger = Ledger.open(os.environ[DB_VAR], migrate=False)
    return create_app(ledger, public_reads=os.environ.get(PRIVATE_VAR) != "1")
