"""Indexes for the API on a large ledger: the listing order, and one region in that order.

See `skyledger.store.indexes` for what each serves. SQLite sorts NULLs last in a descending
index by itself and rejects `NULLS LAST` there; PostgreSQL needs it said.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    newest = sa.text("date DESC NULLS LAST" if op.get_bind().dialect.name == "postgresql" else "date DESC")
    op.create_index("ix_ledger_incidents_newest", "ledger_incidents",
                    [newest, "region", "id", "kind", "weapon", "count_low", "count_high"])
    op.create_index("ix_ledger_incidents_admin1_newest", "ledger_incidents", ["admin1", newest, "region", "id"])


def downgrade() -> None:
    op.drop_index("ix_ledger_incidents_admin1_newest", table_name="ledger_incidents")
    op.drop_index("ix_ledger_incidents_newest", table_name="ledger_incidents")
