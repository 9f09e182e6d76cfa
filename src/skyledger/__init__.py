"""skyledger: a ledger of aerial incidents and their civilian fallout, built from reports."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from skyledger import engine as _engine  # noqa: E402  (before anything imports the extraction engine)

_engine.build()
