"""Review log and API tokens.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("created", sa.Text, nullable=False),
    )
    op.create_table(
        "review_actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Text, nullable=False), sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False), sa.Column("ledger_id", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False), sa.Column("note", sa.Text),
        sa.Column("undoes", sa.Integer),
    )
    op.create_index("ix_review_actions_ledger", "review_actions", ["ledger_id"])


def downgrade() -> None:
    op.drop_index("ix_review_actions_ledger", table_name="review_actions")
    op.drop_table("review_actions")
    op.drop_table("api_tokens")
