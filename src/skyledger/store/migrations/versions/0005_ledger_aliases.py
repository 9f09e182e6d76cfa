"""Ledger aliases: where a ledger incident's id went when re-resolution renamed it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_aliases",
        sa.Column("old_id", sa.Text, primary_key=True),
        sa.Column("new_id", sa.Text, nullable=False),
    )
    op.create_index("ix_ledger_aliases_new", "ledger_aliases", ["new_id"])


def downgrade() -> None:
    op.drop_index("ix_ledger_aliases_new", table_name="ledger_aliases")
    op.drop_table("ledger_aliases")
