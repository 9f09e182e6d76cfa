"""The first ledger schema: documents, extracted incidents and disruptions, ledger and members.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _location() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("country", sa.Text), sa.Column("admin1", sa.Text),
        sa.Column("admin1_name", sa.Text), sa.Column("admin2", sa.Text), sa.Column("place", sa.Text),
        sa.Column("water_body", sa.Text), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("precision", sa.Integer),
    ]


def _time() -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column("date", sa.Text), sa.Column("start", sa.Text),
            sa.Column("end", sa.Text), sa.Column("time_precision", sa.Text)]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("source", sa.Text), sa.Column("post_id", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_latest", sa.Boolean, nullable=False),
        sa.Column("lang", sa.Text), sa.Column("published", sa.Text),
        sa.Column("edited", sa.Text), sa.Column("url", sa.Text), sa.Column("title", sa.Text),
        sa.Column("author", sa.Text), sa.Column("text", sa.Text, nullable=False),
        sa.Column("n_incidents", sa.Integer, nullable=False),
        sa.Column("n_disruptions", sa.Integer, nullable=False),
    )
    op.create_index("ix_documents_source_post", "documents", ["source", "post_id"])
    op.create_table(
        "extracted_incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("report_key", sa.Text, nullable=False, unique=True),
        sa.Column("local_id", sa.Text, nullable=False), sa.Column("region", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False), sa.Column("weapon", sa.Text, nullable=False),
        sa.Column("weapon_detail", sa.Text), sa.Column("count", sa.Integer),
        sa.Column("count_qualifier", sa.Text), sa.Column("role", sa.Text, nullable=False),
        sa.Column("part_of", sa.Text), *_location(), *_time(),
        sa.Column("killed", sa.Integer), sa.Column("injured", sa.Integer),
        sa.Column("damage_reported", sa.Boolean), sa.Column("damage_kinds", sa.JSON, nullable=False),
        sa.Column("target", sa.Text), sa.Column("claimant_name", sa.Text),
        sa.Column("claimant_role", sa.Text), sa.Column("claimant_organization", sa.Text),
        sa.Column("certainty", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False), sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("interceptor", sa.JSON),
    )
    op.create_index("ix_extracted_incidents_partition", "extracted_incidents", ["region", "date"])
    op.create_index("ix_extracted_incidents_document", "extracted_incidents", ["document_id"])
    op.create_table(
        "extracted_disruptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("local_id", sa.Text, nullable=False), sa.Column("kind", sa.Text, nullable=False),
        sa.Column("airports", sa.JSON, nullable=False), sa.Column("diverted_to", sa.JSON, nullable=False),
        *_location(), *_time(), sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_index("ix_extracted_disruptions_document", "extracted_disruptions", ["document_id"])
    op.create_table(
        "ledger_incidents",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("region", sa.Text, nullable=False), sa.Column("date", sa.Text),
        sa.Column("kind", sa.Text, nullable=False), sa.Column("weapon", sa.Text, nullable=False),
        sa.Column("country", sa.Text), sa.Column("admin1", sa.Text),
        sa.Column("admin1_name", sa.Text), sa.Column("water_body", sa.Text), sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float), sa.Column("precision", sa.Integer),
        sa.Column("start", sa.Text), sa.Column("end", sa.Text),
        sa.Column("count_low", sa.Integer), sa.Column("count_high", sa.Integer),
        sa.Column("killed_low", sa.Integer), sa.Column("killed_high", sa.Integer),
        sa.Column("injured_low", sa.Integer), sa.Column("injured_high", sa.Integer),
        sa.Column("certainty", sa.Text, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False), sa.Column("n_members", sa.Integer, nullable=False),
    )
    op.create_index("ix_ledger_incidents_partition", "ledger_incidents", ["region", "date"])
    op.create_index("ix_ledger_incidents_date", "ledger_incidents", ["date"])
    op.create_table(
        "ledger_members",
        sa.Column("ledger_id", sa.Text, sa.ForeignKey("ledger_incidents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("extracted_incidents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("rule", sa.Text, nullable=False), sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_ledger_members_ledger", "ledger_members", ["ledger_id"])


def downgrade() -> None:
    for index, table in (("ix_ledger_members_ledger", "ledger_members"),
                         ("ix_ledger_incidents_date", "ledger_incidents"),
                         ("ix_ledger_incidents_partition", "ledger_incidents"),
                         ("ix_extracted_disruptions_document", "extracted_disruptions"),
                         ("ix_extracted_incidents_document", "extracted_incidents"),
                         ("ix_extracted_incidents_partition", "extracted_incidents"),
                         ("ix_documents_source_post", "documents")):
        op.drop_index(index, table_name=table)
    for table in ("ledger_members", "ledger_incidents", "extracted_disruptions",
                  "extracted_incidents", "documents"):
        op.drop_table(table)
