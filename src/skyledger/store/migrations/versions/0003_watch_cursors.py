"""Watch cursors: what `skyledger watch` has read of each source.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_cursors",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("cursor", sa.JSON, nullable=False),
        sa.Column("updated", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("watch_cursors")
