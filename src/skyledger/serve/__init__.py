"""Serving the ledger: the REST API under /api/v1 (`app`), its operations (`service`), reviews
laid over the resolved ledger (`overlay`), request and response shapes (`schemas`), and the
dashboard's static files (`static/`)."""
