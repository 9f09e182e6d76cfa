"""The ledger's schema: one SQLAlchemy Core metadata for SQLite and PostgreSQL.

- `documents`: the text as received, its provenance and content hash. Edits of one post
  (same source and post id) are versions; only the latest version feeds the ledger.
- `extracted_incidents` / `extracted_disruptions`: what extraction found in a document,
  with evidence; `region`/`date` are the resolution partition.
- `ledger_incidents`: one row per real-world incident, with the range of figures.
- `ledger_members`: which extracted incidents make up a ledger incident, with the rule and
  reason that put each there.

The Alembic migrations in `store/migrations` create exactly this schema; a test compares them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
)

metadata = MetaData()


def _location() -> list[Column]:  # type: ignore[type-arg]
    """Location columns shared by incidents, disruptions and ledger incidents."""
    return [
        Column("country", Text), Column("admin1", Text), Column("admin1_name", Text),
        Column("admin2", Text), Column("place", Text), Column("water_body", Text),
        Column("lat", Float), Column("lon", Float), Column("precision", Integer),
    ]


def _time() -> list[Column]:  # type: ignore[type-arg]
    """Time columns: local date, window start/end (ISO 8601 with offset), precision."""
    return [Column("date", Text), Column("start", Text), Column("end", Text),
            Column("time_precision", Text)]


documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("doc_id", Text, nullable=False),
    Column("source", Text), Column("post_id", Text),
    Column("version", Integer, nullable=False),
    Column("is_latest", Boolean, nullable=False),
    Column("lang", Text), Column("published", Text), Column("edited", Text),
    Column("url", Text), Column("title", Text), Column("author", Text),
    Column("text", Text, nullable=False),
    Column("n_incidents", Integer, nullable=False), Column("n_disruptions", Integer, nullable=False),
    Index("ix_documents_source_post", "source", "post_id"),
)

extracted_incidents = Table(
    "extracted_incidents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("report_key", Text, nullable=False, unique=True),
    Column("local_id", Text, nullable=False),
    Column("region", Text, nullable=False),
    Column("kind", Text, nullable=False), Column("weapon", Text, nullable=False),
    Column("weapon_detail", Text),
    Column("count", Integer), Column("count_qualifier", Text),
    Column("role", Text, nullable=False), Column("part_of", Text),
    *_location(), *_time(),
    Column("killed", Integer), Column("injured", Integer),
    Column("damage_reported", Boolean), Column("damage_kinds", JSON, nullable=False),
    Column("target", Text),
    Column("claimant_name", Text), Column("claimant_role", Text), Column("claimant_organization", Text),
    Column("certainty", Text, nullable=False),
    Column("evidence", JSON, nullable=False), Column("evidence_text", Text, nullable=False),
    Column("interceptor", JSON),
    Index("ix_extracted_incidents_partition", "region", "date"),
    Index("ix_extracted_incidents_document", "document_id"),
)

extracted_disruptions = Table(
    "extracted_disruptions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("airports", JSON, nullable=False), Column("diverted_to", JSON, nullable=False),
    *_location(), *_time(),
    Column("evidence", JSON, nullable=False),
    Index("ix_extracted_disruptions_document", "document_id"),
)

ledger_incidents = Table(
    "ledger_incidents", metadata,
    Column("id", Text, primary_key=True),
    Column("region", Text, nullable=False), Column("date", Text),
    Column("kind", Text, nullable=False), Column("weapon", Text, nullable=False),
    Column("country", Text), Column("admin1", Text), Column("admin1_name", Text),
    Column("water_body", Text), Column("place", Text),
    Column("lat", Float), Column("lon", Float), Column("precision", Integer),
    Column("start", Text), Column("end", Text),
    Column("count_low", Integer), Column("count_high", Integer),
    Column("killed_low", Integer), Column("killed_high", Integer),
    Column("injured_low", Integer), Column("injured_high", Integer),
    Column("certainty", Text, nullable=False),
    Column("n_sources", Integer, nullable=False), Column("n_members", Integer, nullable=False),
    Index("ix_ledger_incidents_partition", "region", "date"),
    Index("ix_ledger_incidents_date", "date"),
)

ledger_aliases = Table(
    # A ledger id is named after the incident's earliest report, so a report published earlier
    # but stored later renames the incident; the old id then points at the incident that took
    # most of its reports, and reviews made under the old id follow it (`store.aliases`).
    "ledger_aliases", metadata,
    Column("old_id", Text, primary_key=True),
    Column("new_id", Text, nullable=False),
    Index("ix_ledger_aliases_new", "new_id"),
)

ledger_members = Table(
    "ledger_members", metadata,
    Column("ledger_id", Text, ForeignKey("ledger_incidents.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, ForeignKey("extracted_incidents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("rule", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_ledger_members_ledger", "ledger_id"),
)
